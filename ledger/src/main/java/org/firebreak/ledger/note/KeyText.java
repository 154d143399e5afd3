package org.firebreak.ledger.note;

/**
 * The text forms of keys from golang.org/x/mod/sumdb/note: verifier keys
 * {@code <name>+<hex key ID>+<base64(type || public key)>} and private keys
 * {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(type || private key)>}. This class splits and decodes
 * them; the key classes check the type byte, the key length and the key ID.
 */
final class KeyText {

  static final String PRIVATE_PREFIX = "PRIVATE+KEY+";

  private static final String VKEY_FORM =
      "expected <name>+<8 hex digit key ID>+<base64(type byte || public key)>,"
          + " e.g. sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

  private KeyText() {}

  /** A split key text; {@code key} is the decoded type byte followed by the key material. */
  record Parts(String name, int keyId, byte[] key) {
    byte type() {
      return key[0];
    }

    byte[] material() {
      return java.util.Arrays.copyOfRange(key, 1, key.length);
    }
  }

  static Parts parseVerifierKey(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Syntax.isUnicodeSpace(text.charAt(i)) || text.charAt(i) < 0x20) {
        throw new IllegalArgumentException("not a note verifier key: " + Syntax.quote(text)
            + " contains whitespace or control characters; " + VKEY_FORM);
      }
    }
    int first = text.indexOf('+');
    int second = first < 0 ? -1 : text.indexOf('+', first + 1);
    if (second < 0) {
      throw new IllegalArgumentException("not a note verifier key: " + Syntax.quote(text)
          + " does not have three '+'-separated parts; " + VKEY_FORM);
    }
    String name = text.substring(0, first);
    String problem = Syntax.nameProblem(name);
    if (problem != null) {
      throw new IllegalArgumentException(
          "invalid verifier key: key name " + Syntax.quote(name) + " is invalid: " + problem);
    }
    int keyId = Syntax.parseHexKeyId(text.substring(first + 1, second), "invalid verifier key:");
    byte[] key = Syntax.decodeBase64(text.substring(second + 1), "invalid verifier key: the key material");
    if (key.length == 0) {
      throw new IllegalArgumentException("invalid verifier key: the key material is empty");
    }
    return new Parts(name, keyId, key);
  }

  /** Splits a private key text; error messages never repeat the key material. */
  static Parts parsePrivateKey(String text) {
    if (!text.startsWith(PRIVATE_PREFIX)) {
      throw new IllegalArgumentException("not a note private key: it must start with " + PRIVATE_PREFIX
          + " (expected PRIVATE+KEY+<name>+<8 hex digit key ID>+<base64(type byte || seed)>)");
    }
    String rest = text.substring(PRIVATE_PREFIX.length());
    int first = rest.indexOf('+');
    int second = first < 0 ? -1 : rest.indexOf('+', first + 1);
    if (second < 0) {
      throw new IllegalArgumentException("invalid note private key: expected"
          + " PRIVATE+KEY+<name>+<8 hex digit key ID>+<base64(type byte || seed)>");
    }
    String name = rest.substring(0, first);
    String problem = Syntax.nameProblem(name);
    if (problem != null) {
      throw new IllegalArgumentException(
          "invalid note private key: key name " + Syntax.quote(name) + " is invalid: " + problem);
    }
    int keyId = Syntax.parseHexKeyId(rest.substring(first + 1, second), "invalid note private key:");
    byte[] key = Syntax.decodeBase64(rest.substring(second + 1), "invalid note private key: the key material");
    if (key.length == 0) {
      throw new IllegalArgumentException("invalid note private key: the key material is empty");
    }
    return new Parts(name, keyId, key);
  }

  /** A signature type byte with its meaning per c2sp.org/signed-note, for error messages. */
  static String describeType(byte type) {
    String meaning = switch (type & 0xff) {
      case 0x01 -> "Ed25519";
      case 0x02 -> "ECDSA";
      case 0x03 -> "reserved";
      case 0x04 -> "Ed25519 cosignature/v1";
      case 0x05 -> "RFC 6962 TreeHeadSignature";
      case 0x06 -> "ML-DSA-44 cosignature";
      case 0xff -> "unassigned, extended identifier";
      default -> "unknown";
    };
    return String.format("0x%02x (%s)", type & 0xff, meaning);
  }
}
