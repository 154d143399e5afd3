package org.firebreak.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.firebreak.ledger.note.NoteSigner;
import org.firebreak.ledger.storage.DirectoryStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changing any byte of a tile, an entry bundle or the checkpoint makes verification fail and name the place. */
class TamperTest {
  @TempDir
  Path dir;

  @Test
  void everyChangedByteIsFoundAndNamed() throws Exception {
    NoteSigner signer = NoteSigner.generate("tamper.test", new SecureRandom());
    try (Ledger l = Ledger.create(new DirectoryStorage(dir), signer, "tamper.test", LedgerOptions.defaults())) {
      for (int i = 0; i < 70_000; i++) {
        l.append(("entry number " + i).getBytes(StandardCharsets.UTF_8));
      }
      l.checkpointCovering(70_000).get();
    }
    assertThat(LedgerVerifier.verify(new DirectoryStorage(dir), signer.verifier()).ok()).isTrue();

    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile)
          .filter(p -> !dir.relativize(p).startsWith("journal"))
          .filter(p -> !p.getFileName().toString().startsWith("ledger"))
          .sorted().toList();
    }
    // Three tile levels (70,000 > 65,536 leaves), full and partial tiles, bundles and the checkpoint.
    assertThat(files.stream().map(p -> dir.relativize(p).toString()))
        .contains("checkpoint", "tile/0/000", "tile/1/000", "tile/2/000.p/1", "tile/entries/000",
            "tile/0/273.p/112", "tile/entries/273.p/112");
    Random random = new Random(7);
    int checked = 0;
    for (Path f : files) {
      String name = dir.relativize(f).toString();
      if ((name.startsWith("tile/0/") || name.startsWith("tile/entries/")) && !name.contains(".p")
          && random.nextInt(25) != 0) {
        continue; // a sample of the 273 full level-0 tiles and bundles keeps the test quick; every other file is checked
      }
      byte[] original = Files.readAllBytes(f);
      int[] positions = {0, original.length - 1, random.nextInt(original.length)};
      for (int pos : positions) {
        byte[] changed = original.clone();
        changed[pos] ^= (byte) (1 << random.nextInt(8));
        Files.write(f, changed);
        LedgerVerifier.Result r = LedgerVerifier.verify(new DirectoryStorage(dir), signer.verifier());
        assertThat(r.ok()).as(name + " byte " + pos).isFalse();
        assertThat(r.problem().orElseThrow()).as(name + " byte " + pos).contains(name);
        checked++;
      }
      Files.write(f, original);
    }
    assertThat(checked).isGreaterThan(50);
    assertThat(LedgerVerifier.verify(new DirectoryStorage(dir), signer.verifier()).ok()).isTrue();
  }
}
