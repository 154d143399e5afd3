package org.firebreak.report;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * report.html, and the HTML report.pdf is rendered from. Written as well-formed XHTML so that the PDF renderer can
 * read the very same document; the only difference is how a chart is embedded (inline SVG in the page, a PNG in the
 * PDF, which renders no SVG without a large extra library).
 */
final class Html {
  enum ChartMode { SVG, PNG }

  /** The section heading that opens before a table. */
  private static final Map<String, String> SECTIONS = Map.of(
      "ledger-entries", "The ledger",
      "requests-by-decision", "Who asked, why, and with what authority",
      "data-by-source", "What data was shared",
      "withheld-by-rule", "What the law withheld, and what auditors decided",
      "flags-by-detector", "Flags raised by detection",
      "mission-drift", "Mission drift",
      "packs-in-force", "The rules in force");

  private Html() {}

  static String render(TransparencyReport r, ChartMode mode) throws IOException {
    List<Charts.Chart> charts = Charts.of(r);
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
        .append("<meta charset=\"utf-8\"/>\n<title>Firebreak transparency report ").append(r.period().label())
        .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    h.append("<h1>Firebreak transparency report: ").append(r.period().label()).append("</h1>\n");
    // The label alone leaves a reader to work out what 2026-Q1 spans: say the kind and the days.
    h.append("<p class=\"period\">").append(periodLine(r)).append("</p>\n");
    h.append("<p class=\"lead\">Every number below was computed only from the public entries of the Firebreak"
        + " ledger <code>").append(esc(r.origin())).append("</code>, and can be recomputed by anyone from the"
        + " verification bundle shipped with this report (<code>bundle/</code>, see <code>bundle/VERIFY.md</code>;"
        + " <code>firebreak report verify</code> does it). The report commits to the signed checkpoint of the"
        + " ledger at <b>").append(r.bundle().treeSize()).append("</b> entries, root hash <code>")
        .append(esc(r.rootHash())).append("</code>.</p>\n");
    h.append("<p class=\"lead\">Small cells are suppressed: a count of fewer than ")
        .append(r.suppressionThreshold()).append(" (other than zero) is shown as <i>").append(Value.SUPPRESSED)
        .append("</i>, and so are as many other cells as it takes for the totals not to reveal it.</p>\n");
    h.append(headline(r));
    h.append("<h2>Charts</h2>\n");
    for (Charts.Chart c : charts) {
      h.append("<figure class=\"chart\" id=\"figure-").append(c.id()).append("\">\n");
      if (mode == ChartMode.SVG) {
        h.append(Charts.svg(c)).append('\n');
      } else {
        h.append("<img alt=\"").append(esc(c.caption())).append("\" src=\"data:image/png;base64,")
            .append(Charts.pngBase64(c)).append("\" width=\"").append(Charts.WIDTH * 3 / 4).append("\" height=\"")
            .append(Charts.HEIGHT * 3 / 4).append("\"/>\n");
      }
      h.append("<figcaption>").append(esc(c.caption())).append("</figcaption>\n</figure>\n");
    }
    for (Table t : r.tables()) {
      String section = SECTIONS.get(t.id());
      if (section != null) {
        h.append("<h2>").append(esc(section)).append("</h2>\n");
      }
      h.append(table(t));
    }
    h.append("<h2>How to check this report</h2>\n<p>Run <code>firebreak report verify DIR</code> on the directory"
        + " this report came in. It checks the checkpoint's signature with <code>bundle/vkey</code>, every bundled"
        + " entry's inclusion proof, that no entry of the period is missing from the bundled range, and recomputes"
        + " every number in report.json, the CSV files and the tables of this page. Compare <code>bundle/vkey</code>"
        + " with the key the log publishes at <code>/log/vkey</code>.</p>\n");
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /**
   * "A quarter: every entry dated 2026-01-01 to 2026-03-31 counts; the mission-drift trend adds the 5 quarters
   * before, from 2024-10-01."
   */
  static String periodLine(TransparencyReport r) {
    Period p = r.period();
    return "A " + p.kind().noun() + ": every entry dated " + p.firstDay() + " to " + p.lastDay() + " counts"
        + (r.trendPeriods() == 0 ? "." : "; the mission-drift trend adds the " + p.kind().count(r.trendPeriods())
            + " before, from " + Bundle.windowStart(p, r.trendPeriods()) + ".");
  }

  private static String headline(TransparencyReport r) {
    Table drift = r.table("mission-drift");
    Table.Row total = drift.totals().get(0);
    StringBuilder h = new StringBuilder("<ul class=\"headline\">\n");
    h.append("<li><b>").append(total.values().get(0).text()).append("</b> requests decided</li>\n");
    for (Table.Row row : drift.rows()) {
      h.append("<li>").append(esc(row.labels().get(0))).append(": <b>").append(row.values().get(1).text())
          .append("</b> % of requests, <b>").append(row.values().get(3).text())
          .append("</b> % of records released</li>\n");
    }
    return h.append("</ul>\n").toString();
  }

  /** One table as HTML: the same fragment in the page and in the verifier's recomputation. */
  static String table(Table t) {
    StringBuilder h = new StringBuilder();
    h.append("<section class=\"table\" id=\"table-").append(t.id()).append("\">\n<h3>").append(esc(t.title()))
        .append("</h3>\n<p class=\"notes\">").append(esc(t.notes())).append("</p>\n<table>\n<thead><tr>");
    t.labelColumns().forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
    t.valueColumns().forEach(c -> h.append("<th class=\"num\">").append(esc(c)).append("</th>"));
    h.append("</tr></thead>\n<tbody>\n");
    if (t.rows().isEmpty()) {
      h.append("<tr><td colspan=\"").append(t.labelColumns().size() + t.valueColumns().size())
          .append("\">none</td></tr>\n");
    }
    for (Table.Row row : t.rows()) {
      h.append(row(row, "td"));
    }
    h.append("</tbody>\n");
    if (!t.totals().isEmpty()) {
      h.append("<tfoot>\n");
      t.totals().forEach(row -> h.append(row(row, "td")));
      h.append("</tfoot>\n");
    }
    return h.append("</table>\n</section>\n").toString();
  }

  private static String row(Table.Row row, String cell) {
    StringBuilder h = new StringBuilder("<tr>");
    row.labels().forEach(l -> h.append('<').append(cell).append('>').append(esc(l)).append("</").append(cell)
        .append('>'));
    for (Value v : row.values()) {
      h.append('<').append(cell).append(" class=\"num").append(v instanceof Value.Suppressed ? " suppressed" : "")
          .append("\">").append(esc(v.text())).append("</").append(cell).append('>');
    }
    return h.append("</tr>\n").toString();
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static final String CSS = """
      body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; margin: 2em;
             color: #222; max-width: 60em; }
      h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 1.6em; border-bottom: 1px solid #999; }
      h3 { font-size: 11.5pt; margin-bottom: 0.2em; }
      p.notes { color: #555; font-size: 9pt; margin-top: 0; }
      table { border-collapse: collapse; margin-bottom: 1em; }
      th, td { border: 1px solid #bbb; padding: 2px 6px; text-align: left; vertical-align: top;
               word-wrap: break-word; }
      th { background: #eee; } td.num, th.num { text-align: right; }
      td.suppressed { color: #888; font-style: italic; }
      tfoot td { font-weight: bold; }
      code { word-wrap: break-word; }
      figure.chart { margin: 1em 0; page-break-inside: avoid; }
      figcaption { font-size: 9pt; color: #555; }
      ul.headline li { margin: 0.2em 0; }
      p.period { font-size: 11pt; }
      @page { size: A4; margin: 15mm; }
      """;
}
