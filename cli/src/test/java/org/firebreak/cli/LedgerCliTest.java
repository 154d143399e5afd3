package org.firebreak.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.firebreak.cli.CliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.firebreak.cli.CliTest.Run;
import org.firebreak.ledger.tree.Hashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact ledger command line of the issue, on real directories. */
class LedgerCliTest {
  @TempDir
  Path tmp;

  private Path write(String name, String text) throws Exception {
    return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
  }

  private String init(Path dir) {
    Run r = run("ledger", "init", "--dir", dir.toString(), "--origin", "test.example/log");
    assertThat(r.exit()).as(r.err()).isZero();
    return r.out().strip();
  }

  @Test
  void initAppendCheckpointProveVerify() throws Exception {
    Path dir = tmp.resolve("log");
    String vkey = init(dir);
    assertThat(vkey).startsWith("test.example/log+").matches("test\\.example/log\\+[0-9a-f]{8}\\+[A-Za-z0-9+/=]+");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ledger.key"))))
        .isEqualTo("rw-------");

    Run a = run("ledger", "append", "--dir", dir.toString(), "--file",
        write("in.txt", "first\nsecond\nthird\n").toString());
    assertThat(a.exit()).as(a.err()).isZero();
    assertThat(a.out().strip()).isEqualTo("appended 3 entries: 0..2");
    Run cp3 = run("ledger", "checkpoint", "--dir", dir.toString());
    Path old = write("cp3.note", cp3.out());
    assertThat(cp3.out()).startsWith("test.example/log\n3\n").contains("\n\n\u2014 test.example/log ");

    Run b = run("ledger", "append", "--dir", dir.toString(), "--file",
        write("more.txt", "fourth\nfifth").toString()); // no newline after the last line
    assertThat(b.out().strip()).isEqualTo("appended 2 entries: 3..4");
    Path now = write("cp5.note", run("ledger", "checkpoint", "--dir", dir.toString()).out());

    Run incl = run("ledger", "prove-inclusion", "--dir", dir.toString(), "--index", "1");
    JsonNode p = new ObjectMapper().readTree(incl.out());
    assertThat(p.get("index").asLong()).isEqualTo(1);
    assertThat(p.get("treeSize").asLong()).isEqualTo(5);
    assertThat(Base64.getDecoder().decode(p.get("leafHash").asText()))
        .isEqualTo(Hashes.leafHash("second".getBytes(StandardCharsets.UTF_8)));
    assertThat(p.get("proof")).hasSize(3); // a 5-leaf tree: sibling, the pair 2-3, the leaf 4
    Path proof = write("incl.json", incl.out());

    Run ok = run("ledger", "verify-proof", "--proof", proof.toString(), "--checkpoint", now.toString(),
        "--entry", write("second.bin", "second").toString(), "--vkey", vkey);
    assertThat(ok.exit()).as(ok.err()).isZero();
    Run wrong = run("ledger", "verify-proof", "--proof", proof.toString(), "--checkpoint", now.toString(),
        "--entry", write("other.bin", "Second").toString(), "--vkey", vkey);
    assertThat(wrong.exit()).isEqualTo(1);

    Run cons = run("ledger", "prove-consistency", "--dir", dir.toString(), "--from", "3", "--to", "5");
    JsonNode c = new ObjectMapper().readTree(cons.out());
    assertThat(c.get("size1").asLong()).isEqualTo(3);
    assertThat(c.get("size2").asLong()).isEqualTo(5);
    Run consOk = run("ledger", "verify-proof", "--proof", write("cons.json", cons.out()).toString(),
        "--checkpoint", now.toString(), "--old-checkpoint", old.toString(), "--vkey", vkey);
    assertThat(consOk.exit()).as(consOk.err()).isZero();
    Run swapped = run("ledger", "verify-proof", "--proof", tmp.resolve("cons.json").toString(),
        "--checkpoint", old.toString(), "--old-checkpoint", now.toString(), "--vkey", vkey);
    assertThat(swapped.exit()).isEqualTo(1);

    Run v = run("ledger", "verify", "--dir", dir.toString(), "--vkey", vkey);
    assertThat(v.exit()).as(v.err()).isZero();
  }

