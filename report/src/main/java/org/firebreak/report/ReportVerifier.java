package org.firebreak.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.firebreak.core.error.FirebreakException;

/**
 * {@code firebreak report verify}: checks a report directory against its own bundle, needing nothing else — no
 * store, no server. Checks the bundle ({@link Bundle#check}), recomputes the report from its entries, and compares
 * report.json, every CSV file and every table of report.html with the recomputation.
 */
public final class ReportVerifier {
  private ReportVerifier() {}

  /** What verification found: the number of values compared, or the first thing that does not match. */
  public record Result(Optional<String> problem, long entries, long tables) {
    public boolean ok() {
      return problem.isEmpty();
    }
  }

  public static Result verify(Path dir) throws IOException {
    JsonNode published;
    try {
      published = ReportWriter.MAPPER.readTree(Files.readAllBytes(dir.resolve(ReportWriter.JSON)));
    } catch (NoSuchFileException e) {
      return fail(ReportWriter.JSON + ": missing");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return fail(ReportWriter.JSON + ": malformed JSON");
    }
    String format = published == null ? "" : published.path("format").asText();
    if (!TransparencyReport.FORMAT.equals(format)) {
      return fail(ReportWriter.JSON + ": $.format: not " + TransparencyReport.FORMAT
          + (format.startsWith("firebreak-transparency-report/") ? " but " + format + ", an earlier format: write the"
              + " report again from its log" : ""));
    }
    Period period;
    try {
      period = Period.parse(published.path("period").path("label").asText());
    } catch (IllegalArgumentException e) {
      return fail(ReportWriter.JSON + ": $.period.label: " + e.getMessage());
    }
    JsonNode p = published.path("parameters");
    int threshold = p.path("suppressionThreshold").asInt(-1);
    int trend = p.path("trendPeriods").asInt(-1);
    if (threshold < 1 || trend < 0 || trend > 60) {
      return fail(ReportWriter.JSON + ": $.parameters: suppressionThreshold must be at least 1 and trendPeriods"
          + " 0 to 60");
    }
    try {
      Bundle.windowStart(period, trend);
    } catch (IllegalArgumentException e) {
      return fail(ReportWriter.JSON + ": $.parameters.trendPeriods: " + e.getMessage()); // a trend before year 1
    }
    TransparencyReport recomputed;
    try {
      recomputed = TransparencyReport.recompute(Bundle.read(dir.resolve(ReportWriter.BUNDLE)), period, threshold,
          trend);
    } catch (FirebreakException e) {
      return fail(e.getMessage());
    }
    Optional<String> d = ReportJson.firstDifference(published, ReportJson.of(recomputed));
    if (d.isPresent()) {
      return fail(d.get());
    }
    for (Table t : recomputed.tables()) {
      Path csv = dir.resolve(ReportWriter.TABLES).resolve(t.id() + ".csv");
      if (!Files.isRegularFile(csv)) {
        return fail(ReportWriter.TABLES + "/" + t.id() + ".csv: missing");
      }
      String[] have = Files.readString(csv, StandardCharsets.UTF_8).split("\n", -1);
      String[] want = Csv.of(t).split("\n", -1);
      for (int i = 0; i < Math.max(have.length, want.length); i++) {
        String a = i < have.length ? have[i] : "(no line)";
        String b = i < want.length ? want[i] : "(no line)";
        if (!a.equals(b)) {
          return fail(ReportWriter.TABLES + "/" + t.id() + ".csv line " + (i + 1) + ": says '" + a
              + "', the bundle gives '" + b + "'");
        }
      }
    }
    Path html = dir.resolve(ReportWriter.HTML);
    if (!Files.isRegularFile(html)) {
      return fail(ReportWriter.HTML + ": missing");
    }
    String page = Files.readString(html, StandardCharsets.UTF_8);
    for (Table t : recomputed.tables()) {
      if (!page.contains(Html.table(t))) {
        return fail(ReportWriter.HTML + ": table " + t.id() + " differs from the one the bundle gives");
      }
    }
    return new Result(Optional.empty(), recomputed.bundle().entries().size(), recomputed.tables().size());
  }

  private static Result fail(String why) {
    return new Result(Optional.of(why), 0, 0);
  }
}
