package org.firebreak.detect.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.error.UnreadableFileException;

/**
 * How the columns of a CSV file map to event fields ({@code --format csv --mapping FILE}):
 * <pre>{@code
 * {"columns": {"id": "Request ID", "time": "When", "organization": "Agency", "reason": "Purpose"},
 *  "custodian": "Example County SO", "custodianJurisdiction": "US-CA", "sharedAccess": true}
 * }</pre>
 * {@code columns} maps field names ({@link Field#wire()}) to header names, exactly as written in the file. Only
 * {@code columns} is required; {@code sharedAccess} (default false) says the rows are other organisations' access to
 * the custodian's data. Unknown names are an error, not ignored.
 */
public record ColumnMapping(Map<Field, String> columns, Optional<String> custodian,
    Optional<String> custodianJurisdiction, boolean sharedAccess) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ColumnMapping {
    columns = Map.copyOf(columns);
    Objects.requireNonNull(custodian, "custodian");
    Objects.requireNonNull(custodianJurisdiction, "custodianJurisdiction");
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a mapping needs at least one column");
    }
  }

  public static ColumnMapping read(Path file, String label) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InvalidInputException(label, "line " + line, "not JSON: " + CsvRows.firstLine(e.getOriginalMessage()),
          e);
    } catch (IOException e) {
      throw new UnreadableFileException(label, e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(label, "$", "a mapping is a JSON object with 'columns'", null);
    }
    Map<Field, String> columns = new EnumMap<>(Field.class);
    Optional<String> custodian = Optional.empty();
    Optional<String> jurisdiction = Optional.empty();
    boolean shared = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = "$." + e.getKey();
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "columns" -> {
          if (!v.isObject()) {
            throw new InvalidInputException(label, path, "must be an object of field: column name", null);
          }
          for (Iterator<Map.Entry<String, JsonNode>> c = v.fields(); c.hasNext(); ) {
            Map.Entry<String, JsonNode> col = c.next();
            Field f = Field.ofWire(col.getKey()).orElseThrow(() -> new InvalidInputException(label,
                path + "." + col.getKey(), "unknown field (allowed: " + Arrays.stream(Field.values())
                    .map(Field::wire).collect(Collectors.joining(", ")) + ")", null));
            columns.put(f, string(label, path + "." + col.getKey(), col.getValue()));
          }
        }
        case "custodian" -> custodian = Optional.of(string(label, path, v));
        case "custodianJurisdiction" -> jurisdiction = Optional.of(string(label, path, v));
        case "sharedAccess" -> {
          if (!v.isBoolean()) {
            throw new InvalidInputException(label, path, "must be true or false", null);
          }
          shared = v.booleanValue();
        }
        default -> throw new InvalidInputException(label, path,
            "unknown field (allowed: columns, custodian, custodianJurisdiction, sharedAccess)", null);
      }
    }
    if (columns.isEmpty()) {
      throw new InvalidInputException(label, "$.columns", "missing: map at least one field to a column", null);
    }
    return new ColumnMapping(columns, custodian, jurisdiction, shared);
  }

  private static String string(String label, String path, JsonNode v) {
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new InvalidInputException(label, path, "must be a non-empty string", null);
    }
    return v.asText();
  }
}
