package org.firebreak.detect.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.firebreak.detect.AuditEvent;

/**
 * A row read from a file's bytes ({@link CsvRow}: values remembered by their bytes, timestamps, time frames and counts
 * read without making Strings) gives the event and the problems its cells' text gives ({@link Cells#of}), for cells
 * near and far from Flock's usual shapes.
 */
class RowBytesTest {
  static final List<String> HEADER = List.of("ID", "Name", "Org Name", "Total Networks Searched",
      "Total Devices Searched", "Time Frame", "License Plate", "Reason", "Case #", "Search Time");

  @Provide
  Arbitrary<List<List<String>>> rows() {
    Arbitrary<String> time = Combinators.combine(Arbitraries.integers().between(0, 13),
        Arbitraries.integers().between(0, 32), Arbitraries.integers().between(1999, 2031),
        Arbitraries.integers().between(0, 13), Arbitraries.integers().between(0, 60), Arbitraries.of("AM", "PM", "am",
            "XM"), Arbitraries.of(" UTC", " utc", " GMT", "", " PST")).as((mo, d, y, h, mi, ap, z) ->
        String.format("%02d/%02d/%d, %02d:%02d:%02d %s%s", mo, d, y, h, mi, mi, ap, z));
    Arbitrary<String> padded = Arbitraries.of("", " ", "\t", "\u2003", "\r").flatMap(p -> time.map(t -> p + t + p));
    Arbitrary<String> odd = Arbitraries.of("", "***", "REDACTED", "[redacted]", "  ", "many", "1,234", " 12 ",
        "-5", "12345678901234567890", "07", "\u0661\u0662", "2025-06-18 00:02:04.789", "11/14/2025 9:53 AM");
    Arbitrary<String> cell = Arbitraries.oneOf(time, padded, odd, Arbitraries.strings().alpha().numeric()
        .withChars(' ', '*', '"', ',').ofMaxLength(10));
    Arbitrary<String> frame = Arbitraries.oneOf(cell, Combinators.combine(padded, padded, Arbitraries.of("\n", "\r\n",
        " - ")).as((a, b, sep) -> a + sep + b));
    Arbitrary<List<String>> row = Combinators.combine(List.of(Arbitraries.of("a1", " a2 ", "***", ""), cell,
        Arbitraries.of("Reno NV PD", "[Federal] FBI", " [federal]  ", "Texas Department of Public Safety", "***"),
        cell, cell, frame, cell, Arbitraries.of("ICE WARRANT", "theft", " ", "\u00e9t\u00e9"), cell, cell))
        .as(cells -> cells);
    return row.list().ofMinSize(1).ofMaxSize(8);
  }

  record Result(List<AuditEvent> events, List<Problem> problems) {}

  @Property(tries = 300)
  void bytesAndTextReadAlike(@ForAll("rows") List<List<String>> rows) throws Exception {
    StringBuilder sb = new StringBuilder(String.join(",", HEADER)).append('\n');
    for (List<String> r : rows) {
      List<String> quoted = new ArrayList<>();
      for (String c : r) {
        quoted.add("\"" + c.replace("\"", "\"\"") + "\"");
      }
      sb.append(String.join(",", quoted)).append('\n');
    }
    Path f = Files.createTempFile("bytes-network-audit", ".csv");
    try {
      Files.write(f, sb.toString().getBytes(StandardCharsets.UTF_8));
      Result fromBytes = new Result(new ArrayList<>(), new ArrayList<>());
      Result fromText = new Result(new ArrayList<>(), new ArrayList<>());
      RowReader bytes = reader();
      RowReader text = reader();
      try (FileChannel ch = FileChannel.open(f)) {
        CsvScanner s = new CsvScanner(ch, 0, ch.size(), 1);
        assertThat(s.next()).isEqualTo(CsvScanner.Result.ROW); // the header
        long row = 0;
        while (s.next() == CsvScanner.Result.ROW) {
          row++;
          CsvRow r = s.row();
          List<String> cells = new ArrayList<>();
          for (int i = 0; i < r.size(); i++) {
            cells.add(r.text(i));
          }
          bytes.read(r, r.line(), row, sink(fromBytes));
          text.read(Cells.of(cells), r.line(), row, sink(fromText));
        }
      }
      assertThat(fromBytes).isEqualTo(fromText);
      assertThat(fromBytes.events()).hasSize(rows.size());
    } finally {
      Files.deleteIfExists(f);
    }
  }

  static RowReader reader() {
    return new RowReader("f", HEADER, RowReader.byVendorNames(HEADER),
        new RowReader.Context(Optional.of("x-ca-pd"), Optional.of("US-CA"), true));
  }

  static ImportSink sink(Result into) {
    return new ImportSink() {
      @Override
      public void event(AuditEvent e) {
        into.events().add(e);
      }

      @Override
      public void problem(Problem p) {
        into.problems().add(p);
      }
    };
  }
}
