package org.firebreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.firebreak.detect.evaluation.GroundTruth;
import org.firebreak.ledger.LedgerVerifier;
import org.firebreak.ledger.LogReader;
import org.firebreak.ledger.note.NoteVerifier;
import org.firebreak.ledger.storage.DirectoryStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code firebreak demo}: the summary JSON of the issue, a verified ledger, serving until stopped, bad options. */
class DemoCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void noServeWritesTheSummaryJsonAndLeavesAVerifiableLedger() throws Exception {
    Path summary = tmp.resolve("summary.json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new String[] {"demo", "--no-serve", "--no-progress", "--port", "0", "--seed", "11",
        "--data", tmp.resolve("data").toString(), "--summary-json", summary.toString()},
        new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(exit).as(out + "\n" + err).isZero();
    assertThat(out.toString()).contains("Unlawful requests: ").contains("Side doors closed")
        .contains("us-ca/ca-sb34-alpr-public-agencies-only").contains("verified: every tile and the root recomputed");

    JsonNode s = JSON.readTree(summary.toFile());
    assertThat(names(s)).containsExactly("requests", "decisions", "groundTruth", "sideDoors", "ledger", "period");
    assertThat(names(s.get("decisions"))).containsExactly("PERMIT", "DENY", "REFER");
    assertThat(names(s.get("groundTruth"))).containsExactly("unlawful", "unlawfulReleased", "lawful",
        "lawfulReleased");
    assertThat(names(s.get("ledger"))).containsExactly("dir", "size", "checkpoint", "vkey");
    int requests = s.get("requests").asInt();
    JsonNode d = s.get("decisions");
    assertThat(d.get("PERMIT").asInt() + d.get("DENY").asInt() + d.get("REFER").asInt()).isEqualTo(requests);
    JsonNode g = s.get("groundTruth");
    assertThat(g.get("unlawful").asInt() + g.get("lawful").asInt()).isEqualTo(requests);
    assertThat(g.get("unlawfulReleased").asInt()).isZero();
    assertThat(g.get("lawfulReleased").asDouble() / g.get("lawful").asInt()).isGreaterThanOrEqualTo(0.95);
    int attempts = 0;
    for (JsonNode door : s.get("sideDoors")) {
      assertThat(names(door)).containsExactly("attempts", "released");
      assertThat(door.get("released").asInt()).isZero();
      attempts += door.get("attempts").asInt();
    }
    assertThat(attempts).isEqualTo(g.get("unlawful").asInt());

    // The ledger: packs in force + one entry per request + one per review (each REFER is reviewed) + one per flag
    // detection raised (published before the ledger is verified and the report written; none after).
    long size = s.at("/ledger/size").asLong();
    DirectoryStorage storage = new DirectoryStorage(Path.of(s.at("/ledger/dir").asText()));
    NoteVerifier key = NoteVerifier.parse(s.at("/ledger/vkey").asText());
    LogReader log = LogReader.open(storage, key);
    long flags = 0;
    for (long i = 0; i < log.size(); i++) {
      flags += JSON.readTree(log.entry(i)).path("type").asText().equals("flag") ? 1 : 0;
    }
    assertThat(flags).as("flag entries").isPositive();
    assertThat(size).isEqualTo(1 + requests + d.get("REFER").asInt() + flags);
    assertThat(log.size()).isEqualTo(size);
    assertThat(s.at("/ledger/checkpoint").asText()).contains("\n" + size + "\n");
    LedgerVerifier.Result r = LedgerVerifier.verify(storage, key);
    assertThat(r.problem()).isEmpty();
    assertThat(r.size()).isEqualTo(size);
    storage.close();

