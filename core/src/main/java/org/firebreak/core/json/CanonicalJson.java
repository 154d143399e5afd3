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
    return utf8(tree).toByteArray();
  }

  /**
   * Feeds the canonical UTF-8 bytes of a JSON tree (an object or an array) to {@code digest}, as {@code
   * digest.update(canonicalize(tree))} would, without a copy of them.
   */
  public static void digest(JsonNode tree, java.security.MessageDigest digest) {
    utf8(tree).digestInto(digest);
  }

  /**
   * The canonical form of a JSON tree (an object or an array), as a value another tree can hold ({@link
   * Canonical#node()}): canonicalising that tree writes it as it is instead of again, so a part that goes into
   * several canonical documents is written once.
   */
  public static Canonical canonical(JsonNode tree) {
    Utf8Buffer out = utf8(tree);
    return new Canonical(out.text(), out.toByteArray(), tree.deepCopy());
  }

  private static Utf8Buffer utf8(JsonNode tree) {
    if (!tree.isContainerNode()) {
      throw new IllegalArgumentException("not canonicalisable JSON: a bare " + tree.getNodeType());
    }
    Utf8Buffer out = new Utf8Buffer(4096); // the documents it writes per request are 1 to 5 KB
    if (write(tree, out)) {
      return out;
    }
    // The library reads text: a held canonical part is printed as the tree it was made from (its text may hold a
    // lone surrogate as it is, which the library does not read back).
    Utf8Buffer library = new Utf8Buffer(0);
    library.bytes(canonicalize(tree.toString()));
    return library;
  }

  /**
   * Canonical JSON text of an object or an array. Made only by {@link #canonical}, so a tree holding one holds
   * canonical JSON there, not text anyone could have put in.
   */
  public static final class Canonical {
    private final String text;
    private final byte[] utf8;
    private final JsonNode source;

    private Canonical(String text, byte[] utf8, JsonNode source) {
      this.text = text;
      this.utf8 = utf8;
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
  private static boolean write(JsonNode node, Utf8Buffer out) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.size());
        node.fields().forEachRemaining(fields::add);
        // RFC 8785 § 3.2.3: by the keys' UTF-16 code units, which is String.compareTo.
        fields.sort(Map.Entry.comparingByKey());
        out.ascii('{');
        for (int i = 0; i < fields.size(); i++) {
          if (i > 0) {
            out.ascii(',');
          }
          if (!string(fields.get(i).getKey(), out)) {
            return false;
          }
          out.ascii(':');
          if (!write(fields.get(i).getValue(), out)) {
            return false;
          }
        }
        out.ascii('}');
        return true;
      }
      case ARRAY -> {
        out.ascii('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.ascii(',');
          }
          if (!write(node.get(i), out)) {
            return false;
          }
        }
        out.ascii(']');
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
        out.ascii(Long.toString(v));
        return true;
      }
      case BOOLEAN -> {
        out.ascii(node.booleanValue() ? "true" : "false");
        return true;
      }
      case NULL -> {
        out.ascii("null");
        return true;
      }
      case POJO -> {
        if (((POJONode) node).getPojo() instanceof Raw raw) {
          out.bytes(raw.value.utf8);
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
  private static boolean string(String s, Utf8Buffer out) {
    out.ascii('"');
    int run = 0; // characters from here to i are written as they are, in one go
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
        continue;
      }
      out.utf8(s, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> out.ascii("\\\"");
        case '\\' -> out.ascii("\\\\");
        case '\b' -> out.ascii("\\b");
        case '\t' -> out.ascii("\\t");
        case '\n' -> out.ascii("\\n");
        case '\f' -> out.ascii("\\f");
        case '\r' -> out.ascii("\\r");
        default -> {
          if (c < 0x20) {
            out.ascii("\\u00");
            out.ascii(HEX[c >> 4]);
            out.ascii(HEX[c & 0xf]);
          } else if (Character.isHighSurrogate(c)) {
            if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
              return false;
            }
            out.utf8(s, i, i + 2);
            i++;
            run = i + 1;
          } else {
            return false; // a lone low surrogate
          }
        }
      }
    }
    out.utf8(s, run, s.length());
    out.ascii('"');
    return true;
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** The canonical form as a string. */
  public static String canonicalString(String json) {
    return new String(canonicalize(json), StandardCharsets.UTF_8);
  }
}
