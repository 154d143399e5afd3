package org.firebreak.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.model.InvalidFieldException;

/**
 * Strict JSON binding for the model. Unknown fields, unknown enum values, missing required fields, duplicate keys,
 * trailing content and scalar coercions ("5" for 5, 5 for an enum) are errors; each error names the JSON path of the
 * offending value, e.g. {@code $.sources[0].kind}. Instances are immutable and thread-safe.
 */
public final class StrictJson {
  private final ObjectMapper mapper;

  public StrictJson() {
    JsonMapper m = JsonMapper.builder(pooledBuffers())
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .serializationInclusion(JsonInclude.Include.NON_ABSENT)
        .build();
    m.coercionConfigDefaults()
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    this.mapper = m;
  }

  /**
   * A JSON factory whose parsers and generators take their buffers from a pool all threads share. Jackson's default
   * keeps them per thread, and a server's virtual threads live for one request each, so every request allocated new
   * ones.
   */
  public static com.fasterxml.jackson.core.JsonFactory pooledBuffers() {
    return com.fasterxml.jackson.core.JsonFactory.builder()
        .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.sharedConcurrentDequePool()).build();
  }

  /** Reads one JSON document as {@code type}; {@code origin} names it in errors (a file name, "request body"). */
  public <T> T read(String json, Class<T> type, String origin) {
    Objects.requireNonNull(json, "json");
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw translate(e, origin);
    }
  }

  /** Binds an already parsed tree (from JSON or YAML) as {@code type}. */
  public <T> T bind(JsonNode tree, Class<T> type, String origin) {
    Objects.requireNonNull(tree, "tree");
    try {
      return mapper.treeToValue(tree, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw translate(e, origin);
    }
  }

  /** Parses JSON text to a tree, with the same strictness about syntax and duplicate keys. */
  public JsonNode readTree(String json, String origin) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw translate(e, origin);
    }
  }

  /** The model as indented JSON, for people. */
  public String writePretty(Object value) {
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the model always serialises", e);
    }
  }

  /** The model as a JSON tree (what is hashed goes through {@link CanonicalJson}). */
  public JsonNode toTree(Object value) {
    return mapper.valueToTree(value);
  }

  /** The model as compact JSON. */
  public String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the model always serialises", e);
    }
  }

  private static InvalidInputException translate(Exception e, String origin) {
    if (e instanceof IllegalArgumentException iae && iae.getCause() instanceof JsonProcessingException jpe) {
      return translate(jpe, origin);
    }
    StreamReadException syntax = syntaxError(e);
    if (syntax != null || !(e instanceof JsonMappingException jme)) {
      if (syntax != null) {
        e = syntax;
      }
      // Syntax errors: the path is not known yet, the location is.
      String where = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
          ? " at line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr() : "";
      String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
      return new InvalidInputException(origin, "$", "malformed JSON" + where + ": " + firstLine(detail), e);
    }
    String path = path(jme);
    if (jme instanceof ValueInstantiationException && jme.getCause() instanceof InvalidFieldException f) {
      String p = f.field().isEmpty() ? path : path + "." + f.field();
      return new InvalidInputException(origin, p, f.getMessage(), e);
    }
    if (jme instanceof UnrecognizedPropertyException u) {
      return new InvalidInputException(origin, path, "unknown field '" + u.getPropertyName() + "'", e);
    }
    if (jme instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
      return new InvalidInputException(origin, path, "unknown value '" + f.getValue() + "' (allowed: "
          + allowed(f.getTargetType()) + ")", e);
    }
    if (jme instanceof MismatchedInputException m && m.getTargetType() != null && m.getTargetType().isEnum()) {
      return new InvalidInputException(origin, path, "expected one of " + allowed(m.getTargetType()), e);
    }
    if (jme.getCause() instanceof InvalidFieldException f) {
      return new InvalidInputException(origin, path, f.getMessage(), e);
    }
    if (jme instanceof InvalidFormatException f && f.getTargetType() != null) {
      return new InvalidInputException(origin, path, "expected " + describe(f.getTargetType()) + ", got '"
          + f.getValue() + "'", e);
    }
    if (jme instanceof MismatchedInputException m && m.getTargetType() != null) {
      String original = m.getOriginalMessage() == null ? "" : m.getOriginalMessage();
      String what = original.startsWith("No content") ? "the document is empty"
          : original.startsWith("Trailing token") ? "trailing content after the document: " + firstLine(original)
          : "expected " + describe(m.getTargetType());
      return new InvalidInputException(origin, path, what, e);
    }
    String location = "";
    JsonLocation loc = jme.getLocation();
    if (path.equals("$") && loc != null && loc.getLineNr() > 0) {
      location = " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }
    return new InvalidInputException(origin, path, firstLine(jme.getOriginalMessage()) + location, e);
  }

  // Jackson may wrap a syntax error met inside a nested value in a mapping exception.
  private static StreamReadException syntaxError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamReadException s && !(t instanceof MismatchedInputException)) {
        return s;
      }
    }
    return null;
  }

  // Words for the shapes a reader expects, instead of Java type names.
  private static String describe(Class<?> type) {
    if (type == java.time.Instant.class) {
      return "a timestamp such as 2026-11-20T10:00:00Z (RFC 3339, UTC)";
    }
    if (type == java.time.LocalDate.class) {
      return "a date such as 2026-11-20";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (type.isEnum()) {
      return "one of " + allowed(type);
    }
    return "an object";
  }

  private static String allowed(Class<?> enumType) {
    return Arrays.stream(enumType.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder("$");
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append('.').append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
