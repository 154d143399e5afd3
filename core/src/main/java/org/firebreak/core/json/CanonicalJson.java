package org.firebreak.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * RFC 8785 JSON Canonicalization Scheme: sorted keys (by UTF-16 code units), no whitespace, ECMAScript number
 * and string serialisation. This is what gets hashed into the ledger, so it must be byte-exact; the work is done by
 * the JCS reference implementation for Java (io.github.erdtman:java-json-canonicalization).
 *
 * <p>{@link #canonicalize(JsonNode)} writes a tree the gateway built directly, without printing and re-parsing it:
 * that is what the ledger entries and commitments of every request go through. It writes strings, integers in
 * ECMAScript's exact range, booleans and null itself, the way RFC 8785 § 3.2.2 says; a tree holding anything else (a
 * fraction, a larger integer, a lone surrogate) goes to the library, so both paths always agree.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** The canonical UTF-8 bytes of a JSON object or array (the library takes no bare scalars). */
  public static byte[] canonicalize(String json) {
    try {
      return new JsonCanonicalizer(json).getEncodedUTF8();
    } catch (IOException e) {
      throw new IllegalArgumentException("not canonicalisable JSON: " + e.getMessage(), e);
    }
  }

  /** The canonical UTF-8 bytes of a JSON tree (an object or an array). */
  public static byte[] canonicalize(JsonNode tree) {
    return canonicalText(tree).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The canonical form of a JSON tree (an object or an array), as a value another tree can hold ({@link
   * Canonical#node()}): canonicalising that tree writes it as it is instead of again, so a part that goes into
   * several canonical documents is written once.
   */
  public static Canonical canonical(JsonNode tree) {
    return new Canonical(canonicalText(tree), tree.deepCopy());
  }

  private static String canonicalText(JsonNode tree) {
    if (!tree.isContainerNode()) {
      throw new IllegalArgumentException("not canonicalisable JSON: a bare " + tree.getNodeType());
    }
    StringBuilder out = new StringBuilder(4096); // the documents it writes per request are 1 to 5 KB
    if (write(tree, out)) {
      return out.toString();
    }
    // The library reads text: a held canonical part is printed as the tree it was made from (its text may hold a
    // lone surrogate as it is, which the library does not read back).
    return canonicalString(tree.toString());
  }

  /**
   * Canonical JSON text of an object or an array. Made only by {@link #canonical}, so a tree holding one holds
   * canonical JSON there, not text anyone could have put in.
   */
  public static final class Canonical {
    private final String text;
    private final JsonNode source;

    private Canonical(String text, JsonNode source) {
      this.text = text;
      this.source = source;
    }

    /** The canonical JSON text. */
    public String text() {
      return text;
    }

    /** A tree node holding this value: {@link #canonicalize} copies its text, Jackson prints the same value. */
    public JsonNode node() {
      return new POJONode(new Raw(this));
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * How a tree holds a {@link Canonical}: {@link #write} copies its text; Jackson prints the tree it was made from,
   * which means the same and escapes what Jackson escapes.
   */
  private static final class Raw implements com.fasterxml.jackson.databind.JsonSerializable {
    private final Canonical value;

    Raw(Canonical value) {
      this.value = value;
    }

    @Override
    public void serialize(com.fasterxml.jackson.core.JsonGenerator gen,
        com.fasterxml.jackson.databind.SerializerProvider provider) throws IOException {
      ((com.fasterxml.jackson.databind.JsonSerializable) value.source).serialize(gen, provider);
    }

    @Override
    public void serializeWithType(com.fasterxml.jackson.core.JsonGenerator gen,
        com.fasterxml.jackson.databind.SerializerProvider provider,
        com.fasterxml.jackson.databind.jsontype.TypeSerializer type) throws IOException {
      serialize(gen, provider);
    }
  }


  /** The largest integer ECMAScript numbers hold exactly (2^53); beyond it RFC 8785 prints a double's digits. */
  private static final long EXACT = 1L << 53;

  /** Writes {@code node} canonically; false when it holds something only the library writes. */
  private static boolean write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.size());
        node.fields().forEachRemaining(fields::add);
        // RFC 8785 § 3.2.3: by the keys' UTF-16 code units, which is String.compareTo.
        fields.sort(Map.Entry.comparingByKey());
        out.append('{');
        for (int i = 0; i < fields.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          if (!string(fields.get(i).getKey(), out)) {
            return false;
          }
          out.append(':');
          if (!write(fields.get(i).getValue(), out)) {
            return false;
          }
        }
        out.append('}');
        return true;
      }
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          if (!write(node.get(i), out)) {
            return false;
          }
        }
        out.append(']');
        return true;
      }
      case STRING -> {
        return string(node.textValue(), out);
      }
      case NUMBER -> {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
          return false;
        }
        long v = node.longValue();
        if (v > EXACT || v < -EXACT) {
          return false;
        }
        out.append(v);
        return true;
      }
      case BOOLEAN -> {
        out.append(node.booleanValue());
        return true;
      }
      case NULL -> {
        out.append("null");
        return true;
      }
      case POJO -> {
        if (((POJONode) node).getPojo() instanceof Raw raw) {
          out.append(raw.value.text);
          return true;
        }
        return false;
      }
      default -> {
        return false;
      }
    }
  }

  /** RFC 8785 § 3.2.2.2: ECMAScript's JSON.stringify of a string; false for a lone surrogate. */
  private static boolean string(String s, StringBuilder out) {
    out.append('"');
    int run = 0; // characters from here to i are written as they are, in one append
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
        continue;
      }
      out.append(s, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else if (Character.isHighSurrogate(c)) {
            if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
              return false;
            }
            out.append(c).append(s.charAt(++i));
            run = i + 1;
          } else {
            return false; // a lone low surrogate
          }
        }
      }
    }
    out.append(s, run, s.length());
    out.append('"');
    return true;
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** The canonical form as a string. */
  public static String canonicalString(String json) {
    return new String(canonicalize(json), StandardCharsets.UTF_8);
  }
}
