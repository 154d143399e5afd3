package org.firebreak.ledger.note;

import java.nio.charset.CharacterCodingException;
import java.security.PublicKey;
import java.util.Objects;

/**
 * A verifier key: a key name, a key ID and an Ed25519 public key, in the golang.org/x/mod/sumdb/note text
 * form {@code <name>+<hex key ID>+<base64(type || public key)>}.
 *
 * <p>Two key types are supported: {@link KeyType#ED25519} (type byte 0x01, c2sp.org/signed-note) for log
 * and other note signatures, and {@link KeyType#COSIGNATURE_V1} (type byte 0x04, c2sp.org/tlog-cosignature)
 * for witness cosignatures on checkpoints. Anything else — ECDSA keys, PEM or bare SPKI keys — is refused
 * with an {@link IllegalArgumentException} that says why. The key ID must be the one the spec derives:
 * the first four bytes of SHA-256(name || 0x0A || type || public key).
 *
 * <p>Instances are immutable and thread-safe; equal when their text forms are equal.
 */
public final class NoteVerifier {

  /** The signature types this package implements. */
  public enum KeyType {
    /** Ed25519 signatures over the note text (c2sp.org/signed-note). */
    ED25519((byte) 0x01),
    /** Timestamped Ed25519 witness cosignatures over a checkpoint (c2sp.org/tlog-cosignature, v1). */
    COSIGNATURE_V1((byte) 0x04);

    private final byte id;

    KeyType(byte id) {
      this.id = id;
    }

    /** The signature type identifier byte. */
    public int id() {
      return id & 0xff;
    }

    byte idByte() {
      return id;
    }
  }

  private final KeyType type;
  private final String name;
  private final int keyId;
  private final byte[] publicKey;
  private final PublicKey key;
  private final String text;

  NoteVerifier(KeyType type, String name, byte[] publicKey) {
    this.type = Objects.requireNonNull(type, "type");
    Syntax.requireValidName(Objects.requireNonNull(name, "name"));
    this.name = name;
    this.publicKey = publicKey.clone();
    this.key = Ed25519.publicKey(this.publicKey);
    this.keyId = Syntax.keyId(name, type.idByte(), this.publicKey);
    this.text = name + "+" + Syntax.hex(keyId) + "+" + Syntax.base64(typeAndKey(type, this.publicKey));
  }

  /**
   * Parses a verifier key text.
   *
   * @throws IllegalArgumentException if the text is not a verifier key, has an unsupported key type, a
   *     key of the wrong length or an invalid point, or a key ID that does not match the key
   */
  public static NoteVerifier parse(String vkeyText) {
    Objects.requireNonNull(vkeyText, "vkeyText");
    KeyText.Parts parts = KeyText.parseVerifierKey(vkeyText);
    KeyType type = switch (parts.type()) {
      case 0x01 -> KeyType.ED25519;
      case 0x04 -> KeyType.COSIGNATURE_V1;
      default -> throw new IllegalArgumentException("unsupported verifier key type "
          + KeyText.describeType(parts.type()) + " in key " + Syntax.quote(parts.name())
          + ": only Ed25519 (0x01) and Ed25519 cosignature/v1 (0x04) keys are supported");
    };
    byte[] material = parts.material();
    if (material.length != Ed25519.PUBLIC_KEY_LENGTH) {
      throw new IllegalArgumentException("invalid verifier key " + Syntax.quote(parts.name()) + ": a type "
          + KeyText.describeType(parts.type()) + " key is " + Ed25519.PUBLIC_KEY_LENGTH
          + " bytes, not " + material.length);
    }
    int expected = Syntax.keyId(parts.name(), type.idByte(), material);
    if (expected != parts.keyId()) {
      throw new IllegalArgumentException("invalid verifier key " + Syntax.quote(parts.name()) + ": key ID "
          + Syntax.hex(parts.keyId()) + " does not match the key (SHA-256 of name, newline, type and key"
          + " gives " + Syntax.hex(expected) + ")");
    }
    try {
      return new NoteVerifier(type, parts.name(), material);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid verifier key " + Syntax.quote(parts.name()) + ": " + e.getMessage(), e);
    }
  }

  /** The key name, as it appears in signature lines. */
  public String name() {
    return name;
  }

  /** The key ID: the first four bytes of SHA-256(name || 0x0A || type || public key), big-endian. */
  public int keyId() {
    return keyId;
  }

  public KeyType type() {
    return type;
  }

  /** The raw 32-byte Ed25519 public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The verifier key text, {@code <name>+<hex key ID>+<base64(type || public key)>}. */
  public String text() {
    return text;
  }

  /**
   * Whether {@code signature} is this key's signature of {@code message}, where {@code signature} is what
   * follows the key ID in a signature line.
   *
   * <p>For {@link KeyType#ED25519} that is a 64-byte Ed25519 signature of the message. For {@link
   * KeyType#COSIGNATURE_V1} the message must be a checkpoint body and the signature is an 8-byte big-endian
   * timestamp followed by the Ed25519 signature of {@code "cosignature/v1\ntime <timestamp>\n"} and the
   * checkpoint body. Malformed input gives {@code false}, never an exception.
   */
  public boolean verify(byte[] message, byte[] signature) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(signature, "signature");
    return switch (type) {
      case ED25519 -> Ed25519.verify(key, message, signature);
      case COSIGNATURE_V1 -> verifyCosignature(message, signature);
    };
  }

  private boolean verifyCosignature(byte[] message, byte[] signature) {
    if (signature.length != Cosignatures.SIGNATURE_LENGTH) {
      return false;
    }
    long timestamp = Cosignatures.timestampOf(signature);
    if (timestamp < 0) {
      return false; // more than 2^63 - 1: forbidden by the spec
    }
    try {
      Checkpoint.parse(Syntax.decodeUtf8(message));
    } catch (CharacterCodingException | NoteException e) {
      return false; // a cosignature is only ever over a checkpoint
    }
    byte[] signed = Cosignatures.signedMessage(message, timestamp);
    byte[] ed25519 = java.util.Arrays.copyOfRange(signature, 8, signature.length);
    return Ed25519.verify(key, signed, ed25519);
  }

  static byte[] typeAndKey(KeyType type, byte[] publicKey) {
    byte[] out = new byte[1 + publicKey.length];
    out[0] = type.idByte();
    System.arraycopy(publicKey, 0, out, 1, publicKey.length);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteVerifier other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The verifier key text. */
  @Override
  public String toString() {
    return text;
  }
}
