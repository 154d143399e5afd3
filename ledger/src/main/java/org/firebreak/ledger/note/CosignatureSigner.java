package org.firebreak.ledger.note;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * A witness (cosigner) key for c2sp.org/tlog-cosignature v1: timestamped Ed25519 cosignatures on
 * checkpoints, signature type 0x04. Its key ID is SHA-256(name || 0x0A || 0x04 || public key)[:4], and its
 * private key text is {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(0x04 || 32-byte seed)>}.
 *
 * <p>A separate type from {@link NoteSigner} on purpose: a cosigner signs only checkpoints, only in the
 * cosignature message format, so it cannot be handed to {@link Note#sign} by mistake. The spec requires
 * distinct keys for distinct cosigners, since the v1 message does not commit to the cosigner name.
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows the private key.
 */
public final class CosignatureSigner {

  private final String name;
  private final Ed25519.SigningKey key;
  private final NoteVerifier verifier;

  private CosignatureSigner(String name, Ed25519.SigningKey key) {
    this.name = name;
    this.key = key;
    this.verifier = new NoteVerifier(NoteVerifier.KeyType.COSIGNATURE_V1, name, key.publicKey());
  }

  /**
   * A new cosigner with a fresh key drawn from {@code random}.
   *
   * @throws IllegalArgumentException if the name is not a valid key name
   */
  public static CosignatureSigner generate(String name, SecureRandom random) {
    Syntax.requireValidName(Objects.requireNonNull(name, "name"));
    Objects.requireNonNull(random, "random");
    return new CosignatureSigner(name, Ed25519.SigningKey.generate(random));
  }

  /**
   * Parses a type 0x04 private key text and checks its key ID.
   *
   * @throws IllegalArgumentException if the text is malformed, not a cosignature/v1 key, or its key ID
   *     does not match; the message never repeats the key material
   */
  public static CosignatureSigner parse(String privateKeyText) {
    Objects.requireNonNull(privateKeyText, "privateKeyText");
    KeyText.Parts parts = KeyText.parsePrivateKey(privateKeyText);
    if (parts.type() != NoteVerifier.KeyType.COSIGNATURE_V1.idByte()) {
      throw new IllegalArgumentException("private key " + Syntax.quote(parts.name()) + " has type "
          + KeyText.describeType(parts.type())
          + "; a cosigner key must have type 0x04 (Ed25519 cosignature/v1)");
    }
    CosignatureSigner signer = new CosignatureSigner(parts.name(), NoteSigner.signingKey(parts));
    if (signer.keyId() != parts.keyId()) {
      throw new IllegalArgumentException("invalid cosigner private key " + Syntax.quote(parts.name())
          + ": key ID " + Syntax.hex(parts.keyId()) + " does not match the key (its public key gives "
          + Syntax.hex(signer.keyId()) + ")");
    }
    return signer;
  }

  public String name() {
    return name;
  }

  /** The key ID: the first four bytes of SHA-256(name || 0x0A || 0x04 || public key), big-endian. */
  public int keyId() {
    return verifier.keyId();
  }

  /** The private key text, {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(0x04 || seed)>}. Keep it secret. */
  public String privateKeyText() {
    byte[] seed = key.seed();
    try {
      return KeyText.PRIVATE_PREFIX + name + "+" + Syntax.hex(keyId()) + "+"
          + Syntax.base64(NoteVerifier.typeAndKey(NoteVerifier.KeyType.COSIGNATURE_V1, seed));
    } finally {
      java.util.Arrays.fill(seed, (byte) 0);
    }
  }

  /** The matching verifier key (type 0x04). */
  public NoteVerifier verifier() {
    return verifier;
  }

  /**
   * Cosigns a checkpoint: a signature line by this cosigner whose signature is the 8-byte big-endian
   * {@code timestamp} followed by the Ed25519 signature of {@link Cosignatures#signedMessage}.
   *
   * @param timestamp POSIX seconds, 0 to 2^63 - 1
   * @throws IllegalArgumentException if the timestamp is negative
   */
  public Note.Signature cosign(Checkpoint checkpoint, long timestamp) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    if (timestamp < 0) {
      throw new IllegalArgumentException("a cosignature timestamp is 0 to 2^63 - 1 seconds, not " + timestamp);
    }
    byte[] signature = key.sign(Cosignatures.signedMessage(checkpoint, timestamp));
    byte[] timestamped = ByteBuffer.allocate(Cosignatures.SIGNATURE_LENGTH)
        .putLong(timestamp)
        .put(signature)
        .array();
    return new Note.Signature(name, keyId(), timestamped);
  }

  /** The public description of this cosigner; never the private key. */
  @Override
  public String toString() {
    return "CosignatureSigner[" + verifier.text() + "]";
  }
}
