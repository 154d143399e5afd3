package org.firebreak.ledger.note;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * An Ed25519 note signer (signature type 0x01): a key name, its key ID and the private key. Created by
 * {@link #generate} or from the golang.org/x/mod/sumdb/note private key text
 * {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || 32-byte seed)>}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the private key; only {@link
 * #privateKeyText()} does.
 */
public final class NoteSigner {

  private final String name;
  private final Ed25519.SigningKey key;
  private final NoteVerifier verifier;

  private NoteSigner(String name, Ed25519.SigningKey key) {
    this.name = name;
    this.key = key;
    this.verifier = new NoteVerifier(NoteVerifier.KeyType.ED25519, name, key.publicKey());
  }

  /**
   * A new signer with a fresh key drawn from {@code random}.
   *
   * @throws IllegalArgumentException if the name is not a valid key name (empty, spaces, '+')
   */
  public static NoteSigner generate(String name, SecureRandom random) {
    Syntax.requireValidName(Objects.requireNonNull(name, "name"));
    Objects.requireNonNull(random, "random");
    return new NoteSigner(name, Ed25519.SigningKey.generate(random));
  }

  /**
   * Parses a private key text and checks that its key ID is the one of the key's public key.
   *
   * @throws IllegalArgumentException if the text is malformed, not an Ed25519 key, or its key ID does not
   *     match; the message never repeats the key material
   */
  public static NoteSigner parse(String privateKeyText) {
    Objects.requireNonNull(privateKeyText, "privateKeyText");
    KeyText.Parts parts = KeyText.parsePrivateKey(privateKeyText);
    if (parts.type() == NoteVerifier.KeyType.COSIGNATURE_V1.idByte()) {
      throw new IllegalArgumentException("note private key " + Syntax.quote(parts.name())
          + " is a witness cosignature/v1 key (type 0x04); use CosignatureSigner.parse for it");
    }
    if (parts.type() != NoteVerifier.KeyType.ED25519.idByte()) {
      throw new IllegalArgumentException("unsupported note private key type "
          + KeyText.describeType(parts.type()) + " for " + Syntax.quote(parts.name())
          + ": only Ed25519 (0x01) signing keys are supported");
    }
    Ed25519.SigningKey key = signingKey(parts);
    NoteSigner signer = new NoteSigner(parts.name(), key);
    if (signer.keyId() != parts.keyId()) {
      throw new IllegalArgumentException("invalid note private key " + Syntax.quote(parts.name()) + ": key ID "
          + Syntax.hex(parts.keyId()) + " does not match the key (its public key gives "
          + Syntax.hex(signer.keyId()) + ")");
    }
    return signer;
  }

  static Ed25519.SigningKey signingKey(KeyText.Parts parts) {
    byte[] seed = parts.material();
    if (seed.length != Ed25519.SEED_LENGTH) {
      throw new IllegalArgumentException("invalid note private key " + Syntax.quote(parts.name())
          + ": an Ed25519 seed is " + Ed25519.SEED_LENGTH + " bytes, not " + seed.length);
    }
    try {
      return Ed25519.SigningKey.fromSeed(seed);
    } finally {
      java.util.Arrays.fill(seed, (byte) 0);
    }
  }

  public String name() {
    return name;
  }

  /** The key ID: the first four bytes of SHA-256(name || 0x0A || 0x01 || public key), big-endian. */
  public int keyId() {
    return verifier.keyId();
  }

  /** The private key text, {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || seed)>}. Keep it secret. */
  public String privateKeyText() {
    byte[] seed = key.seed();
    try {
      return KeyText.PRIVATE_PREFIX + name + "+" + Syntax.hex(keyId()) + "+"
          + Syntax.base64(NoteVerifier.typeAndKey(NoteVerifier.KeyType.ED25519, seed));
    } finally {
      java.util.Arrays.fill(seed, (byte) 0);
    }
  }

  /** The matching verifier (type 0x01). */
  public NoteVerifier verifier() {
    return verifier;
  }

  /** The raw 64-byte Ed25519 signature of {@code message} (RFC 8032, deterministic). */
  public byte[] sign(byte[] message) {
    return key.sign(Objects.requireNonNull(message, "message"));
  }

  /** The public description of this signer; never the private key. */
  @Override
  public String toString() {
    return "NoteSigner[" + verifier.text() + "]";
  }
}
