package org.firebreak.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.firebreak.core.error.ErrorCode;
import org.firebreak.gateway.GatewayException;

/**
 * The published transparency reports under {@code /reports/}, public and read-only: an index of the periods, and the
 * files of {@code <reports dir>/<period>/} (a month {@code YYYY-MM}, a quarter {@code YYYY-Qn} or a year {@code
 * YYYY}; report.html, report.pdf, report.json, tables/, bundle/) as
 * {@code firebreak report} or {@code firebreak demo} wrote them. Only paths of that shape are served, never a link
 * or anything outside the directory.
 */
final class ReportFiles {
  private static final String PERIOD_FORM = "\\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?";
  private static final Pattern PERIOD = Pattern.compile(PERIOD_FORM);
  private static final Pattern FILE = Pattern.compile(PERIOD_FORM + "(/[A-Za-z0-9_][A-Za-z0-9_.-]*)+");
  /** Newest first: by the period's last day, and of periods ending the same day the longest first (2026, Q4, 12). */
  private static final java.util.Comparator<String> NEWEST_FIRST = java.util.Comparator
      .comparing(ReportFiles::lastDay).thenComparing(ReportFiles::days).reversed();
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "pdf", "application/pdf", "json", "application/json",
      "csv", "text/csv; charset=utf-8", "md", "text/markdown; charset=utf-8", "ndjson", "application/x-ndjson",
      "svg", "image/svg+xml", "png", "image/png");
  // Reports can be regenerated (a period is reported again once it is over): readers revalidate.
  private static final String CACHE = "no-cache";

  private final Optional<Path> root;

  ReportFiles(Optional<Path> root) {
    this.root = root.map(p -> p.toAbsolutePath().normalize());
  }

  /** {@code /reports/}: the periods with a report, newest first. */
  void index(Context ctx) throws IOException {
    StringBuilder html = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>Firebreak transparency reports</title></head><body><h1>Transparency reports</h1>\n");
    List<String> periods = periods();
    if (periods.isEmpty()) {
      html.append("<p>No report has been published yet.</p>\n");
    } else {
      html.append("<ul>\n");
      for (String m : periods) {
        html.append("<li>").append(m).append(": <a href=\"").append(m).append("/report.html\">report</a>, <a href=\"")
            .append(m).append("/report.pdf\">PDF</a>, <a href=\"").append(m).append("/report.json\">JSON</a>, ")
            .append("<a href=\"").append(m).append("/bundle/VERIFY.md\">how to verify it</a></li>\n");
      }
      html.append("</ul>\n");
    }
    html.append("</body></html>\n");
    ctx.header("Cache-Control", CACHE);
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(html.toString());
  }

  /** {@code /reports/<period>/<file>}. */
  void file(Context ctx) throws IOException {
    String path = ctx.pathParam("path");
    if (root.isEmpty() || !FILE.matcher(path).matches() || path.contains("..")) {
      throw notFound(path);
    }
    Path file = root.get().resolve(path).normalize();
    if (!file.startsWith(root.get()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        || isLinked(root.get(), file)) {
      throw notFound(path);
    }
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    ctx.header("Cache-Control", CACHE);
    ctx.contentType(TYPES.getOrDefault(dot < 0 ? "" : name.substring(dot + 1), "application/octet-stream"));
    ctx.result(Files.readAllBytes(file));
  }

  private List<String> periods() throws IOException {
    if (root.isEmpty() || !Files.isDirectory(root.get())) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root.get())) {
      return s.filter(p -> PERIOD.matcher(p.getFileName().toString()).matches())
          .filter(p -> Files.isRegularFile(p.resolve("report.html")))
          .map(p -> p.getFileName().toString())
          .sorted(NEWEST_FIRST)
          .toList();
    }
  }

  /** The last day of a period label that matched {@link #PERIOD}. */
  private static java.time.LocalDate lastDay(String period) {
    int year = Integer.parseInt(period.substring(0, 4));
    if (period.length() == 4) {
      return java.time.LocalDate.of(year, 12, 31);
    }
    if (period.charAt(5) == 'Q') {
      return java.time.YearMonth.of(year, 3 * (period.charAt(6) - '0')).atEndOfMonth();
    }
    return java.time.YearMonth.of(year, Integer.parseInt(period.substring(5))).atEndOfMonth();
  }

  /** How long a period is, roughly: enough to order the periods that end on the same day. */
  private static int days(String period) {
    return period.length() == 4 ? 365 : period.charAt(5) == 'Q' ? 90 : 30;
  }

  /** True when a directory between the root and the file is a symbolic link (it could lead outside). */
  private static boolean isLinked(Path root, Path file) {
    for (Path p = file.getParent(); p != null && !p.equals(root); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        return true;
      }
    }
    return false;
  }

  private static GatewayException notFound(String path) {
    String shown = path.length() > 80 ? path.substring(0, 80) + "..." : path;
    return new GatewayException(ErrorCode.NOT_FOUND, "no report file at /reports/" + shown);
  }
}
