package org.firebreak.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.StandardChartTheme;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;

/**
 * The report's charts, drawn by JFreeChart: as inline SVG (JFreeSVG) for the HTML page and as PNG for the PDF.
 * Every chart is drawn from the published, suppressed cells only — a suppressed cell is left out, never drawn from
 * the underlying count — so a chart can reveal nothing the tables do not.
 */
final class Charts {
  static final int WIDTH = 720;
  static final int HEIGHT = 360;
  private static final Color[] PALETTE = {new Color(0xB2182B), new Color(0x2166AC), new Color(0x4D9221),
      new Color(0x8C8C8C), new Color(0xE08214), new Color(0x542788)};

  /** One chart: an id (the SVG element's id), a caption, and the chart. */
  record Chart(String id, String caption, JFreeChart chart) {}

  private Charts() {}

  static List<Chart> of(TransparencyReport r) {
    List<Chart> out = new ArrayList<>();
    out.add(trend(r.table("mission-drift-trend"), r.period().kind()));
    out.add(decisions(r.table("requests-by-decision")));
    out.add(nonCriminal(r.table("non-criminal-sources-by-mission")));
    out.add(requesters(r.table("requests-by-requester")));
    return out;
  }

  private static Chart trend(Table t, Period.Kind kind) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    int share = t.valueColumns().indexOf("share of requests (%)");
    for (Table.Row row : t.rows()) {
      d.addValue(number(row.values().get(share)), row.labels().get(1), row.labels().get(0));
    }
    JFreeChart c = ChartFactory.createLineChart(null, kind.noun(), "share of requests (%)", d,
        PlotOrientation.VERTICAL, true, false, false);
    CategoryPlot p = style(c);
    LineAndShapeRenderer lr = (LineAndShapeRenderer) p.getRenderer();
    lr.setDefaultShapesVisible(true);
    for (int i = 0; i < d.getRowCount(); i++) {
      lr.setSeriesStroke(i, new BasicStroke(2.5f));
    }
    ((NumberAxis) p.getRangeAxis()).setRange(0, 100);
    return new Chart("chart-mission-drift-trend", "Share of requests by what they served, " + kind.noun() + " by "
        + kind.noun() + " (suppressed " + kind.plural() + " are gaps).", c);
  }

  private static Chart decisions(Table t) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (Table.Row row : t.rows()) {
      d.addValue(number(row.values().get(0)), "requests", row.labels().get(0));
    }
    JFreeChart c = ChartFactory.createBarChart(null, "decision", "requests", d, PlotOrientation.VERTICAL, false,
        false, false);
    style(c);
    return new Chart("chart-requests-by-decision", "Requests by decision.", c);
  }

  private static Chart nonCriminal(Table t) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (Table.Row row : t.rows()) {
      d.addValue(number(row.values().get(0)), row.labels().get(1), row.labels().get(0));
    }
    JFreeChart c = ChartFactory.createStackedBarChart(null, "non-criminal source", "sources that released data", d,
        PlotOrientation.VERTICAL, true, false, false);
    CategoryPlot p = style(c);
    p.setRenderer(stacked());
    return new Chart("chart-non-criminal-sources", "Non-criminal sources that released data, by what the request"
        + " served (suppressed cells left out).", c);
  }

  private static Chart requesters(Table t) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (Table.Row row : t.rows()) {
      d.addValue(number(row.values().get(0)), "requests", row.labels().get(0) + " " + row.labels().get(1));
    }
    JFreeChart c = ChartFactory.createBarChart(null, "requester", "requests", d, PlotOrientation.HORIZONTAL, false,
        false, false);
    style(c);
    return new Chart("chart-requests-by-requester", "Requests by requester level and component (suppressed cells"
        + " left out).", c);
  }

  private static StackedBarRenderer stacked() {
    StackedBarRenderer r = new StackedBarRenderer();
    for (int i = 0; i < PALETTE.length; i++) {
      r.setSeriesPaint(i, PALETTE[i]);
    }
    r.setShadowVisible(false);
    r.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
    return r;
  }

  private static CategoryPlot style(JFreeChart c) {
    StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
    theme.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    theme.setLargeFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    theme.apply(c);
    c.setBackgroundPaint(Color.WHITE);
    CategoryPlot p = c.getCategoryPlot();
    p.setBackgroundPaint(Color.WHITE);
    p.setRangeGridlinePaint(new Color(0xCCCCCC));
    CategoryAxis x = p.getDomainAxis();
    x.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
    x.setMaximumCategoryLabelLines(2);
    if (p.getRenderer() instanceof BarRenderer b) {
      b.setShadowVisible(false);
      b.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
    }
    for (int i = 0; i < PALETTE.length; i++) {
      p.getRenderer().setSeriesPaint(i, PALETTE[i]);
    }
    NumberAxis y = (NumberAxis) p.getRangeAxis();
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // counts and whole percentages
    y.setAutoRangeIncludesZero(true);
    y.setAutoRangeMinimumSize(1.0); // an all-suppressed chart still gets a sensible axis
    return p;
  }

  private static Number number(Value v) {
    return switch (v) {
      case Value.Count c -> c.value();
      case Value.Percent p -> p.value();
      default -> null; // suppressed or not applicable: not drawn
    };
  }

  /** The chart as an SVG element, with stable ids so that the same report gives the same page. */
  static String svg(Chart c) {
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
    g.setDefsKeyPrefix(c.id() + "-");
    c.chart().draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
    return g.getSVGElement(c.id());
  }

  /** The chart as a PNG, base64 (for a data: URI in the PDF's HTML). */
  static String pngBase64(Chart c) throws IOException {
    return Base64.getEncoder().encodeToString(ChartUtils.encodeAsPNG(c.chart().createBufferedImage(WIDTH, HEIGHT)));
  }
}
