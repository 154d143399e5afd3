package org.firebreak.detect.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link CsvScanner}: the rules its documentation states, by hand; random well-formed files against the rows they were
 * made of, cut at every block size; and the same files against the Jackson parser it replaced.
 */
class CsvScannerTest {

  /** A row as read: its cells and the line it starts on; or a problem at a line. */
  record Read(List<String> cells, long line, String problem) {
    static Read row(long line, String... cells) {
      return new Read(List.of(cells), line, "");
    }
  }

  static List<Read> scan(String text, int block) throws Exception {
    return scan(text.getBytes(StandardCharsets.UTF_8), block);
  }

  static List<Read> scan(byte[] bytes, int block) throws Exception {
    Path f = Files.createTempFile("scan", ".csv");
    try {
      Files.write(f, bytes);
      List<Read> out = new ArrayList<>();
      try (FileChannel ch = FileChannel.open(f)) {
        CsvScanner s = new CsvScanner(ch, 0, ch.size(), 1, block);
        while (true) {
          CsvScanner.Result r = s.next();
          if (r == CsvScanner.Result.END) {
            return out;
          }
          if (r == CsvScanner.Result.ROW) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < s.row().size(); i++) {
              cells.add(s.row().text(i));
            }
            out.add(new Read(cells, s.row().line(), ""));
          } else {
            out.add(new Read(List.of(), s.problemLine(), s.problem()));
            if (r == CsvScanner.Result.STOP) {
              return out;
            }
          }
        }
      }
    } finally {
      Files.deleteIfExists(f);
    }
  }

  @Test
  void quotedCellsHoldCommasQuotesAndLineBreaksAndRowsKeepTheirFirstLine() throws Exception {
    String text = "ID,Time Frame,Reason\n"
        + "a1,\"11/01/2025, 08:00:00 AM UTC\n11/02/2025, 08:00:00 AM UTC\",\"said \"\"ICE\"\", left\"\n"
        + "a2,,x\"y\"z\n";
    assertThat(scan(text, CsvScanner.BLOCK)).containsExactly(
        Read.row(1, "ID", "Time Frame", "Reason"),
        Read.row(2, "a1", "11/01/2025, 08:00:00 AM UTC\n11/02/2025, 08:00:00 AM UTC", "said \"ICE\", left"),
        Read.row(4, "a2", "", "x\"y\"z")); // a quote inside an unquoted cell is text
  }

  @Test
  void lineEndingsBlankLinesByteOrderMarkAndTheLastLine() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    String text = "h1,h2\r\n\r\n   \nb,c\rd,e\r\n  f,g\nh,";
    byte[] all = new byte[bom.length + text.length()];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, all, 3, text.length());
    assertThat(scan(all, CsvScanner.BLOCK)).containsExactly(
        Read.row(1, "h1", "h2"),
        Read.row(4, "b", "c"), // lines 2 and 3 are blank
        Read.row(5, "d", "e"),
        Read.row(6, "f", "g"), // spaces before a row are dropped
        Read.row(7, "h", "")); // a last line without a line break, ending in a comma
  }

  @Test
  void aQuotedCellFollowedByTextIsAProblemAndTheNextLineIsRead() throws Exception {
    assertThat(scan("a,b\n\"x\"y,z\nc,d\n", CsvScanner.BLOCK)).containsExactly(
        Read.row(1, "a", "b"),
        new Read(List.of(), 2, "not a CSV row: a quoted cell is followed by 'y' instead of a comma or the end of the"
            + " line; row skipped"),
        Read.row(3, "c", "d"));
  }

  @Test
  void aQuoteNeverClosedStopsTheReadingAtItsRow() throws Exception {
    assertThat(scan("a,b\nc,d\ne,\"never\nclosed,f\ng,h\n", CsvScanner.BLOCK)).containsExactly(
        Read.row(1, "a", "b"), Read.row(2, "c", "d"),
        new Read(List.of(), 3, "cannot read past this line: a quoted cell opened here is never closed"));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Random well-formed files

  /** A row to write: its cells and its line ending; blank lines written before it. */
  record Spec(List<String> cells, String ending, String blanksBefore) {}

  @Provide
  Arbitrary<List<Spec>> files() {
    Arbitrary<String> cell = Arbitraries.strings().withChars('a', 'b', ' ', ',', '"', '\n', '\r', '\u00e9', '\t', '1')
        .ofMaxLength(6);
    Arbitrary<Spec> row = Combinators.combine(cell.list().ofMinSize(1).ofMaxSize(5),
        Arbitraries.of("\n", "\r\n", "\r"), Arbitraries.of("", "", "", "\n", "  \n", "\r\n")).as(Spec::new);
    return row.list().ofMaxSize(12);
  }

  /** The text of the rows, quoting each cell that needs it, and the rows expected back with their lines. */
  static String write(List<Spec> specs, boolean lastLineEnds, List<Read> expected) {
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < specs.size(); r++) {
      Spec s = specs.get(r);
      sb.append(s.blanksBefore());
      long line = 1 + lineBreaks(sb);
      for (int i = 0; i < s.cells().size(); i++) {
        String c = s.cells().get(i);
        boolean quote = c.matches("(?s).*[,\"\\n\\r].*") || (i == 0 && (c.startsWith(" ") || c.startsWith("\t")))
            || (s.cells().size() == 1 && c.isBlank());
        sb.append(i == 0 ? "" : ",").append(quote ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
      }
      if (r < specs.size() - 1 || lastLineEnds) {
        sb.append(s.ending());
      }
      expected.add(new Read(s.cells(), line, ""));
    }
    return sb.toString();
  }

  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

  static long lineBreaks(CharSequence s) {
    Matcher m = LINE_BREAK.matcher(s);
    long n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Property(tries = 300)
  void randomWellFormedFilesReadBackAtEveryBlockSize(@ForAll("files") List<Spec> specs,
      @ForAll boolean lastLineEnds, @ForAll @IntRange(min = 1, max = 23) int block) throws Exception {
    List<Read> expected = new ArrayList<>();
    String text = write(specs, lastLineEnds, expected);
    assertThat(scan(text, block)).isEqualTo(expected);
    assertThat(scan(text, CsvScanner.BLOCK)).isEqualTo(expected);
  }

  /** The parser this replaced, with the options the importers gave it, on the same text. */
  static List<Read> jackson(String text) throws Exception {
    List<Read> out = new ArrayList<>();
    CsvFactory factory = CsvFactory.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
    try (CsvParser p = (CsvParser) factory.createParser(new StringReader(text))) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t != JsonToken.START_ARRAY) {
          continue;
        }
        List<String> cells = new ArrayList<>();
        t = p.nextToken();
        long line = p.currentTokenLocation().getLineNr();
        for (; t == JsonToken.VALUE_STRING; t = p.nextToken()) {
          cells.add(p.getText());
        }
        out.add(new Read(cells, line, ""));
      }
    }
    return out;
  }

  @Property(tries = 300)
  void randomWellFormedFilesReadAsJacksonReadThem(@ForAll("files") List<Spec> specs, @ForAll boolean lastLineEnds)
      throws Exception {
    String text = write(specs, lastLineEnds, new ArrayList<>());
    assertThat(scan(text, 7)).isEqualTo(jackson(text));
  }
}
