package org.firebreak.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Loads report.html in headless Chromium (Debian's chromium and chromium-driver, driven by Selenium) and checks that
 * every chart renders: an inline SVG of the chart's size with drawn marks in it. The page and a screenshot stay in
 * report/target/browser-report/ as test artifacts. Without Chromium this test fails and says how to install it:
 * it is never skipped.
 */
class ReportBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path ARTIFACTS = Path.of("target", "browser-report");

  @Test
  void theChartsRenderInHeadlessChromium() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail("the browser test needs Debian's Chromium: apt-get install -y chromium chromium-driver (then "
          + CHROMIUM + " and " + CHROMEDRIVER + " exist); report/ci-chromium.sh does it"
          + (System.getenv("CI") != null ? " — CI=" + System.getenv("CI") : ""));
    }
    Path log = Files.createTempDirectory("report-browser-log");
    Fixture f = Fixture.create(log);
    TransparencyReport r = TransparencyReport.compute(f.reader(), f.key(), TransparencyReportTest.NOV,
        Options.defaults().withThreshold(2).withRules(Fixture.catalog()));
    Path out = ARTIFACTS.toAbsolutePath();
    ReportWriter.write(r, out);

    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1280,1000");
    ChromeDriver driver = new ChromeDriver(service, options);
    try {
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      driver.get(out.resolve(ReportWriter.HTML).toUri().toString());
      assertThat(driver.getTitle()).isEqualTo("Firebreak transparency report 2026-11");
      List<WebElement> figures = driver.findElements(By.cssSelector("figure.chart"));
      assertThat(figures).hasSize(4);
      for (WebElement figure : figures) {
        WebElement svg = figure.findElement(By.tagName("svg"));
        String id = svg.getAttribute("id");
        @SuppressWarnings("unchecked")
        Map<String, Object> box = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(
            "const b = arguments[0].getBBox(); const r = arguments[0].getBoundingClientRect();"
                + " return {w: r.width, h: r.height, bw: b.width, bh: b.height,"
                + " marks: arguments[0].querySelectorAll('path, rect, line, polyline, text').length};", svg);
        assertThat(((Number) box.get("w")).doubleValue()).as(id + " width").isEqualTo(Charts.WIDTH);
        assertThat(((Number) box.get("h")).doubleValue()).as(id + " height").isEqualTo(Charts.HEIGHT);
        assertThat(((Number) box.get("bw")).doubleValue()).as(id + " drawn width").isGreaterThan(100);
        assertThat(((Number) box.get("marks")).intValue()).as(id + " marks").isGreaterThan(10);
      }
      // The decisions chart draws one bar per published (unsuppressed) decision: PERMIT only at threshold 2.
      assertThat(driver.findElement(By.id("table-requests-by-decision")).getText()).contains("PERMIT 3");
      driver.manage().window().setSize(new Dimension(1280, 2400));
      Files.write(out.resolve("screenshot.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      assertThat(out.resolve("screenshot.png")).isNotEmptyFile();
    } finally {
      driver.quit();
    }
  }
}
