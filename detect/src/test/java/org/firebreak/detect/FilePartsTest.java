package org.firebreak.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.firebreak.detect.importer.FlockCsvImporter;
import org.firebreak.detect.importer.Format;
import org.firebreak.detect.importer.ImportSink;
import org.firebreak.detect.importer.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file read in two parts (as the benchmark's threads read it) gives the events of the whole file. */
class FilePartsTest {
  @TempDir
  Path dir;

  @Test
  void twoPartsReadTheSameEventsWithTheFilesLinesAndRows() throws Exception {
    Path file = dir.resolve("oakland-ca-pd-network-audit.csv");
    Files.writeString(file, FlockImportTest.NETWORK_AUDIT);
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<AuditEvent> whole = Runs.of(file, Format.FLOCK_NETWORK).events();
    assertThat(whole).hasSizeGreaterThanOrEqualTo(2);

    // Split before the second data row: the first byte of the line that starts with its id.
    String second = whole.get(1).id();
    int header = text.indexOf('\n') + 1;
    int split = text.indexOf("\n" + second + ",") + 1;
    long linesBefore = text.substring(0, split).chars().filter(c -> c == '\n').count();
    List<AuditEvent> parts = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    ImportSink sink = new ImportSink() {
      @Override
      public void event(AuditEvent e) {
        parts.add(e);
      }

      @Override
      public void problem(Problem p) {
        problems.add(p);
      }
    };
    FlockCsvImporter importer = new FlockCsvImporter(Format.FLOCK_NETWORK);
    importer.readPart(file, file.toString(), header, split, 2, 0, sink);
    importer.readPart(file, file.toString(), split, bytes.length, 1 + linesBefore, 1, sink);

    assertThat(problems).isEqualTo(Runs.of(file, Format.FLOCK_NETWORK).problems());
    assertThat(parts).isEqualTo(whole);
  }
}
