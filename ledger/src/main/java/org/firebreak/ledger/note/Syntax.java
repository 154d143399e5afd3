package org.firebreak.ledger.note;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Lexical rules shared by notes, keys and checkpoints: key names, note text characters, strict base64,
 * key IDs. Every check returns a problem description (or {@code null}) so that callers can raise the
 * exception type their API promises.
 */
final class Syntax {

  /** The most signatures a note may carry (the Go implementation's limit; the spec asks for at least 16). */
  static final int MAX_SIGNATURES = 100;

  private Syntax() {}

  /** Go's {@code unicode.IsSpace}: ASCII white space, U+0085, U+00A0 and the Unicode separators. */
  static boolean isUnicodeSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
  }

  /**
   * Problems with a key name: it must be non-empty, contain no Unicode space and no {@code +}
   * (c2sp.org/signed-note), and — so that it can appear in a note — no control character and no
   * unpaired surrogate. Returns {@code null} if the name is valid.
   */
  static String nameProblem(String name) {
    if (name.isEmpty()) {
      return "it is empty";
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (cp == '+') {
        return "it contains '+'";
      }
      if (isUnicodeSpace(cp)) {
        return String.format("it contains a space character (U+%04X)", cp);
      }
      if (cp < 0x20) {
        return String.format("it contains a control character (U+%04X)", cp);
      }
      if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) {
        return "it contains an unpaired surrogate (not encodable as UTF-8)";
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  static void requireValidName(String name) {
    String problem = nameProblem(name);
    if (problem != null) {
      throw new IllegalArgumentException("invalid key name " + quote(name) + ": " + problem
          + " (a key name must be non-empty, without spaces or '+')");
    }
  }

  /**
   * Problems with characters of note content: only newline among the ASCII control characters, and
   * well-formed UTF-16 (so that the UTF-8 encoding that is signed is well defined).
   */
  static String characterProblem(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\n') {
        return String.format("control character U+%04X at offset %d (only newline is allowed)", (int) c, i);
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return "unpaired surrogate at offset " + i + " (not encodable as UTF-8)";
      }
      if (Character.isLowSurrogate(c)) {
        return "unpaired surrogate at offset " + i + " (not encodable as UTF-8)";
      }
    }
    return null;
  }

  /** Problems with a note text: it must end in a newline and contain only allowed characters. */
  static String noteTextProblem(String text) {
    if (!text.endsWith("\n")) {
      return "it must end in a newline";
    }
    String problem = characterProblem(text);
    return problem == null ? null : "it contains a " + problem;
  }

  /** Decodes UTF-8, rejecting malformed input instead of replacing it. */
  static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  /**
   * Decodes standard base64 (RFC 4648 §4) strictly: padding is required and the encoding must be the
   * canonical one, so that every byte string has exactly one accepted text form. (The JDK decoder
   * alone accepts missing padding and non-zero trailing bits.)
   *
   * @throws IllegalArgumentException naming {@code what}, without echoing the input
   */
  static byte[] decodeBase64(String s, String what) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not valid base64");
    }
    if (!Base64.getEncoder().encodeToString(bytes).equals(s)) {
      throw new IllegalArgumentException(what + " is not canonical base64 (missing padding or non-zero trailing bits)");
    }
    return bytes;
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** A key ID as eight lowercase hex digits. */
  static String hex(int keyId) {
    return HexFormat.of().toHexDigits(keyId);
  }

  /** Parses exactly eight hex digits (either case), as the Go implementation accepts. */
  static int parseHexKeyId(String s, String what) {
    if (s.length() != 8) {
      throw new IllegalArgumentException(what + " key ID " + quote(s) + " is not 8 hex digits");
    }
    for (int i = 0; i < s.length(); i++) {
      if (!HexFormat.isHexDigit(s.charAt(i))) {
        throw new IllegalArgumentException(what + " key ID " + quote(s) + " is not 8 hex digits");
      }
    }
    return HexFormat.fromHexDigits(s);
  }

  /** key ID = SHA-256(key name || 0x0A || signature type || public key)[:4], big-endian. */
  static int keyId(String name, byte type, byte[] publicKey) {
    MessageDigest sha256 = sha256();
    sha256.update(name.getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) '\n');
    sha256.update(type);
    sha256.update(publicKey);
    return ByteBuffer.wrap(sha256.digest()).getInt();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }

  /** A value for an error message: quoted, control characters escaped, long values shortened. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    int limit = Math.min(s.length(), 64);
    for (int i = 0; i < limit; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (s.length() > limit) {
      b.append("...");
    }
    return b.append('"').toString();
  }
}
