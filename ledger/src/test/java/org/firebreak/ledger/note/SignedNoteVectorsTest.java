package org.firebreak.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real signed notes in shared/data/tlog/signed-notes (sum.golang.org tree heads and the C2SP example)
 * against the keys in keys.txt, and the golang.org/x/mod/sumdb/note documentation example.
 */
class SignedNoteVectorsTest {

  /** From the golang.org/x/mod/sumdb/note package documentation. */
  static final String PETER_NEUMANN_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";

  static final String PETER_NEUMANN_TEXT = "If you think cryptography is the answer to your problem,\n"
      + "then you don't know what your problem is.\n";

  static final String PETER_NEUMANN_NOTE = PETER_NEUMANN_TEXT + "\n"
      + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

  static final String ENOCH_ROOT_LINE =
      "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

  static List<Path> notes() {
    return Vectors.noteFiles();
  }

  @Test
  void theVectorsAreThere() {
    assertThat(Vectors.noteFiles()).extracting(p -> p.getFileName().toString())
        .contains("c2sp-signed-note-example.note", "sumdb-445646.note")
        .hasSize(9);
    assertThat(Vectors.noteKeys()).extracting(NoteVerifier::name)
        .containsExactly("sum.golang.org", "PeterNeumann", "example.com/foo");
  }

  @ParameterizedTest
  @MethodSource("notes")
  void everyNoteVerifiesWithItsKeyMatchedByName(Path file) throws NoteException {
    Note note = Note.parse(Vectors.bytes(file));
    assertThat(note.signatures()).hasSize(1);
    NoteVerifier key = Vectors.noteKey(note.signatures().getFirst().name());

    assertThat(note.verify(List.of(key))).containsExactly(key);
    assertThat(note.verify(Vectors.noteKeys())).containsExactly(key);
  }

  @ParameterizedTest
  @MethodSource("notes")
  void everyNoteFormatsBackToItsExactBytes(Path file) throws NoteException {
    byte[] original = Vectors.bytes(file);
    assertThat(Note.parse(original).format().getBytes(StandardCharsets.UTF_8)).isEqualTo(original);
  }

  @ParameterizedTest
  @MethodSource("notes")
  void theSumdbNotesAreCheckpoints(Path file) throws NoteException {
    String name = file.getFileName().toString();
    if (!name.startsWith("sumdb-")) {
      return;
    }
    long sizeInFileName = Long.parseLong(name.substring("sumdb-".length(), name.length() - ".note".length()));
    Note note = Note.parse(Vectors.text(file));
    Checkpoint checkpoint = Checkpoint.parse(note.text());

    assertThat(checkpoint.origin()).isEqualTo("go.sum database tree");
    assertThat(checkpoint.size()).isEqualTo(sizeInFileName);
    assertThat(checkpoint.root()).hasSize(32);
    assertThat(checkpoint.extensions()).isEmpty();
    assertThat(checkpoint.text()).isEqualTo(note.text());
  }

  @Test
  void changingAnyByteOfTheC2spExampleMakesItFail() {
    Path file = Vectors.signedNotesDirectory().resolve("c2sp-signed-note-example.note");
    assertEveryPositionFails(Vectors.bytes(file), allPositions(Vectors.bytes(file).length));
  }

  @Test
  void changingAnyByteOfASumdbNoteMakesItFail() {
    Path file = Vectors.signedNotesDirectory().resolve("sumdb-445646.note");
    assertEveryPositionFails(Vectors.bytes(file), allPositions(Vectors.bytes(file).length));
  }

  @ParameterizedTest
  @MethodSource("notes")
  void changingASampleOfBytesOfEveryNoteMakesItFail(Path file) {
    byte[] original = Vectors.bytes(file);
    Random random = new Random(file.getFileName().toString().hashCode());
    TreeSet<Integer> positions = new TreeSet<>();
    while (positions.size() < Math.min(48, original.length)) {
      positions.add(random.nextInt(original.length));
    }
    // Always include the key ID bytes and the end of the signature (last base64 character and padding).
    int lastLine = lastLineStart(original);
    for (int i = lastLine; i < lastLine + "\u2014 ".getBytes(StandardCharsets.UTF_8).length + 3; i++) {
      positions.add(i);
    }
    for (int i = original.length - 4; i < original.length; i++) {
      positions.add(i);
    }
    assertEveryPositionFails(original, new ArrayList<>(positions));
  }

