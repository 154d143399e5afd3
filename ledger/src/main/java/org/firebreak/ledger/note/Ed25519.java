package org.firebreak.ledger.note;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 (RFC 8032) on top of the JDK's "Ed25519" provider: raw 32-byte keys in and out, deterministic
 * signatures, verification that never throws for bad signatures.
 */
final class Ed25519 {

  static final int SEED_LENGTH = 32;
  static final int PUBLIC_KEY_LENGTH = 32;
  static final int SIGNATURE_LENGTH = 64;

  private static final String ALGORITHM = "Ed25519";

  private Ed25519() {}

  /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4); the raw key follows it. */
  private static byte[] spkiPrefix() {
    return new byte[] {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
  }

  /** An Ed25519 private key held as its 32-byte RFC 8032 seed, with the matching public key. */
  static final class SigningKey {
    private final byte[] seed;
    private final PrivateKey privateKey;
    private final byte[] publicKey;

    private SigningKey(byte[] seed) {
      if (seed.length != SEED_LENGTH) {
        throw new IllegalArgumentException(
            "an Ed25519 private key seed is " + SEED_LENGTH + " bytes, not " + seed.length);
      }
      this.seed = seed.clone();
      this.privateKey = privateKey(this.seed);
      this.publicKey = derivePublicKey(this.seed, this.privateKey);
    }

    static SigningKey fromSeed(byte[] seed) {
      return new SigningKey(seed);
    }

    static SigningKey generate(SecureRandom random) {
      byte[] seed = new byte[SEED_LENGTH];
      random.nextBytes(seed);
      try {
        return new SigningKey(seed);
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
    }

    byte[] seed() {
      return seed.clone();
    }

    byte[] publicKey() {
      return publicKey.clone();
    }

    /** The RFC 8032 signature of {@code message}, 64 bytes. */
    byte[] sign(byte[] message) {
      return Ed25519.sign(privateKey, message);
    }
  }

  private static PrivateKey privateKey(byte[] seed) {
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot build an Ed25519 private key", e);
    }
  }

  /**
   * Derives the public key of a seed. The JDK has no direct API for it, so a key pair generator is
   * handed a random source that yields exactly the seed. Two checks make this independent of how a
   * provider consumes randomness: the generated private key must be the seed itself, and the derived
   * public key must verify a signature made with the private key built directly from the seed. Any
   * deviation is an {@link IllegalStateException}, never a silently wrong key.
   */
  private static byte[] derivePublicKey(byte[] seed, PrivateKey fromSeed) {
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
      generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
      pair = generator.generateKeyPair();
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException("cannot derive an Ed25519 public key with the JDK key pair generator", e);
    }
    if (!(pair.getPrivate() instanceof EdECPrivateKey generated)
        || !MessageDigest.isEqual(generated.getBytes().orElse(new byte[0]), seed)) {
      throw new IllegalStateException(
          "the Ed25519 key pair generator did not use the given seed; cannot derive the public key");
    }
    byte[] publicKey = rawPublicKey(pair.getPublic());
    byte[] probe = "firebreak: Ed25519 public key derivation check".getBytes(StandardCharsets.US_ASCII);
    if (!verify(publicKey(publicKey), probe, sign(fromSeed, probe))) {
      throw new IllegalStateException("the derived Ed25519 public key does not match the private key");
    }
    return publicKey;
  }

  /** The raw 32-byte encoding of a JDK Ed25519 public key (the tail of its X.509 encoding). */
  private static byte[] rawPublicKey(PublicKey key) {
    byte[] encoded = key.getEncoded();
    byte[] prefix = spkiPrefix();
    if (encoded == null
        || encoded.length != prefix.length + PUBLIC_KEY_LENGTH
        || !Arrays.equals(encoded, 0, prefix.length, prefix, 0, prefix.length)) {
      throw new IllegalStateException("unexpected encoding of an Ed25519 public key");
    }
    return Arrays.copyOfRange(encoded, prefix.length, encoded.length);
  }

  /**
   * A JDK public key from its raw 32-byte RFC 8032 encoding.
   *
   * @throws IllegalArgumentException if the bytes are not a valid Ed25519 point encoding
   */
  static PublicKey publicKey(byte[] raw) {
    if (raw.length != PUBLIC_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "an Ed25519 public key is " + PUBLIC_KEY_LENGTH + " bytes, not " + raw.length);
    }
    byte[] prefix = spkiPrefix();
    byte[] encoded = Arrays.copyOf(prefix, prefix.length + raw.length);
    System.arraycopy(raw, 0, encoded, prefix.length, raw.length);
    PublicKey key;
    try {
      key = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
    } catch (InvalidKeySpecException e) {
      throw new IllegalArgumentException("not a valid Ed25519 public key", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot build an Ed25519 public key", e);
    }
    // The JDK decodes the point lazily; check it now rather than at the first verification.
    try {
      newSignature().initVerify(key);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("not a valid Ed25519 public key: " + e.getMessage(), e);
    }
    return key;
  }

  static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature signature = newSignature();
      signature.initSign(key);
      signature.update(message);
      return signature.sign();
    } catch (InvalidKeyException | SignatureException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** Whether {@code signature} is a valid RFC 8032 signature of {@code message}; never throws for bad input. */
  static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    if (signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    Signature verifier = newSignature();
    try {
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (InvalidKeyException | SignatureException e) {
      return false; // e.g. "s is too large", an R that is not a point
    }
  }

  private static Signature newSignature() {
    try {
      return Signature.getInstance(ALGORITHM);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available in this JDK", e);
    }
  }

  /** A random source that yields one given 32-byte value, once; anything else is an error. */
  private static final class SeedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    SeedRandom(byte[] seed) {
      super(new SeedSpi(seed), null);
    }
  }

  private static final class SeedSpi extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;

    private byte[] seed;

    SeedSpi(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    protected void engineSetSeed(byte[] ignored) {
      // Extra seeding cannot change what this source yields.
    }

    @Override
    protected synchronized void engineNextBytes(byte[] bytes) {
      if (seed == null || bytes.length != seed.length) {
        throw new IllegalStateException("the key pair generator asked for randomness other than one "
            + SEED_LENGTH + "-byte seed");
      }
      System.arraycopy(seed, 0, bytes, 0, seed.length);
      Arrays.fill(seed, (byte) 0);
      seed = null;
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      throw new UnsupportedOperationException("not a general random source");
    }
  }
}
