package org.firebreak.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** c2sp.org/tlog-cosignature v1: timestamped Ed25519 witness cosignatures (type 0x04). */
class CosignaturesTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The example in c2sp.org/tlog-cosignature: a checkpoint with a log signature and a witness cosignature. */
  static final String SPEC_NOTE = CheckpointTest.SPEC_BODY + "\n"
      + "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
      + "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n";

  /** The signed message shown in the spec for that checkpoint at time 1679315147. */
  static final String SPEC_SIGNED_MESSAGE = "cosignature/v1\ntime 1679315147\n" + CheckpointTest.SPEC_BODY;

  @Test
  void theSpecExampleCosignatureCarriesTheSpecExampleTime() throws NoteException {
    Note note = Note.parse(SPEC_NOTE);
    Note.Signature witness = note.signatures().get(1);
    Checkpoint checkpoint = Checkpoint.parse(note.text());

    assertThat(witness.name()).isEqualTo("witness.example.com/w1");
    assertThat(witness.signature()).hasSize(8 + 64);
    assertThat(Cosignatures.timestamp(witness)).isEqualTo(1679315147L);
    assertThat(new String(Cosignatures.signedMessage(checkpoint, 1679315147L), StandardCharsets.UTF_8))
        .isEqualTo(SPEC_SIGNED_MESSAGE);
    assertThat(note.format()).isEqualTo(SPEC_NOTE);
  }

  @Test
  void aWitnessKeyHasTypeFourAndItsOwnKeyId() throws Exception {
    CosignatureSigner witness = CosignatureSigner.generate("witness.example/w1", RANDOM);
    NoteVerifier key = witness.verifier();
    // name+hexid+base64: the name has no '+', but base64 may, so split at the first two only.
    byte[] decoded = java.util.Base64.getDecoder().decode(key.text().split("\\+", 3)[2]);

    assertThat(key.type()).isEqualTo(NoteVerifier.KeyType.COSIGNATURE_V1);
    assertThat(key.type().id()).isEqualTo(4);
    assertThat(decoded[0]).isEqualTo((byte) 0x04);
    assertThat(Arrays.copyOfRange(decoded, 1, decoded.length)).isEqualTo(key.publicKey());
    assertThat(key.keyId()).isEqualTo(NoteKeysTest.expectedKeyId("witness.example/w1", 0x04, key.publicKey()));
    assertThat(key.text()).startsWith("witness.example/w1+" + HexFormat.of().toHexDigits(key.keyId()) + "+");

    assertThat(NoteVerifier.parse(key.text())).isEqualTo(key);
    CosignatureSigner reparsed = CosignatureSigner.parse(witness.privateKeyText());
    assertThat(reparsed.verifier()).isEqualTo(key);
    assertThat(reparsed.privateKeyText()).isEqualTo(witness.privateKeyText());
    assertThat(witness.toString()).contains(key.text()).doesNotContain(witness.privateKeyText().split("\\+", 5)[4]);
  }

  @Test
  void aWitnessCosignsALogCheckpointAndBothVerify() throws NoteException {
    NoteSigner log = NoteSigner.generate("firebreak.example/ledger", RANDOM);
    CosignatureSigner witness = CosignatureSigner.generate("witness.example/w1", RANDOM);
    Checkpoint checkpoint = new Checkpoint("firebreak.example/ledger", 1234, sha256("root"));
    long time = 1_790_000_000L;

    Note signed = Note.sign(checkpoint.text(), log);
    Note cosigned = Note.parse(Cosignatures.cosign(signed, witness, time).format());
    Note.Signature cosignature = cosigned.signatures().get(1);

    assertThat(cosigned.verify(List.of(log.verifier(), witness.verifier())))
        .containsExactly(log.verifier(), witness.verifier());
    assertThat(cosigned.verify(List.of(witness.verifier()))).containsExactly(witness.verifier());
    assertThat(Cosignatures.verify(checkpoint, cosignature, witness.verifier())).isTrue();
    assertThat(Cosignatures.timestamp(cosignature)).isEqualTo(time);
    assertThat(cosignature.keyId()).isEqualTo(witness.keyId());
  }

  @Test
  void changingTheTimestampMakesTheCosignatureFail() throws NoteException {
    CosignatureSigner witness = CosignatureSigner.generate("witness.example/w1", RANDOM);
    Checkpoint checkpoint = new Checkpoint("firebreak.example/ledger", 1234, sha256("root"));
    Note.Signature cosignature = witness.cosign(checkpoint, 1_790_000_000L);
    assertThat(Cosignatures.verify(checkpoint, cosignature, witness.verifier())).isTrue();

    for (long other : new long[] {1_790_000_001L, 1_789_999_999L, 0L, Long.MAX_VALUE}) {
      byte[] bytes = cosignature.signature();
      ByteBuffer.wrap(bytes).putLong(0, other);
      Note.Signature retimed = new Note.Signature(cosignature.name(), cosignature.keyId(), bytes);

      assertThat(Cosignatures.timestamp(retimed)).isEqualTo(other);
      assertThat(Cosignatures.verify(checkpoint, retimed, witness.verifier())).as("time %d", other).isFalse();
      Note note = new Note(checkpoint.text(), List.of(retimed));
      assertThatThrownBy(() -> note.verify(List.of(witness.verifier())))
          .isInstanceOf(NoteException.class)
          .hasMessageStartingWith("invalid signature by known key witness.example/w1");
    }
    // A timestamp above 2^63 - 1 is refused outright.
    byte[] huge = cosignature.signature();
    huge[0] |= (byte) 0x80;
    Note.Signature tooLate = new Note.Signature(cosignature.name(), cosignature.keyId(), huge);
    assertThat(Cosignatures.verify(checkpoint, tooLate, witness.verifier())).isFalse();
    assertThatThrownBy(() -> Cosignatures.timestamp(tooLate)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exceeds 2^63 - 1");
  }

  @Test
  void theCosignatureIsAnEd25519SignatureOfTheSpecMessage() throws Exception {
    CosignatureSigner witness = CosignatureSigner.generate("witness.example/w1", RANDOM);
    Checkpoint checkpoint = new Checkpoint("firebreak.example/ledger", 7, sha256("r"), List.of("extension"));
    byte[] bytes = witness.cosign(checkpoint, 1679315147L).signature();
    String message = "cosignature/v1\ntime 1679315147\nfirebreak.example/ledger\n7\n"
        + java.util.Base64.getEncoder().encodeToString(sha256("r")) + "\nextension\n";

    // Checked with the JDK directly, not through the code under test.
    assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(new byte[] {0, 0, 0, 0, 0x64, 0x18, 0x50, (byte) 0xcb});
    Signature ed25519 = Signature.getInstance("Ed25519");
    ed25519.initVerify(jdkPublicKey(witness.verifier().publicKey()));
    ed25519.update(message.getBytes(StandardCharsets.UTF_8));
    assertThat(ed25519.verify(Arrays.copyOfRange(bytes, 8, 72))).isTrue();
  }

  @Test
  void theCosignatureCoversExtensionLines() {
    CosignatureSigner witness = CosignatureSigner.generate("witness.example/w1", RANDOM);
    Checkpoint checkpoint = new Checkpoint("log.example", 7, sha256("r"), List.of("extension"));
    Note.Signature cosignature = witness.cosign(checkpoint, 100);
    Checkpoint changed = new Checkpoint("log.example", 7, sha256("r"), List.of("extensioN"));
    Checkpoint dropped = new Checkpoint("log.example", 7, sha256("r"));

    assertThat(Cosignatures.verify(checkpoint, cosignature, witness.verifier())).isTrue();
    assertThat(Cosignatures.verify(changed, cosignature, witness.verifier())).isFalse();
    assertThat(Cosignatures.verify(dropped, cosignature, witness.verifier())).isFalse();
  }

  @Test
  void keyTypesCannotBeMixedUp() {
    CosignatureSigner witness = CosignatureSigner.generate("witness.example/w1", RANDOM);
    NoteSigner log = NoteSigner.generate("log.example", RANDOM);
    Checkpoint checkpoint = new Checkpoint("log.example", 7, sha256("r"));
    Note.Signature cosignature = witness.cosign(checkpoint, 100);

    assertThatThrownBy(() -> Cosignatures.verify(checkpoint, cosignature, log.verifier()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a cosignature/v1 key (type 0x04)");
    assertThatThrownBy(() -> NoteSigner.parse(witness.privateKeyText()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use CosignatureSigner.parse");
    assertThatThrownBy(() -> CosignatureSigner.parse(log.privateKeyText()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a cosigner key must have type 0x04");
    assertThatThrownBy(() -> witness.cosign(checkpoint, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 to 2^63 - 1");
    // Another witness's key, or a line with another name, does not verify it.
    CosignatureSigner other = CosignatureSigner.generate("witness.example/w1", RANDOM);
    assertThat(Cosignatures.verify(checkpoint, cosignature, other.verifier())).isFalse();
    Note.Signature renamed = new Note.Signature("witness.example/w2", cosignature.keyId(), cosignature.signature());
    assertThat(Cosignatures.verify(checkpoint, renamed, witness.verifier())).isFalse();
  }

  @Test
  void aCosignatureKeyOnlyVerifiesCheckpoints() {
    CosignatureSigner witness = CosignatureSigner.generate("witness.example/w1", RANDOM);
    Checkpoint checkpoint = new Checkpoint("log.example", 7, sha256("r"));
    byte[] signature = witness.cosign(checkpoint, 100).signature();
    byte[] body = checkpoint.text().getBytes(StandardCharsets.UTF_8);

    assertThat(witness.verifier().verify(body, signature)).isTrue();
    assertThat(witness.verifier().verify("not a checkpoint\n".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
    assertThat(witness.verifier().verify(body, Arrays.copyOf(signature, 71))).isFalse();
    assertThat(witness.verifier().verify(new byte[] {(byte) 0xff, '\n'}, signature)).isFalse();
    assertThatThrownBy(() -> Cosignatures.cosign(Note.sign("not a checkpoint\n", NoteSigner.generate("l", RANDOM)),
            witness, 100))
        .isInstanceOf(NoteException.class)
        .hasMessageStartingWith("malformed checkpoint");
  }

  static byte[] sha256(String s) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static PublicKey jdkPublicKey(byte[] raw) throws Exception {
    byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(raw));
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
  }
}