  @Test
  void aWitnessCosignatureIsRequiredWhenAWitnessKeyIsGiven() throws Exception {
    Path dir = tmp.resolve("log");
    String vkey = init(dir);
    run("ledger", "append", "--dir", dir.toString(), "--file", write("in.txt", "one\ntwo\n").toString());
    String note = run("ledger", "checkpoint", "--dir", dir.toString()).out();
    var witness = org.firebreak.ledger.note.CosignatureSigner.generate("witness.example/w1",
        new java.security.SecureRandom());
    String cosigned = org.firebreak.ledger.note.Cosignatures.cosign(
        org.firebreak.ledger.note.Note.parse(note), witness, 1_790_000_000L).format();
    Path plain = write("plain.note", note);
    Path withWitness = write("cosigned.note", cosigned);
    Path proof = write("p.json", run("ledger", "prove-inclusion", "--dir", dir.toString(), "--index", "0").out());
    String wkey = witness.verifier().text();

    Run ok = run("ledger", "verify-proof", "--proof", proof.toString(), "--checkpoint", withWitness.toString(),
        "--vkey", vkey, "--witness", wkey);
    assertThat(ok.exit()).as(ok.err()).isZero();
    Run missing = run("ledger", "verify-proof", "--proof", proof.toString(), "--checkpoint", plain.toString(),
        "--vkey", vkey, "--witness", wkey);
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("witness.example/w1 has not cosigned");
    // The stored checkpoint carries no cosignature: verify with a witness key says so.
    Run dirCheck = run("ledger", "verify", "--dir", dir.toString(), "--vkey", vkey, "--witness", wkey);
    assertThat(dirCheck.exit()).isEqualTo(1);
    assertThat(dirCheck.err()).contains("checkpoint").contains("witness.example/w1");
  }

  @Test
  void verifyNamesTheTamperedFile() throws Exception {
    Path dir = tmp.resolve("log");
    String vkey = init(dir);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      lines.append("entry ").append(i).append('\n');
    }
    assertThat(run("ledger", "append", "--dir", dir.toString(), "--file", write("in.txt", lines.toString())
        .toString()).exit()).isZero();
    Path tile = dir.resolve("tile/0/000");
    byte[] bytes = Files.readAllBytes(tile);
    bytes[100] ^= 1;
    Files.write(tile, bytes);
    Run v = run("ledger", "verify", "--dir", dir.toString(), "--vkey", vkey);
    assertThat(v.exit()).isEqualTo(1);
    assertThat(v.err().strip()).doesNotContain("\n").contains("tile/0/000");
  }

  @Test
  void appendReadsStandardInput() throws Exception {
    Path dir = tmp.resolve("log");
    init(dir);
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8)));
      Run r = run("ledger", "append", "--dir", dir.toString(), "--file", "-");
      assertThat(r.out().strip()).isEqualTo("appended 2 entries: 0..1");
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void badLinesAreRefusedWithTheirLineNumberAndNothingIsAppended() throws Exception {
    Path dir = tmp.resolve("log");
    init(dir);
    Path big = write("big.txt", "ok\n" + "x".repeat(65_536) + "\n");
    Run r = run("ledger", "append", "--dir", dir.toString(), "--file", big.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains(big + ":2").contains("65535");
    Path bad = Files.write(tmp.resolve("bad.txt"), new byte[] {'o', 'k', '\n', (byte) 0xC3, '\n'});
    Run u = run("ledger", "append", "--dir", dir.toString(), "--file", bad.toString());
    assertThat(u.exit()).isEqualTo(2);
    assertThat(u.err()).contains(bad + ":2").contains("UTF-8");
    assertThat(run("ledger", "checkpoint", "--dir", dir.toString()).out()).startsWith("test.example/log\n0\n");
  }

  @Test
  void initWithAGivenKeyFileAndRefusalsAreOneLine() throws Exception {
    Path first = tmp.resolve("first");
    init(first);
    Path key = first.resolve("ledger.key");
    Path second = tmp.resolve("second");
    Run r = run("ledger", "init", "--dir", second.toString(), "--origin", "test.example/log", "--key-file",
        key.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo(Files.readString(first.resolve("ledger.properties")).lines()
        .filter(l -> l.startsWith("vkey=")).findFirst().orElseThrow().substring(5).replace("\\:", ":"));
    assertThat(second.resolve("ledger.key")).doesNotExist();

    List<Run> refusals = new ArrayList<>();
    refusals.add(run("ledger", "init", "--dir", first.toString(), "--origin", "again"));
    refusals.add(run("ledger", "append", "--dir", tmp.resolve("nothing").toString(), "--file", key.toString()));
    refusals.add(run("ledger", "prove-inclusion", "--dir", first.toString(), "--index", "0"));
    refusals.add(run("ledger", "prove-consistency", "--dir", first.toString(), "--from", "0", "--to", "0"));
    for (Run x : refusals) {
      assertThat(x.exit()).isEqualTo(2);
      assertThat(x.err().strip()).startsWith("firebreak: ").doesNotContain("\n").doesNotContain("Exception");
    }
  }
}
