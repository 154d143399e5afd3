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
 * The published transparency reports under {@code /reports/}, public and read-only: an index of the months, and the
 * files of {@code <reports dir>/<YYYY-MM>/} (report.html, report.pdf, report.json, tables/, bundle/) as
 * {@code firebreak report} or {@code firebreak demo} wrote them. Only paths of that shape are served, never a link
 * or anything outside the directory.
 */
final class ReportFiles {
  private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
  private static final Pattern FILE = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])(/[A-Za-z0-9_][A-Za-z0-9_.-]*)+");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "pdf", "application/pdf", "json", "application/json",
      "csv", "text/csv; charset=utf-8", "md", "text/markdown; charset=utf-8", "ndjson", "application/x-ndjson",
      "svg", "image/svg+xml", "png", "image/png");
  // Reports can be regenerated (a month is reported again once it is over): readers revalidate.
  private static final String CACHE = "no-cache";

  private final Optional<Path> root;

  ReportFiles(Optional<Path> root) {
    this.root = root.map(p -> p.toAbsolutePath().normalize());
  }

  /** {@code /reports/}: the months with a report, newest first. */
  void index(Context ctx) throws IOException {
    StringBuilder html = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>Firebreak transparency reports</title></head><body><h1>Transparency reports</h1>\n");
    List<String> months = months();
    if (months.isEmpty()) {
      html.append("<p>No report has been published yet.</p>\n");
    } else {
      html.append("<ul>\n");
      for (String m : months) {
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

  /** {@code /reports/<YYYY-MM>/<file>}. */
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

  private List<String> months() throws IOException {
    if (root.isEmpty() || !Files.isDirectory(root.get())) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root.get())) {
      return s.filter(p -> MONTH.matcher(p.getFileName().toString()).matches())
          .filter(p -> Files.isRegularFile(p.resolve("report.html")))
          .map(p -> p.getFileName().toString())
          .sorted(java.util.Comparator.reverseOrder())
          .toList();
    }
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