  /** Every single-bit flip and a few whole-byte replacements at each position: never accepted. */
  private static void assertEveryPositionFails(byte[] original, List<Integer> positions) {
    List<NoteVerifier> keys = Vectors.noteKeys();
    for (int position : positions) {
      List<Integer> replacements = new ArrayList<>();
      for (int bit = 0; bit < 8; bit++) {
        replacements.add((original[position] ^ (1 << bit)) & 0xff);
      }
      replacements.addAll(List.of((int) '\n', (int) ' ', (int) 'A', (int) '=', 0x00));
      for (int replacement : replacements) {
        if ((byte) replacement == original[position]) {
          continue;
        }
        byte[] changed = original.clone();
        changed[position] = (byte) replacement;
        assertThatThrownBy(() -> Note.parse(changed).verify(keys))
            .as("byte %d changed from 0x%02x to 0x%02x", position, original[position] & 0xff, replacement)
            .isInstanceOf(NoteException.class);
      }
    }
  }

  private static List<Integer> allPositions(int length) {
    List<Integer> all = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      all.add(i);
    }
    return all;
  }

  private static int lastLineStart(byte[] note) {
    for (int i = note.length - 2; i >= 0; i--) {
      if (note[i] == '\n') {
        return i + 1;
      }
    }
    return fail("no newline in note");
  }

  @Test
  void aNoteSignedOnlyByAnUnknownKeyFails() throws NoteException {
    Note sumdb = Note.parse(Vectors.text(Vectors.signedNotesDirectory().resolve("sumdb-63512409.note")));
    List<NoteVerifier> others = List.of(Vectors.noteKey("PeterNeumann"), Vectors.noteKey("example.com/foo"));

    assertThatThrownBy(() -> sumdb.verify(others))
        .isInstanceOf(NoteException.class)
        .hasMessageStartingWith("no known signature")
        .hasMessageContaining("sum.golang.org+033de0ae");
    assertThatThrownBy(() -> sumdb.verify(List.of()))
        .isInstanceOf(NoteException.class)
        .hasMessageStartingWith("no known signature");
  }

  @Test
  void aSignatureByAKnownNameWithAnotherKeyIdIsIgnoredAsUnknown() throws NoteException {
    Note sumdb = Note.parse(Vectors.text(Vectors.signedNotesDirectory().resolve("sumdb-445646.note")));
    NoteVerifier key = Vectors.noteKey("sum.golang.org");
    Note.Signature real = sumdb.signatures().getFirst();
    Note.Signature otherId = new Note.Signature("sum.golang.org", real.keyId() ^ 1, real.signature());

    // Alone, it is not a known signature: the note fails as unsigned, not as badly signed.
    Note onlyOtherId = new Note(sumdb.text(), List.of(otherId));
    assertThatThrownBy(() -> onlyOtherId.verify(List.of(key)))
        .isInstanceOf(NoteException.class)
        .hasMessageStartingWith("no known signature");

    // Next to the real signature, it is ignored and the note verifies.
    Note both = Note.parse(sumdb.format() + otherId.line() + "\n");
    assertThat(both.signatures()).hasSize(2);
    assertThat(both.verify(List.of(key))).containsExactly(key);
  }

  @Test
  void aBadSignatureByAKnownKeyFailsEvenIfAnotherKnownKeyVerifies() throws NoteException {
    Note sumdb = Note.parse(Vectors.text(Vectors.signedNotesDirectory().resolve("sumdb-445646.note")));
    NoteVerifier sumKey = Vectors.noteKey("sum.golang.org");
    NoteVerifier peter = Vectors.noteKey("PeterNeumann");
    // PeterNeumann's signature of another text: a well-formed signature by a known key that does not verify.
    Note.Signature peterElsewhere = Note.parse(PETER_NEUMANN_NOTE).signatures().getFirst();
    Note tampered = Note.parse(sumdb.format() + peterElsewhere.line() + "\n");

    assertThat(tampered.verify(List.of(sumKey))).containsExactly(sumKey); // Peter unknown: ignored
    assertThatThrownBy(() -> tampered.verify(List.of(sumKey, peter)))
        .isInstanceOf(NoteException.class)
        .hasMessageStartingWith("invalid signature by known key PeterNeumann+c74f20a3");
  }

  @Test
  void theGoDocumentationExampleSignsToTheSameNote() throws NoteException {
    NoteSigner peter = NoteSigner.parse(PETER_NEUMANN_SKEY);

    assertThat(peter.verifier()).isEqualTo(Vectors.noteKey("PeterNeumann"));
    assertThat(Note.sign(PETER_NEUMANN_TEXT, peter).format()).isEqualTo(PETER_NEUMANN_NOTE);
    assertThat(Note.parse(PETER_NEUMANN_NOTE).verify(List.of(peter.verifier()))).containsExactly(peter.verifier());
  }

  @Test
  void theGoDocumentationDoublySignedNoteVerifiesWithTheKnownKeyOnly() throws NoteException {
    Note doubly = Note.parse(PETER_NEUMANN_NOTE + ENOCH_ROOT_LINE);
    NoteVerifier peter = Vectors.noteKey("PeterNeumann");

    assertThat(doubly.signatures()).extracting(Note.Signature::name).containsExactly("PeterNeumann", "EnochRoot");
    assertThat(doubly.verify(List.of(peter))).containsExactly(peter);
    assertThat(doubly.format()).isEqualTo(PETER_NEUMANN_NOTE + ENOCH_ROOT_LINE);
  }

  /**
   * The example in c2sp.org/tlog-checkpoint carries sum.golang.org's key ID under the name
   * example.com/behind-the-sofa: it is a real sum.golang.org signature of the go.sum checkpoint of the same
   * size and root, renamed. As printed it is not signed by any key we know; restored, it verifies.
   */
  @Test
  void theTlogCheckpointSpecExampleIsARenamedSumdbCheckpoint() throws NoteException {
    String signature = "Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=";
    String tail = "\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    Note asPrinted = Note.parse("example.com/behind-the-sofa" + tail + "\n\u2014 example.com/behind-the-sofa " + signature + "\n");
    Note restored = Note.parse("go.sum database tree" + tail + "\n\u2014 sum.golang.org " + signature + "\n");
    NoteVerifier sum = Vectors.noteKey("sum.golang.org");

    assertThat(asPrinted.signatures().getFirst().keyId()).isEqualTo(sum.keyId());
    assertThatThrownBy(() -> asPrinted.verify(List.of(sum))).hasMessageStartingWith("no known signature");
    assertThat(restored.verify(List.of(sum))).containsExactly(sum);
    assertThat(Checkpoint.parse(restored.text()).size()).isEqualTo(20852163L);
  }

  @Test
  void theSignatureBytesAreWhatFollowsTheKeyId() throws NoteException {
    Note example = Note.parse(Vectors.text(Vectors.signedNotesDirectory().resolve("c2sp-signed-note-example.note")));
    Note.Signature signature = example.signatures().getFirst();
    String line = Vectors.text(Vectors.signedNotesDirectory().resolve("c2sp-signed-note-example.note")).lines()
        .filter(l -> l.startsWith("\u2014 ")).findFirst().orElseThrow();
    byte[] decoded = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1));

    assertThat(signature.name()).isEqualTo("example.com/foo");
    assertThat(signature.keyId()).isEqualTo(0x530d903a); // the key ID in keys.txt
    assertThat(signature.keyId()).isEqualTo(ByteBuffer.wrap(decoded).getInt());
    assertThat(signature.signature()).hasSize(64).isEqualTo(java.util.Arrays.copyOfRange(decoded, 4, 68));
    assertThat(example.text()).isEqualTo("This is an example message.\n");
  }
}
