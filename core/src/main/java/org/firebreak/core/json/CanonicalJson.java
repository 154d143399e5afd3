package org.firebreak.core.json;

import com.fasterxml.jackson.databind.JsonNode;
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
    if (!tree.isContainerNode()) {
      throw new IllegalArgumentException("not canonicalisable JSON: a bare " + tree.getNodeType());
    }
    StringBuilder out = new StringBuilder(256);
    if (write(tree, out)) {
      return out.toString().getBytes(StandardCharsets.UTF_8);
    }
    return canonicalize(tree.toString());
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
      default -> {
        return false;
      }
    }
  }

  /** RFC 8785 § 3.2.2.2: ECMAScript's JSON.stringify of a string; false for a lone surrogate. */
  private static boolean string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
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
          } else if (Character.isLowSurrogate(c)) {
            return false;
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
    return true;
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** The canonical form as a string. */
  public static String canonicalString(String json) {
    return new String(canonicalize(json), StandardCharsets.UTF_8);
  }
}
