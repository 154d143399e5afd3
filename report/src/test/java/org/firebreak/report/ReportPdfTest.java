package org.firebreak.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.pdf has the same tables as report.html: every title, header and cell, in the same order (PDFBox). */
class ReportPdfTest {
  private static final Pattern SECTION = Pattern.compile(
      "<section class=\"table\" id=\"table-([a-z0-9-]+)\">(.*?)</section>", Pattern.DOTALL);
  private static final Pattern CELL = Pattern.compile("<(h3|th|td)(?:\\s[^>]*)?>(.*?)</\\1>", Pattern.DOTALL);

  @Test
  void thePdfHoldsEveryTableOfTheHtmlInOrder(@TempDir Path tmp) throws Exception {
    Fixture f = Fixture.create(tmp.resolve("log"));
    TransparencyReport r = TransparencyReport.compute(f.reader(), f.key(), TransparencyReportTest.NOV,
        Options.defaults().withThreshold(2).withRules(Fixture.catalog()));
    Path out = tmp.resolve("report");
    ReportWriter.write(r, out);

    String html = Files.readString(out.resolve(ReportWriter.HTML));
    List<String> tableIds = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    Matcher s = SECTION.matcher(html);
    while (s.find()) {
      tableIds.add(s.group(1));
      Matcher c = CELL.matcher(s.group(2));
      while (c.find()) {
        cells.add(unescape(c.group(2)));
      }
    }
    assertThat(tableIds).hasSize(r.tables().size());
    assertThat(cells).contains("Requests by decision", "PERMIT", "Cal. Gov. Code § 7284.6(a)(1)(D)", Fixture.C);

    String text;
    int images = 0;
    try (PDDocument pdf = Loader.loadPDF(out.resolve(ReportWriter.PDF).toFile())) {
      text = new PDFTextStripper().getText(pdf);
      for (PDPage page : pdf.getPages()) {
        for (COSName name : page.getResources().getXObjectNames()) {
          images += page.getResources().getXObject(name) instanceof PDImageXObject ? 1 : 0;
        }
      }
    }
    // Cells wrap across lines in the PDF (long digests, citations): compare without any white space.
    String flat = text.replaceAll("\\s+", "");
    int at = 0;
    for (String cell : cells) {
      String want = cell.replaceAll("\\s+", "");
      int found = flat.indexOf(want, at);
      assertThat(found).as("cell '%s' after position %d of the PDF's text", cell, at).isGreaterThanOrEqualTo(0);
      at = found + want.length();
    }
    assertThat(images).as("the four charts, as images").isEqualTo(4);
  }

  private static String unescape(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
  }
}
