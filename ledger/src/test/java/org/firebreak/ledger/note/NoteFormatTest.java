package org.firebreak.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signed-note format: parsing, exact formatting, signing, and the verification rules. */
class NoteFormatTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SUMDB_TEXT = "go.sum database tree\n445646\njEFFy4AtYgBBNTSZTiNnQrgQqMbcH0mfO2oP2FxR9VU=\n";
  private static final String SUMDB_SIG = "Az3grkGho/PqvUmEuTv6+r2g303hUhu60FOD6vLpm19mBwH9UjquWY2OKxNmZ55z0gHrp24AgPC3Q5WO7uZrVdvdCQU=";
  private static final String SUMDB_NOTE = SUMDB_TEXT + "\n\u2014 sum.golang.org " + SUMDB_SIG + "\n";

  @Test
  void theSumdbNoteIsWellFormedAsWritten() throws NoteException {
    assertThat(Note.parse(SUMDB_NOTE).verify(List.of(Vectors.noteKey("sum.golang.org")))).hasSize(1);
  }

  @Test
  void malformedNotesAreNoteExceptionsThatSayWhatIsWrong() {
    String line = "\u2014 sum.golang.org " + SUMDB_SIG + "\n";
    List<List<String>> cases = List.of(
        List.of(SUMDB_TEXT + line, "no blank line between the text and the signature lines"),
        List.of(SUMDB_TEXT + "\n- sum.golang.org " + SUMDB_SIG + "\n", "does not start with an em dash (U+2014)"),
        List.of(SUMDB_TEXT + "\n\u2013 sum.golang.org " + SUMDB_SIG + "\n", "does not start with an em dash (U+2014)"),
        List.of(SUMDB_TEXT + "\n\u2014sum.golang.org " + SUMDB_SIG + "\n", "does not start with an em dash (U+2014) and a space"),
        List.of(SUMDB_TEXT + "\n\u2014 sum.golang.org " + SUMDB_SIG.replace("Az3g", "Az3*") + "\n", "not valid base64"),
        List.of(SUMDB_TEXT + "\n\u2014 sum.golang.org " + SUMDB_SIG.replace("CQU=", "CQV=") + "\n", "not canonical base64"),
        List.of(SUMDB_TEXT + "\n\u2014 sum.golang.org " + SUMDB_SIG.replace("CQU=", "CQU") + "\n", "not canonical base64"),
        List.of(SUMDB_TEXT + "\n\u2014 sum.golang.org Az3grg==\n", "the signature is 4 bytes"),
        List.of(SUMDB_TEXT + "\n\u2014 sum.golang.org \n", "the signature is 0 bytes"),
        List.of(SUMDB_TEXT + "\n\u2014 sum.golang.org\n", "no space between the key name and the signature"),
        List.of(SUMDB_TEXT + "\n\u2014 sum+golang.org " + SUMDB_SIG + "\n", "it contains '+'"),
        List.of(SUMDB_TEXT + "\n\u2014  " + SUMDB_SIG + "\n", "it is empty"),
        List.of(SUMDB_TEXT + "\n" + line.strip(), "the last signature line does not end in a newline"),
        List.of(SUMDB_TEXT + "\n", "no signature lines after the blank line"),
        List.of(SUMDB_TEXT + "\n" + line + "\n", "no signature lines after the blank line"),
        List.of(SUMDB_TEXT + "\n" + line + "trailing text\n", "signature line 2 does not start with an em dash"),
        List.of(SUMDB_TEXT.replace("\n", "\r\n") + "\r\n" + line, "control character U+000D"),
        List.of("tab\there\n\n" + line, "control character U+0009"),
        List.of("lone \ud800 surrogate\n\n" + line, "unpaired surrogate"),
        List.of("", "no blank line"),
        List.of("no newline at all", "no blank line"));
    for (List<String> c : cases) {
      assertThatThrownBy(() -> Note.parse(c.get(0)))
          .as(c.get(0))
          .isInstanceOf(NoteException.class)
          .hasMessageStartingWith("malformed note")
          .hasMessageContaining(c.get(1));
    }
  }

  @Test
  void invalidUtf8IsANoteException() {
    byte[] bytes = SUMDB_NOTE.getBytes(StandardCharsets.UTF_8);
    bytes[SUMDB_TEXT.length() + 1] = (byte) 0xff; // first byte of the em dash
    assertThatThrownBy(() -> Note.parse(bytes)).isInstanceOf(NoteException.class).hasMessage("malformed note: not valid UTF-8");
    byte[] overlong = "x\n\n\u2014 a AAAAAAA=\n".getBytes(StandardCharsets.UTF_8);
    overlong[0] = (byte) 0xc1; // an overlong-encoding lead byte
    assertThatThrownBy(() -> Note.parse(overlong)).isInstanceOf(NoteException.class);
  }

  @Test
  void moreThanOneHundredSignaturesAreRefusedButSixteenAreAccepted() throws NoteException {
    NoteSigner signer = NoteSigner.generate("many.example", RANDOM);
    Note.Signature signature = Note.sign("x\n", signer).signatures().getFirst();
    StringBuilder sixteen = new StringBuilder("x\n\n");
    for (int i = 0; i < 16; i++) {
      sixteen.append(signature.line()).append('\n');
    }
    assertThat(Note.parse(sixteen.toString()).verify(List.of(signer.verifier()))).containsExactly(signer.verifier());

    StringBuilder tooMany = new StringBuilder("x\n\n");
    for (int i = 0; i < 101; i++) {
      tooMany.append(signature.line()).append('\n');
    }
    assertThatThrownBy(() -> Note.parse(tooMany.toString()))
        .isInstanceOf(NoteException.class)
        .hasMessageContaining("more than 100 signatures");
  }

  @Test
  void textThatDoesNotEndInANewlineIsRefused() {
    NoteSigner signer = NoteSigner.generate("log.example", RANDOM);
    Note.Signature signature = Note.sign("x\n", signer).signatures().getFirst();

    assertThatThrownBy(() -> Note.sign("no final newline", signer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid note text: it must end in a newline");
    assertThatThrownBy(() -> new Note("no final newline", List.of(signature)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid note text: it must end in a newline");
    assertThatThrownBy(() -> Note.sign("bell \u0007\n", signer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("control character U+0007");
    assertThatThrownBy(() -> Note.sign("x\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one signer");
    assertThatThrownBy(() -> new Note("x\n", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one signature");
    assertThatThrownBy(() -> Note.sign("x\n", signer, signer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("given twice");
  }

  @Test
  void textsWithBlankLinesAndTrickyCharactersRoundTrip() throws NoteException {
    NoteSigner signer = NoteSigner.generate("log.example", RANDOM);
    for (String text : List.of("\n", "\n\n", "a\n\nb\n", "a\n\n\n", "\u2014 fake.example AAAAAAA=\n\n",
        "em \u2014 dash, emoji \ud83d\ude00, line separator \u2028, nbsp \u00a0\n")) {
      Note note = Note.sign(text, signer);
      Note parsed = Note.parse(note.format());
      assertThat(parsed).isEqualTo(note);
      assertThat(parsed.text()).isEqualTo(text);
      assertThat(parsed.verify(List.of(signer.verifier()))).containsExactly(signer.verifier());
    }
  }

  @Test
  void formatIsTheTextABlankLineAndOneLinePerSignature() {
    NoteSigner a = NoteSigner.generate("a.example", RANDOM);
    NoteSigner b = NoteSigner.generate("b.example", RANDOM);
    Note note = Note.sign("hello\n", a, b);
    byte[] message = "hello\n".getBytes(StandardCharsets.UTF_8);

    String expected = "hello\n\n"
        + "\u2014 a.example " + Base64.getEncoder().encodeToString(concat(id(a.keyId()), a.sign(message))) + "\n"
        + "\u2014 b.example " + Base64.getEncoder().encodeToString(concat(id(b.keyId()), b.sign(message))) + "\n";
    assertThat(note.format()).isEqualTo(expected);
  }

  @Test
  void verificationFollowsTheSpecRules() throws NoteException {
    NoteSigner log = NoteSigner.generate("log.example", RANDOM);
    NoteSigner rotated = NoteSigner.generate("log.example", RANDOM); // same name, another key
    NoteSigner other = NoteSigner.generate("other.example", RANDOM);
    Note note = Note.sign("entry\n", log, other);

    // Only known keys count; the result lists the ones that verified.
    assertThat(note.verify(List.of(log.verifier()))).containsExactly(log.verifier());
    assertThat(note.verify(List.of(other.verifier(), log.verifier()))).containsExactly(log.verifier(), other.verifier());
    // A key with the same name but another key ID is not the signer: the signature is unknown to it.
    assertThatThrownBy(() -> note.verify(List.of(rotated.verifier())))
        .isInstanceOf(NoteException.class)
        .hasMessageStartingWith("no known signature");
    // The same known key listed twice is fine; two different keys with one name and ID are a configuration error.
    assertThat(note.verify(List.of(log.verifier(), NoteVerifier.parse(log.verifier().text())))).hasSize(1);

    // A failing signature by a known key rejects the note even though another known key verified.
    byte[] bad = note.signatures().get(1).signature();
    bad[0] ^= 1;
    Note tampered = new Note("entry\n", List.of(note.signatures().get(0),
        new Note.Signature("other.example", other.keyId(), bad)));
    assertThat(tampered.verify(List.of(log.verifier()))).containsExactly(log.verifier());
    assertThatThrownBy(() -> tampered.verify(List.of(log.verifier(), other.verifier())))
        .isInstanceOf(NoteException.class)
        .hasMessage("invalid signature by known key other.example+" + java.util.HexFormat.of().toHexDigits(other.keyId())
            + ": the note is rejected");

    // A repeated signature line is verified every time, not skipped.
    Note repeated = new Note("entry\n", List.of(note.signatures().get(0), note.signatures().get(0),
        new Note.Signature("log.example", log.keyId(), new byte[64])));
    assertThatThrownBy(() -> repeated.verify(List.of(log.verifier()))).isInstanceOf(NoteException.class)
        .hasMessageStartingWith("invalid signature");
  }

  @Test
  void signaturesOfTheWrongLengthDoNotVerify() throws NoteException {
    NoteSigner log = NoteSigner.generate("log.example", RANDOM);
    Note note = Note.sign("entry\n", log);
    byte[] longer = java.util.Arrays.copyOf(note.signatures().getFirst().signature(), 65);
    Note padded = new Note("entry\n", List.of(new Note.Signature("log.example", log.keyId(), longer)));
    assertThatThrownBy(() -> Note.parse(padded.format()).verify(List.of(log.verifier())))
        .isInstanceOf(NoteException.class)
        .hasMessageStartingWith("invalid signature by known key log.example");
  }

  @Test
  void withSignatureAppendsOrReplacesTheSameKey() {
    NoteSigner a = NoteSigner.generate("a.example", RANDOM);
    NoteSigner b = NoteSigner.generate("b.example", RANDOM);
    Note onlyA = Note.sign("t\n", a);
    Note.Signature bSig = Note.sign("t\n", b).signatures().getFirst();
    Note both = onlyA.withSignature(bSig);

    assertThat(both.signatures()).extracting(Note.Signature::name).containsExactly("a.example", "b.example");
    Note.Signature aAgain = onlyA.signatures().getFirst();
    assertThat(both.withSignature(aAgain).signatures()).extracting(Note.Signature::name)
        .containsExactly("b.example", "a.example");
  }

  @Test
  void notesAndSignaturesAreImmutable() {
    NoteSigner a = NoteSigner.generate("a.example", RANDOM);
    Note note = Note.sign("t\n", a);
    String formatted = note.format();

    note.signatures().getFirst().signature()[0] ^= 1;
    byte[] mine = new byte[64];
    Note.Signature signature = new Note.Signature("a.example", a.keyId(), mine);
    mine[0] = 42;
    List<Note.Signature> list = new ArrayList<>(List.of(signature));
    Note other = new Note("t\n", list);
    list.clear();

    assertThat(note.format()).isEqualTo(formatted);
    assertThat(signature.signature()[0]).isZero();
    assertThat(other.signatures()).hasSize(1);
    assertThatThrownBy(() -> note.signatures().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(signature).isEqualTo(new Note.Signature("a.example", a.keyId(), new byte[64]));
  }

  @Test
  void signatureLinesRejectInvalidNamesAndEmptySignatures() {
    assertThatThrownBy(() -> new Note.Signature("a b", 1, new byte[64]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("space");
    assertThatThrownBy(() -> new Note.Signature("a", 1, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
  }

  private static byte[] id(int keyId) {
    return java.nio.ByteBuffer.allocate(4).putInt(keyId).array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
