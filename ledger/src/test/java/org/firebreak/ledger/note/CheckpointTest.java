package org.firebreak.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** c2sp.org/tlog-checkpoint note bodies. */
class CheckpointTest {

  /** The example in c2sp.org/tlog-checkpoint. */
  static final String SPEC_BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

  private static final String ROOT = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";

  @Test
  void theSpecExampleParsesAndFormatsBack() throws NoteException {
    Checkpoint checkpoint = Checkpoint.parse(SPEC_BODY);

    assertThat(checkpoint.origin()).isEqualTo("example.com/behind-the-sofa");
    assertThat(checkpoint.size()).isEqualTo(20852163L);
    assertThat(checkpoint.root()).isEqualTo(Base64.getDecoder().decode(ROOT)).hasSize(32);
    assertThat(checkpoint.extensions()).isEmpty();
    assertThat(checkpoint.text()).isEqualTo(SPEC_BODY);
  }

  @Test
  void extensionLinesAndTheEmptyTreeRoundTrip() throws NoteException {
    byte[] root = new byte[32];
    root[31] = 7;
    Checkpoint checkpoint = new Checkpoint("firebreak.example/ledger", 0, root, List.of("ext one", "\u2014 two"));
    String text = checkpoint.text();

    assertThat(text).isEqualTo("firebreak.example/ledger\n0\n" + Base64.getEncoder().encodeToString(root)
        + "\next one\n\u2014 two\n");
    assertThat(Checkpoint.parse(text)).isEqualTo(checkpoint).hasSameHashCodeAs(checkpoint);
    assertThat(new Checkpoint("o", Long.MAX_VALUE, root).text()).contains("\n9223372036854775807\n");
    assertThat(Checkpoint.parse("origin with spaces + plus\n1\n" + ROOT + "\n").origin())
        .isEqualTo("origin with spaces + plus"); // a SHOULD, which clients must not assume
  }

  @Test
  void aCheckpointIsTheBodyOfASignedNote() throws NoteException {
    NoteSigner log = NoteSigner.generate("firebreak.example/ledger", new java.security.SecureRandom());
    Checkpoint checkpoint = new Checkpoint("firebreak.example/ledger", 42, new byte[32]);
    Note note = Note.parse(Note.sign(checkpoint.text(), log).format());

    assertThat(note.verify(List.of(log.verifier()))).containsExactly(log.verifier());
    assertThat(Checkpoint.parse(note.text())).isEqualTo(checkpoint);
  }

  @Test
  void malformedCheckpointsAreNoteExceptionsThatSayWhatIsWrong() {
    List<List<String>> cases = List.of(
        List.of("o\n0123\n" + ROOT + "\n", "tree size \"0123\" has a leading zero"),
        List.of("o\n00\n" + ROOT + "\n", "has a leading zero"),
        List.of("o\n-1\n" + ROOT + "\n", "tree size \"-1\" is not a non-negative ASCII decimal number"),
        List.of("o\n+5\n" + ROOT + "\n", "is not a non-negative ASCII decimal number"),
        List.of("o\n 5\n" + ROOT + "\n", "is not a non-negative ASCII decimal number"),
        List.of("o\n\u0661\u0662\u0663\n" + ROOT + "\n", "is not a non-negative ASCII decimal number"),
        List.of("o\n1e3\n" + ROOT + "\n", "is not a non-negative ASCII decimal number"),
        List.of("o\n9223372036854775808\n" + ROOT + "\n", "exceeds 9223372036854775807"),
        List.of("o\n\n" + ROOT + "\n", "the tree size line is empty"),
        List.of("o\n1\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\n", "root hash is 31 bytes, not 32"),
        List.of("o\n1\n" + Base64.getEncoder().encodeToString(new byte[33]) + "\n", "root hash is 33 bytes, not 32"),
        List.of("o\n1\n" + ROOT.replace("=", "") + "\n", "not canonical base64"),
        List.of("o\n1\n" + ROOT.replace("q2I=", "q2J=") + "\n", "not canonical base64"),
        List.of("o\n1\nnot base64!\n", "not valid base64"),
        List.of("o\n1\n\n", "root hash is 0 bytes, not 32"),
        List.of("o\n1\n", "it has 2 line(s)"),
        List.of("\n1\n" + ROOT + "\n", "the origin line is empty"),
        List.of("o\n1\n" + ROOT + "\n\next\n", "extension line 1 (line 4) is empty"),
        List.of("o\n1\n" + ROOT, "must end in a newline"),
        List.of("o\n1\n" + ROOT + "\r\n", "control character U+000D"),
        List.of("", "must end in a newline"));
    for (List<String> c : cases) {
      assertThatThrownBy(() -> Checkpoint.parse(c.get(0)))
          .as(c.get(0))
          .isInstanceOf(NoteException.class)
          .hasMessageStartingWith("malformed checkpoint")
          .hasMessageContaining(c.get(1));
    }
  }

  @Test
  void theConstructorValidatesToo() {
    byte[] root = new byte[32];
    assertThatThrownBy(() -> new Checkpoint("o", -1, root)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tree size -1 is negative");
    assertThatThrownBy(() -> new Checkpoint("o", 1, new byte[20])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("root hash is 20 bytes, not 32");
    assertThatThrownBy(() -> new Checkpoint("", 1, root)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("origin is empty");
    assertThatThrownBy(() -> new Checkpoint("a\nb", 1, root)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("origin contains a newline");
    assertThatThrownBy(() -> new Checkpoint("o", 1, root, List.of(""))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("extension line 1 is empty");
    assertThatThrownBy(() -> new Checkpoint("o", 1, root, List.of("tab\t"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("control character U+0009");
  }

  @Test
  void theRootIsCopiedInAndOut() {
    byte[] root = new byte[32];
    Checkpoint checkpoint = new Checkpoint("o", 1, root);
    root[0] = 1;
    checkpoint.root()[1] = 1;
    assertThat(checkpoint.root()).isEqualTo(new byte[32]);
  }
}
