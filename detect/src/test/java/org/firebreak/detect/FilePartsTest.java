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

/** A file read in parts (as the benchmark's threads read it) gives the events of the whole file. */
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

  /** On three threads in parts of 100 bytes: each event as the one-thread reading gives it, line and row included. */
  @Test
  void readInParallelGivesTheSameEventsAsOneThread() throws Exception {
    Path file = dir.resolve("oakland-ca-pd-network-audit.csv");
    StringBuilder text = new StringBuilder(FlockImportTest.NETWORK_AUDIT);
    String rows = FlockImportTest.NETWORK_AUDIT.substring(FlockImportTest.NETWORK_AUDIT.indexOf('\n') + 1);
    for (int i = 0; i < 30; i++) {
      text.append(rows.replace("a1,", "b" + i + ",").replace("a2,", "c" + i + ",").replace("a3,", "d" + i + ","));
    }
    Files.writeString(file, text);
    List<AuditEvent> whole = Runs.of(file, Format.FLOCK_NETWORK).events();
    List<List<AuditEvent>> byThread = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    List<Problem> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    List<ImportSink> sinks = byThread.stream().<ImportSink>map(events -> new ImportSink() {
      @Override
      public void event(AuditEvent e) {
        events.add(e);
      }

      @Override
      public void problem(Problem p) {
        problems.add(p);
      }
    }).toList();
    new FlockCsvImporter(Format.FLOCK_NETWORK).readInParallel(file, file.toString(), sinks, 100);
    List<AuditEvent> parallel = byThread.stream().flatMap(List::stream)
        .sorted(java.util.Comparator.comparingLong(e -> e.location().row())).toList();
    assertThat(problems).isEmpty();
    assertThat(whole).hasSize(93);
    assertThat(parallel).isEqualTo(whole);
  }
}
