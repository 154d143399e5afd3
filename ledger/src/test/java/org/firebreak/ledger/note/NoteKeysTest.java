package org.firebreak.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Key text forms, key IDs, and Ed25519 itself (RFC 8032 §7.1 test vectors). */
class NoteKeysTest {

  /** Key ID per c2sp.org/signed-note, computed here independently of the code under test. */
  static int expectedKeyId(String name, int type, byte[] publicKey) throws NoSuchAlgorithmException {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update(name.getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) 0x0a);
    sha256.update((byte) type);
    sha256.update(publicKey);
    return ByteBuffer.wrap(sha256.digest()).getInt();
  }

  static String typed(int type, byte[] key) {
    byte[] out = new byte[key.length + 1];
    out[0] = (byte) type;
    System.arraycopy(key, 0, out, 1, key.length);
    return Base64.getEncoder().encodeToString(out);
  }

  /** RFC 8032 §7.1, TEST 1 (empty message) and TEST 2 (one byte, 0x72). */
  @ParameterizedTest(name = "RFC 8032 TEST {0}")
  @CsvSource({
    "1, 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60,"
        + " d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, '',"
        + " e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    "2, 4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb,"
        + " 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, 72,"
        + " 92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
  })
  void rfc8032VectorsThroughNoteSignerAndNoteVerifier(int test, String secret, String publicKey, String message,
      String signature) throws Exception {
    byte[] seed = Vectors.hex(secret);
    byte[] pub = Vectors.hex(publicKey);
    byte[] msg = Vectors.hex(message);
    byte[] sig = Vectors.hex(signature);
    String name = "rfc8032.example/test" + test;
    String id = HexFormat.of().toHexDigits(expectedKeyId(name, 0x01, pub));

    // parse() derives the public key from the seed and accepts the text only if the key ID matches it.
    NoteSigner signer = NoteSigner.parse("PRIVATE+KEY+" + name + "+" + id + "+" + typed(0x01, seed));

    assertThat(signer.verifier().publicKey()).isEqualTo(pub);
    assertThat(signer.verifier().text()).isEqualTo(name + "+" + id + "+" + typed(0x01, pub));
    assertThat(signer.sign(msg)).isEqualTo(sig);

    NoteVerifier verifier = NoteVerifier.parse(name + "+" + id + "+" + typed(0x01, pub));
    assertThat(verifier).isEqualTo(signer.verifier());
    assertThat(verifier.verify(msg, sig)).isTrue();
    assertThat(verifier.verify(new byte[] {1, 2, 3}, sig)).isFalse();
    byte[] flipped = sig.clone();
    flipped[17] ^= 0x40;
    assertThat(verifier.verify(msg, flipped)).isFalse();
    assertThat(verifier.verify(msg, java.util.Arrays.copyOf(sig, 63))).isFalse();
  }

  @Test
  void thePeterNeumannPrivateKeyGivesTheVerifierKeyInKeysTxt() {
    NoteSigner peter = NoteSigner.parse(SignedNoteVectorsTest.PETER_NEUMANN_SKEY);

    assertThat(peter.name()).isEqualTo("PeterNeumann");
    assertThat(peter.keyId()).isEqualTo(0xc74f20a3);
    assertThat(peter.verifier().text()).isEqualTo("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    assertThat(peter.privateKeyText()).isEqualTo(SignedNoteVectorsTest.PETER_NEUMANN_SKEY);
  }

  @Test
  void everyKeysTxtLineParsesExceptTheRekorEcdsaKey() {
    for (String line : Vectors.keyLines()) {
      if (line.equals(Vectors.rekorLine())) {
        assertThatThrownBy(() -> NoteVerifier.parse(line))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("not a note verifier key")
            .hasMessageContaining("whitespace")
            .hasMessageContaining("<name>+<8 hex digit key ID>+<base64(type byte || public key)>");
      } else {
        NoteVerifier key = NoteVerifier.parse(line);
        assertThat(key.text()).isEqualTo(line);
        assertThat(key.type()).isEqualTo(NoteVerifier.KeyType.ED25519);
      }
    }
  }

  @Test
  void theRekorKeyInNoteKeyFormIsRejectedAsEcdsa() throws Exception {
    String spki = Vectors.rekorLine().substring(Vectors.rekorLine().lastIndexOf(' ') + 1);
    byte[] der = Base64.getDecoder().decode(spki);
    // keys.txt: key hint = SHA-256(SPKI)[:4] = c0d23d6a; the note form of an ECDSA key (type 0x02) uses it.
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
    assertThat(HexFormat.of().formatHex(digest, 0, 4)).isEqualTo("c0d23d6a");
    String vkey = "rekor.sigstore.dev+c0d23d6a+" + typed(0x02, der);

    assertThatThrownBy(() -> NoteVerifier.parse(vkey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unsupported verifier key type 0x02 (ECDSA)")
        .hasMessageContaining("only Ed25519 (0x01) and Ed25519 cosignature/v1 (0x04)");
  }

  @Test
  void generatedKeysRoundTripThroughTheirTextForms() throws Exception {
    SecureRandom random = new SecureRandom();
    NoteSigner signer = NoteSigner.generate("firebreak.example/log", random);
    NoteSigner reparsed = NoteSigner.parse(signer.privateKeyText());
    NoteVerifier verifier = NoteVerifier.parse(signer.verifier().text());

    assertThat(reparsed.verifier().text()).isEqualTo(signer.verifier().text());
    assertThat(reparsed.privateKeyText()).isEqualTo(signer.privateKeyText());
    assertThat(verifier).isEqualTo(signer.verifier()).hasSameHashCodeAs(signer.verifier());
    assertThat(signer.keyId()).isEqualTo(expectedKeyId(signer.name(), 0x01, verifier.publicKey()));
    String prefix = "PRIVATE+KEY+firebreak.example/log+" + HexFormat.of().toHexDigits(signer.keyId()) + "+";
    assertThat(signer.privateKeyText()).startsWith(prefix);
    byte[] typeAndSeed = Base64.getDecoder().decode(signer.privateKeyText().substring(prefix.length()));
    assertThat(typeAndSeed).hasSize(33).startsWith((byte) 0x01);

    byte[] message = "go.sum database tree\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n".getBytes(StandardCharsets.UTF_8);
    byte[] signature = signer.sign(message);
    assertThat(signature).hasSize(64).isEqualTo(reparsed.sign(message)); // deterministic
    assertThat(verifier.verify(message, signature)).isTrue();
    assertThat(NoteSigner.generate("firebreak.example/log", random).verifier().verify(message, signature)).isFalse();
  }

  @Test
  void toStringNeverShowsThePrivateKey() {
    NoteSigner signer = NoteSigner.parse(SignedNoteVectorsTest.PETER_NEUMANN_SKEY);
    assertThat(signer.toString()).contains("PeterNeumann+c74f20a3").doesNotContain("AYEKFALVFGyNhPJEMzD1QIDr");
  }

  @Test
  void privateKeyTextWithAnotherKeyIdIsRejected() {
    String wrongId = SignedNoteVectorsTest.PETER_NEUMANN_SKEY.replace("c74f20a3", "c74f20a4");
    assertThatThrownBy(() -> NoteSigner.parse(wrongId))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key ID c74f20a4 does not match the key")
        .hasMessageContaining("c74f20a3")
        .hasMessageNotContaining("AYEKFALVFGyNhPJEMzD1QIDr");
  }

  @Test
  void malformedPrivateKeyTextsAreRejectedWithoutEchoingTheKey() {
    String key = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    List<List<String>> cases = List.of(
        List.of("PeterNeumann+c74f20a3+" + key, "must start with PRIVATE+KEY+"),
        List.of("PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr*Y7hfZx09iUvxdXHKDFz", "not valid base64"),
        List.of("PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDF", "not canonical base64"),
        List.of("PRIVATE+KEY+PeterNeumann+c74f20a3", "expected PRIVATE+KEY+<name>"),
        List.of("PRIVATE+KEY+PeterNeumann+c74f20a+" + key, "is not 8 hex digits"),
        List.of("PRIVATE+KEY+PeterNeumann+c74f20ag+" + key, "is not 8 hex digits"),
        List.of("PRIVATE+KEY+Peter Neumann+c74f20a3+" + key, "contains a space character"),
        List.of("PRIVATE+KEY++c74f20a3+" + key, "it is empty"),
        List.of("PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKA==", "seed is 32 bytes, not 30"),
        List.of("PRIVATE+KEY+PeterNeumann+c74f20a3+" + typed(0x02, new byte[32]), "unsupported note private key type 0x02 (ECDSA)"),
        List.of("PRIVATE+KEY+PeterNeumann+c74f20a3+" + typed(0x04, new byte[32]), "use CosignatureSigner.parse"),
        List.of("PRIVATE+KEY+PeterNeumann+c74f20a3+", "key material is empty"));
    for (List<String> c : cases) {
      assertThatThrownBy(() -> NoteSigner.parse(c.get(0)))
          .as(c.get(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(c.get(1))
          .hasMessageNotContaining("AYEKFALVFGyNhPJEMzD1QIDr");
    }
  }

  @Test
  void malformedVerifierKeysAreRejectedWithAClearMessage() throws Exception {
    String good = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    // 32 bytes that are not a valid point encoding (y >= p), with the key ID computed for them.
    byte[] notAPoint = Vectors.hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    String notAPointKey = "bad.example+" + HexFormat.of().toHexDigits(expectedKeyId("bad.example", 1, notAPoint))
        + "+" + typed(0x01, notAPoint);
    byte[] shortKey = new byte[31];
    String shortKeyText = "short.example+" + HexFormat.of().toHexDigits(expectedKeyId("short.example", 1, shortKey))
        + "+" + typed(0x01, shortKey);
    List<List<String>> cases = List.of(
        List.of(good.replace("c74f20a3", "c74f20a4"), "key ID c74f20a4 does not match the key"),
        List.of(good.replace("ARpc", "AR-c"), "not valid base64"),
        List.of(shortKeyText.substring(0, shortKeyText.length() - 1), "not canonical base64"),
        List.of("PeterNeumann+c74f20a3", "does not have three '+'-separated parts"),
        List.of("PeterNeumann", "does not have three '+'-separated parts"),
        List.of("PeterNeumann+c74f20+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "is not 8 hex digits"),
        List.of("+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "it is empty"),
        List.of(good + "\n", "whitespace"),
        List.of(" " + good, "whitespace"),
        List.of("PeterNeumann+c74f20a3+", "key material is empty"),
        List.of(shortKeyText, "key is 32 bytes, not 31"),
        List.of(notAPointKey, "not a valid Ed25519 public key"),
        List.of("-----BEGIN PUBLIC KEY-----", "whitespace"),
        List.of("MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=", "does not have three '+'-separated parts"));
    for (List<String> c : cases) {
      assertThatThrownBy(() -> NoteVerifier.parse(c.get(0)))
          .as(c.get(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(c.get(1));
    }
  }

  @Test
  void upperCaseHexKeyIdsAreAcceptedAsGoDoesAndWrittenInLowerCase() {
    NoteVerifier key = NoteVerifier.parse("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    assertThat(key.text()).isEqualTo("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  }

  @Test
  void invalidNamesAreRejectedWhenGenerating() {
    SecureRandom random = new SecureRandom();
    for (String name : List.of("", "a b", "a+b", "tab\there", "nbsp\u00a0here", "line\u2028sep", "bell\u0007")) {
      assertThatThrownBy(() -> NoteSigner.generate(name, random))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("invalid key name");
    }
    assertThat(NoteSigner.generate("\u00e9t\u00e9.example/\u2014log", random).name()).isEqualTo("été.example/—log");
  }
}
