package org.firebreak.ledger.note;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Ed25519 (RFC 8032): raw 32-byte keys in and out, deterministic signatures, verification that never throws for bad
 * signatures. Signing is Bouncy Castle's (the server signs a checkpoint every few milliseconds, and the JDK's provider
 * took ~1 ms per signature here against ~60 us); verifying is the JDK's, so every key is checked at load by one
 * implementation verifying the other's signature.
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
    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;

    private SigningKey(byte[] seed) {
      if (seed.length != SEED_LENGTH) {
        throw new IllegalArgumentException(
            "an Ed25519 private key seed is " + SEED_LENGTH + " bytes, not " + seed.length);
      }
      this.seed = seed.clone();
      this.privateKey = new Ed25519PrivateKeyParameters(this.seed, 0);
      this.publicKey = privateKey.generatePublicKey().getEncoded();
      byte[] probe = "firebreak: Ed25519 key check".getBytes(StandardCharsets.US_ASCII);
      if (!verify(Ed25519.publicKey(publicKey), probe, sign(probe))) {
        throw new IllegalStateException("the JDK does not verify what this Ed25519 key signs");
      }
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
      Ed25519Signer signer = new Ed25519Signer();
      signer.init(true, privateKey);
      signer.update(message, 0, message.length);
      return signer.generateSignature();
    }
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
}