    // The month's transparency report: written under the data directory, and it verifies against its bundle.
    String period = s.get("period").asText();
    assertThat(period).matches("\\d{4}-\\d{2}");
    Path report = tmp.resolve("data").resolve("reports").resolve(period);
    assertThat(report.resolve("report.html")).isRegularFile();
    assertThat(out.toString()).contains("Transparency report for " + period);
    assertThat(org.firebreak.report.ReportVerifier.verify(report).ok()).isTrue();
    // Its flags section counts every flag entry of the month (the demo's month is today's).
    JsonNode flagTable = null;
    for (JsonNode t : JSON.readTree(report.resolve("report.json").toFile()).get("tables")) {
      flagTable = t.get("id").asText().equals("flags-by-detector") ? t : flagTable;
    }
    assertThat(flagTable).isNotNull();
    assertThat(flagTable.get("rows")).isNotEmpty();
    assertThat(flagTable.at("/totals/0/values/0").asLong()).isEqualTo(flags);
    assertThat(out.toString()).contains("flags raised by detection, as the report publishes them");

    // The labels, by the server's request ids, and the detectors measured against them.
    Path data = tmp.resolve("data");
    GroundTruth truth = GroundTruth.read(data.resolve(GroundTruth.FILE));
    assertThat(truth.requests()).hasSize(requests);
    assertThat(truth.requests().stream().filter(l -> !l.lawful()).count()).isEqualTo(g.get("unlawful").asInt());
    CliTest.Run eval = CliTest.run("detect", "--evaluate", data.toString());
    assertThat(eval.exit()).as(eval.err()).isZero();
    assertThat(eval.out()).contains(data + ": " + requests + " labelled requests (seed 11, small), each at its scenario time")
        .contains("at LOW or above").contains("at MEDIUM or above")
        .contains("all side doors (unlawful requests)")
        // onBehalfOf names ICE in every one of these: the immigration-agency detector sees each.
        .containsPattern("RELAY_ON_BEHALF_OF: [^\\n]* 100\\.0%");
    assertThat(eval.err()).contains("read " + requests + " events from 1 file");
  }

  @Test
  void servesTheLogUntilStopped() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread demo = new Thread(() -> exit.set(Main.run(new String[] {"demo", "--no-progress", "--port", "0",
        "--data", tmp.resolve("served").toString()}, new PrintWriter(out, true), new PrintWriter(err, true))),
        "demo-under-test");
    demo.start();
    Pattern serving = Pattern.compile("Serving (http://\\S+) ");
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    Matcher m = serving.matcher(out.toString());
    while (!m.find()) {
      assertThat(demo.isAlive() && System.nanoTime() < deadline).as("demo did not start serving: " + out + err)
          .isTrue();
      Thread.sleep(100);
      m = serving.matcher(out.toString());
    }
    HttpResponse<String> cp = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(m.group(1) + "/log/checkpoint")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(cp.statusCode()).isEqualTo(200);
    assertThat(cp.body()).startsWith("firebreak.localhost/log\n");
    demo.interrupt();
    demo.join(Duration.ofSeconds(30));
    assertThat(demo.isAlive()).isFalse();
    assertThat(exit.get()).as(err.toString()).isZero();
  }

  @Test
  void refusesADataDirectoryThatIsNotEmpty() throws Exception {
    Path used = Files.createDirectories(tmp.resolve("used"));
    Files.writeString(used.resolve("firebreak.db"), "x");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new String[] {"demo", "--no-serve", "--data", used.toString()}, new PrintWriter(out, true),
        new PrintWriter(err, true));
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip()).startsWith("firebreak: invalid-input: ").contains(used.toString())
        .doesNotContain("\n");
  }

  @Test
  void refusesAnUnknownSize() {
    StringWriter err = new StringWriter();
    int exit = Main.run(new String[] {"demo", "--size", "huge"}, new PrintWriter(new StringWriter(), true),
        new PrintWriter(err, true));
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("huge");
  }

  private static List<String> names(JsonNode o) {
    List<String> n = new ArrayList<>();
    o.fieldNames().forEachRemaining(n::add);
    return n;
  }
}
