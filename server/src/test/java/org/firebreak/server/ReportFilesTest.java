package org.firebreak.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.firebreak.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /reports/}: the published months, their files with the right types, and nothing else on disk. */
class ReportFilesTest {
  @TempDir
  Path tmp;

  private Fixture f;

  @BeforeEach
  void start() throws Exception {
    f = Fixture.open(TestDatabases.Kind.SQLITE, tmp);
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  @Test
  void theIndexSaysSoWhenNothingIsPublishedYet() {
    Http.Response r = f.http.get("/reports/", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/html");
    assertThat(r.body()).contains("No report has been published yet.");
    assertThat(f.http.get("/reports/2026-11/report.html", null).status()).isEqualTo(404);
  }

  @Test
  void publishedMonthsAreListedNewestFirstAndTheirFilesServedWithTheirTypes() throws Exception {
    Path reports = tmp.resolve("reports");
    for (String month : List.of("2026-10", "2026-11")) {
      Files.createDirectories(reports.resolve(month).resolve("bundle"));
      Files.writeString(reports.resolve(month).resolve("report.html"), "<html>" + month + "</html>");
    }
    Files.writeString(reports.resolve("2026-11/report.json"), "{\"period\":\"2026-11\"}");
    Files.writeString(reports.resolve("2026-11/bundle/VERIFY.md"), "# Verify");
    Files.write(reports.resolve("2026-11/report.pdf"), "%PDF-1.7".getBytes(StandardCharsets.US_ASCII));
    Files.createDirectories(reports.resolve("notes")); // not a month: not listed

    Http.Response index = f.http.get("/reports/", null);
    assertThat(index.body()).contains("2026-11/report.html", "2026-10/report.html").doesNotContain("notes");
    assertThat(index.body().indexOf("2026-11")).isLessThan(index.body().indexOf("2026-10"));

    assertThat(f.http.get("/reports/2026-10/report.html", null).body()).isEqualTo("<html>2026-10</html>");
    Http.Response json = f.http.get("/reports/2026-11/report.json", null);
    assertThat(json.contentType()).startsWith("application/json");
    assertThat(json.header("Cache-Control")).contains("no-cache");
    assertThat(f.http.get("/reports/2026-11/report.pdf", null).contentType()).startsWith("application/pdf");
    assertThat(f.http.get("/reports/2026-11/bundle/VERIFY.md", null).contentType()).startsWith("text/markdown");
  }

  @Test
  void quartersAndYearsAreListedWithTheMonthsNewestFirstAndServed() throws Exception {
    Path reports = tmp.resolve("reports");
    // Written in no particular order; 2026-Q5 and 2026-00 are not periods.
    for (String period : List.of("2026-11", "2025", "2026-Q3", "2026-12", "2026", "2026-Q4", "2026-Q5", "2026-00")) {
      Files.createDirectories(reports.resolve(period));
      Files.writeString(reports.resolve(period).resolve("report.html"), "<html>" + period + "</html>");
    }
    String index = f.http.get("/reports/", null).body();
    // By last day, newest first; of those ending on 2026-12-31 the year, then the quarter, then the month.
    List<String> expected = List.of("2026/report.html", "2026-Q4/report.html", "2026-12/report.html",
        "2026-11/report.html", "2026-Q3/report.html", "2025/report.html");
    for (int i = 1; i < expected.size(); i++) {
      assertThat(index.indexOf(expected.get(i - 1))).as(expected.get(i - 1) + " before " + expected.get(i))
          .isGreaterThanOrEqualTo(0).isLessThan(index.indexOf(expected.get(i)));
    }
    assertThat(index).doesNotContain("2026-Q5").doesNotContain("2026-00");
    assertThat(f.http.get("/reports/2026-Q4/report.html", null).body()).isEqualTo("<html>2026-Q4</html>");
    assertThat(f.http.get("/reports/2026/report.html", null).body()).isEqualTo("<html>2026</html>");
    assertThat(f.http.get("/reports/2026-Q5/report.html", null).status()).isEqualTo(404);
  }

  @Test
  void nothingOutsideTheReportsDirectoryIsServed() throws Exception {
    Path reports = tmp.resolve("reports");
    Files.createDirectories(reports.resolve("2026-11"));
    Files.writeString(reports.resolve("2026-11/report.html"), "<html></html>");
    Files.writeString(tmp.resolve("admin-token"), "fbk_secret");
    Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(outside.resolve("report.html"), "secret");
    Files.createSymbolicLink(reports.resolve("2026-11/linked"), outside);
    Files.createSymbolicLink(reports.resolve("2026-11/token.html"), tmp.resolve("admin-token"));

    for (String path : List.of("/reports/../admin-token", "/reports/2026-11/../../admin-token",
        "/reports/2026-11/%2e%2e/%2e%2e/admin-token", "/reports/2026-11/..%2F..%2Fadmin-token",
        "/reports/2026-11/linked/report.html", "/reports/2026-11/token.html", "/reports/2026-13/report.html",
        "/reports/2026-11/.hidden", "/reports/2026-11/", "/reports/admin-token")) {
      Http.Response r = f.http.get(path, null);
      assertThat(r.status()).as(path).isIn(400, 404);
      assertThat(r.body()).as(path).doesNotContain("fbk_secret").doesNotContain("secret\"");
      if (r.status() == 404) {
        assertThat(r.contentType()).as(path).startsWith("application/problem+json");
      }
    }
  }
}
