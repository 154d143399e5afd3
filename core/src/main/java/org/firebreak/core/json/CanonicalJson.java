package org.firebreak.core.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * RFC 8785 JSON Canonicalization Scheme: sorted keys (by UTF-16 code units), no whitespace, ECMAScript number
 * and string serialisation. This is what gets hashed into the ledger, so it must be byte-exact; the work is done by
 * the JCS reference implementation for Java (io.github.erdtman:java-json-canonicalization).
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

  /** The canonical form as a string. */
  public static String canonicalString(String json) {
    return new String(canonicalize(json), StandardCharsets.UTF_8);
  }
}
