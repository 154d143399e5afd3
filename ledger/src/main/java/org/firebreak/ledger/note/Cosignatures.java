package org.firebreak.ledger.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Witness cosignatures per c2sp.org/tlog-cosignature, version 1 (Ed25519, signature type 0x04).
 *
 * <p>A cosignature is an ordinary note signature line on a checkpoint, by a key of type {@link
 * NoteVerifier.KeyType#COSIGNATURE_V1}. Its signature bytes (after the 4-byte key ID) are a
 * {@code timestamped_signature}: the cosigning time as an 8-byte big-endian count of POSIX seconds (at most
 * 2^63 - 1), then the 64-byte Ed25519 signature of
 *
 * <pre>
 * cosignature/v1
 * time &lt;timestamp in decimal, no leading zeroes&gt;
 * &lt;the whole checkpoint body, extension lines included&gt;
 * </pre>
 *
 * <p>Create cosignatures with {@link CosignatureSigner#cosign}; {@link Note#verify} checks them like any
 * other signature when a type 0x04 key is among the known keys.
 */
public final class Cosignatures {

  /** Length of a v1 Ed25519 cosignature after the key ID: timestamp and signature. */
  static final int SIGNATURE_LENGTH = 8 + Ed25519.SIGNATURE_LENGTH;

  private Cosignatures() {}

  /**
   * The message a v1 cosigner signs for {@code checkpoint} at {@code timestamp}.
   *
   * @throws IllegalArgumentException if the timestamp is negative
   */
  public static byte[] signedMessage(Checkpoint checkpoint, long timestamp) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    if (timestamp < 0) {
      throw new IllegalArgumentException("a cosignature timestamp is 0 to 2^63 - 1 seconds, not " + timestamp);
    }
    return signedMessage(checkpoint.text().getBytes(StandardCharsets.UTF_8), timestamp);
  }

  static byte[] signedMessage(byte[] checkpointBody, long timestamp) {
    byte[] header = ("cosignature/v1\ntime " + timestamp + "\n").getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(header.length + checkpointBody.length).put(header).put(checkpointBody).array();
  }

  /**
   * The cosigning time of a v1 cosignature, in POSIX seconds. The signature is not verified.
   *
   * @throws IllegalArgumentException if the signature is not 72 bytes (timestamp and Ed25519 signature)
   *     or its timestamp exceeds 2^63 - 1
   */
  public static long timestamp(Note.Signature signature) {
    byte[] bytes = Objects.requireNonNull(signature, "signature").signature();
    if (bytes.length != SIGNATURE_LENGTH) {
      throw new IllegalArgumentException("signature by " + Syntax.quote(signature.name()) + " is "
          + bytes.length + " bytes; a cosignature/v1 signature is " + SIGNATURE_LENGTH
          + " (8-byte timestamp and 64-byte Ed25519 signature)");
    }
    long timestamp = timestampOf(bytes);
    if (timestamp < 0) {
      throw new IllegalArgumentException("cosignature timestamp exceeds 2^63 - 1");
    }
    return timestamp;
  }

  static long timestampOf(byte[] signature) {
    return ByteBuffer.wrap(signature, 0, 8).getLong();
  }

  /**
   * Whether {@code signature} is a valid v1 cosignature of {@code checkpoint} by {@code witnessKey}: the
   * signature line's name and key ID must be the witness key's, and the timestamped Ed25519 signature
   * must verify. Malformed signatures give {@code false}.
   *
   * @throws IllegalArgumentException if {@code witnessKey} is not a cosignature/v1 (type 0x04) key
   */
  public static boolean verify(Checkpoint checkpoint, Note.Signature signature, NoteVerifier witnessKey) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(witnessKey, "witnessKey");
    if (witnessKey.type() != NoteVerifier.KeyType.COSIGNATURE_V1) {
      throw new IllegalArgumentException("witness key " + witnessKey.text()
          + " is not a cosignature/v1 key (type 0x04) but " + KeyText.describeType((byte) witnessKey.type().id()));
    }
    if (!signature.name().equals(witnessKey.name()) || signature.keyId() != witnessKey.keyId()) {
      return false;
    }
    return witnessKey.verify(checkpoint.text().getBytes(StandardCharsets.UTF_8), signature.signature());
  }

  /**
   * Adds {@code witness}'s cosignature at {@code timestamp} to a signed checkpoint note (replacing an
   * earlier signature by the same key). The log's signature is not checked here: a witness verifies it,
   * and consistency with what it saw before, before cosigning.
   *
   * @throws NoteException if the note's text is not a checkpoint
   */
  public static Note cosign(Note checkpointNote, CosignatureSigner witness, long timestamp) throws NoteException {
    Objects.requireNonNull(checkpointNote, "checkpointNote");
    Objects.requireNonNull(witness, "witness");
    Checkpoint checkpoint = Checkpoint.parse(checkpointNote.text());
    return checkpointNote.withSignature(witness.cosign(checkpoint, timestamp));
  }
}
