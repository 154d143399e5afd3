package org.firebreak.detect.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A file read on several threads in small parts ({@link CsvRows#readInParallel}, cut by {@link CsvSplitter}) gives
 * the rows a sequential reading gives, with the same lines and row numbers, or says where the numbers may be off.
 */
class CsvSplitterTest {

  /** A row as a handler saw it. */
  record Seen(List<String> cells, long line, long row) {}

  static List<Seen> sequential(Path file) {
    List<Seen> out = new ArrayList<>();
    CsvRows.read(file, "f", header -> (cells, line, row) -> out.add(seen(cells, line, row)), sink(new ArrayList<>()));
    return out;
  }

  static List<Seen> parallel(Path file, int threads, long partBytes, List<Problem> problems) {
    Queue<Seen> out = new ConcurrentLinkedQueue<>();
    List<CsvRows.RowHandler> handlers = new ArrayList<>();
    List<ImportSink> sinks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      handlers.add((cells, line, row) -> out.add(seen(cells, line, row)));
      sinks.add(sink(problems));
    }
    CsvRows.readInParallel(file, "f", CsvRows.headerOf(file).orElseThrow(), partBytes, handlers, sinks);
    return out.stream().sorted(Comparator.comparingLong(Seen::row)).toList();
  }

  static Seen seen(Cells cells, long line, long row) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      texts.add(cells.text(i));
    }
    return new Seen(texts, line, row);
  }

  static ImportSink sink(List<Problem> problems) {
    return new ImportSink() {
      @Override
      public void event(org.firebreak.detect.AuditEvent e) {
      }

      @Override
      public synchronized void problem(Problem p) {
        synchronized (problems) {
          problems.add(p);
        }
      }
    };
  }

  @Property(tries = 200)
  void partsOfAnySizeReadAsTheWholeFile(@ForAll("files") List<CsvScannerTest.Spec> specs, @ForAll boolean lastLineEnds,
      @ForAll @IntRange(min = 1, max = 80) int partBytes, @ForAll @IntRange(min = 1, max = 3) int threads)
      throws Exception {
    String text = "h1,h2\n" + CsvScannerTest.write(specs, lastLineEnds, new ArrayList<>());
    Path f = Files.createTempFile("parts", ".csv");
    try {
      Files.writeString(f, text);
      List<Problem> problems = new ArrayList<>();
      assertThat(parallel(f, threads, partBytes, problems)).isEqualTo(sequential(f));
      assertThat(problems).isEmpty();
    } finally {
      Files.deleteIfExists(f);
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<List<CsvScannerTest.Spec>> files() {
    return new CsvScannerTest().files();
  }

  @Test
  void theDocumentedNetworkAuditShapeInPartsOfTenBytes(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path f = dir.resolve("x-network-audit.csv");
    Files.writeString(f, """
        ID,Name,Org Name,Total Networks Searched,Total Devices Searched,Time Frame,License Plate,Reason,Case #,Filters,Search Time,Search Type
        a1,Jane Roe,Fresno CA PD,12,340,"11/01/2025, 08:00:00 AM UTC
        11/02/2025, 08:00:00 AM UTC",7ABC123,stolen vehicle,25-001234,,"11/02/2025, 09:00:00 AM UTC",lookup
        a2,***,[Federal] U.S. Immigration and Customs Enforcement,6601,96316,"10/01/2025, 12:00:00 AM UTC
        11/15/2025, 12:00:00 AM UTC",7ABC123,"ICE WARRANT, \"\"urgent\"\"\",,,"11/03/2025, 10:00:00 AM UTC",search
        a3,REDACTED,Houston TX PD,3,40,"11/01/2025, 08:00:00 AM UTC
        11/02/2025, 08:00:00 AM UTC",REDACTED,hotplate removal,,,"11/04/2025, 11:00:00 PM UTC",lookup
        """ + String.join("", java.util.Collections.nCopies(40, """
            b1,***,Reno NV PD,4,40,"12/20/2025, 01:00:00 PM UTC
            12/21/2025, 01:00:00 PM UTC",***,Theft,,,"12/21/2025, 02:15:00 PM UTC",search
            """)));
    List<Problem> problems = new ArrayList<>();
    List<Seen> rows = parallel(f, 2, 10, problems);
    assertThat(rows).isEqualTo(sequential(f));
    assertThat(rows).hasSize(43);
    assertThat(rows.get(42).line()).isEqualTo(2 + 42 * 2);
    assertThat(problems).isEmpty();
  }

  /**
   * A quote inside an unquoted cell is text to the reader, but the splitter cannot tell it from a quoted cell's: the
   * rows between two such quotes are not counted as rows. The reading says so rather than number rows wrong silently.
   */
  @Test
  void strayQuotesThatMisleadTheSplitterAreReported(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    StringBuilder sb = new StringBuilder("id,height\n");
    for (int i = 1; i <= 30; i++) {
      sb.append("r").append(i).append(',').append(i == 5 || i == 20 ? "5'10\" tall" : "tall").append('\n');
    }
    Path f = dir.resolve("stray.csv");
    Files.write(f, sb.toString().getBytes(StandardCharsets.UTF_8));
    List<Problem> problems = new ArrayList<>();
    List<Seen> rows = parallel(f, 2, 16, problems);
    assertThat(rows).extracting(Seen::cells)
        .containsExactlyInAnyOrderElementsOf(sequential(f).stream().map(Seen::cells).toList());
    assertThat(problems).singleElement().satisfies(p -> assertThat(p.reason())
        .contains("line and row numbers after it may be off; read the file on one thread"));
  }
}
