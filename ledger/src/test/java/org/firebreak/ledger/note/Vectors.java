package org.firebreak.ledger.note;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** The shared test vectors under {@code shared/data/tlog}, found by walking up from the working directory. */
final class Vectors {

  private Vectors() {}

  static Path tlogDirectory() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data").resolve("tlog");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return fail("cannot find shared/data/tlog in " + start + " or any parent directory:"
        + " these tests need the shared test vectors (CI always has them next to the repository)");
  }

  static Path signedNotesDirectory() {
    return tlogDirectory().resolve("signed-notes");
  }

  /** Every {@code *.note} file, sorted by name. */
  static List<Path> noteFiles() {
    try (Stream<Path> files = Files.list(signedNotesDirectory())) {
      List<Path> notes = files.filter(p -> p.getFileName().toString().endsWith(".note")).sorted().toList();
      if (notes.isEmpty()) {
        fail("no .note files in " + signedNotesDirectory());
      }
      return notes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(Path file) {
    return new String(bytes(file), StandardCharsets.UTF_8);
  }

  /** The non-comment, non-blank lines of keys.txt. */
  static List<String> keyLines() {
    try {
      return Files.readAllLines(signedNotesDirectory().resolve("keys.txt"), StandardCharsets.UTF_8).stream()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The keys.txt line that is the Rekor ECDSA key (not a note key). */
  static String rekorLine() {
    return keyLines().stream().filter(line -> line.startsWith("rekor.sigstore.dev ")).findFirst()
        .orElseGet(() -> fail("keys.txt has no rekor.sigstore.dev line"));
  }

  /** The keys.txt lines in note verifier key form ({@code name+id+key}), parsed. */
  static List<NoteVerifier> noteKeys() {
    return keyLines().stream().filter(line -> !line.equals(rekorLine())).map(NoteVerifier::parse).toList();
  }

  static NoteVerifier noteKey(String name) {
    return noteKeys().stream().filter(k -> k.name().equals(name)).findFirst()
        .orElseGet(() -> fail("keys.txt has no key named " + name));
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }
}
