package org.firebreak.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.detect.evaluation.GroundTruth;
import org.firebreak.ledger.Ledger;
import org.firebreak.ledger.LedgerVerifier;
import org.firebreak.ledger.note.NoteVerifier;
import org.firebreak.server.Deployment;
import org.firebreak.sim.City;
import org.firebreak.sim.CityGenerator;
import org.firebreak.sim.Outcome;
import org.firebreak.sim.Receipts;
import org.firebreak.sim.Replay;
import org.firebreak.sim.Scenario;
import org.firebreak.sim.ScenarioGenerator;
import org.firebreak.sim.SideDoor;
import org.firebreak.sim.Size;
import org.firebreak.sim.SourceSpec;
import org.firebreak.sim.Summary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code firebreak demo}: the whole story in one command. Makes a synthetic sanctuary city and its month of
 * requests (the {@code sim} module), starts Firebreak over a fresh data directory as {@code serve} does, ingests the
 * city through the API, replays the month through the API from several clients, prints what was asked, released and
 * closed, verifies every receipt and the ledger, and keeps serving until Ctrl-C unless {@code --no-serve}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Generate a synthetic California sanctuary city and a month of requests with ground-truth labels,"
        + " run them through a fresh Firebreak over HTTP, and show what was released, what was stopped and by which"
        + " law.",
        "Ends by verifying the ledger; then keeps serving (URLs printed) until Ctrl-C, unless --no-serve."})
final class DemoCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--size", paramLabel = "SIZE", defaultValue = "small",
      description = "small (~2,000 residents, 50,000 plate reads), medium (~100,000 / 2 million) or large"
          + " (~1 million / 20 million) (default: ${DEFAULT-VALUE}).")
  String size;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "2026",
      description = "Seed of the city and the month: the same seed gives the same ones (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory to create; it must not exist or be empty (default: a new temporary directory).")
  Path data;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
      description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--no-serve", description = "Stop after the summary instead of serving until Ctrl-C.")
  boolean noServe;

  @Option(names = "--summary-json", paramLabel = "FILE", description = "Also write the summary as JSON to FILE.")
  Path summaryJson;

  @Option(names = "--clients", paramLabel = "N", defaultValue = "8",
      description = "Requesters sending at once, 1..64 (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Show progress bars on standard error (default: on).")
  boolean progress;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Size s;
    try {
      s = Size.parse(size);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--size: " + e.getMessage());
    }
    if (clients < 1 || clients > 64) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--clients must be 1..64");
    }
    Path dir = freshDirectory();
    long t0 = System.nanoTime();

    City city = withBar("city: residents", s.residents(), bar -> CityGenerator.generate(seed, s, bar::accept));
    Scenario scenario = ScenarioGenerator.generate(city, seed);
    long tCity = System.nanoTime();
    out.printf("firebreak demo: the city of Costa Verde, CA (%s, seed %d): %,d residents, %,d vehicles,"
        + " %,d plate reads; %d requests in November 2026%n", s.wire(), seed, city.residents().size(),
        city.vehicles().size(), city.recordCount("cvpd-alpr"), scenario.requests().size());
    out.flush();

    Deployment d = Deployment.start(new Deployment.Settings(dir, Optional.empty(), "127.0.0.1", port,
        Deployment.DEFAULT_ORIGIN));
    boolean serving = false;
    try {
      String admin = Files.readString(d.adminTokenFile(), StandardCharsets.UTF_8).strip();
      Replay replay = Replay.register(d.url(), admin, city);
      long tStart = System.nanoTime();
      long records = 0;
      for (SourceSpec source : city.sources()) {
        long n = city.recordCount(source.id());
        withBar("ingest " + source.id(), n, bar -> {
          replay.ingest(source, bar);
          return null;
        });
        records += n;
      }
      long tIngest = System.nanoTime();
      List<Outcome> outcomes = withBar("requests", scenario.requests().size(),
          bar -> replay.run(scenario, clients, bar));
      long tReplay = System.nanoTime();

      Summary summary = Summary.of(outcomes);
      groundTruth(scenario, s, outcomes).write(d.dataDir().resolve(GroundTruth.FILE));
      out.printf("ingested %,d records from %d sources in %.1f s; replayed %d requests with %d clients in %.1f s%n",
          records, city.sources().size(), secs(tStart, tIngest), outcomes.size(), clients, secs(tIngest, tReplay));
      out.println();
      summary.lines().forEach(out::println);

      // Detection's flags on the month's requests go into the public log now (the server also does so every few
      // seconds and at close), so that the ledger verified and the report computed below hold all of them.
      d.publishFlags();
      NoteVerifier key = NoteVerifier.parse(d.verifierKey());
      int receipts = 0;
      for (Outcome o : outcomes) {
        for (JsonNode r : o.receipts()) {
          Receipts.verify(r, key);
          receipts++;
        }
      }
      // The log as the running server publishes it (its directory catches up at the next sync point).
      org.firebreak.ledger.storage.LedgerStorage storage = d.logFiles();
      LedgerVerifier.Result verified = LedgerVerifier.verify(storage, key);
      String checkpoint = new String(storage.read(Ledger.CHECKPOINT).orElseThrow(), StandardCharsets.UTF_8);
      org.firebreak.ledger.LogReader log = org.firebreak.ledger.LogReader.open(storage, key);
      long flagEntries = flagEntries(log);
      out.println();
      out.printf("Ledger %s: %,d entries (the packs in force, %d requests, %d reviews, %d flags raised by"
          + " detection)%n", d.dataDir().resolve(Deployment.LEDGER_DIR), verified.size(), outcomes.size(),
          outcomes.stream().filter(o -> o.review().isPresent()).count(), flagEntries);
      out.println(verified.ok() ? "  verified: every tile and the root recomputed, checkpoint signature valid; "
          + receipts + " receipts verified" : "  VERIFICATION FAILED: " + verified.problem().orElse("?"));
      out.println("  checkpoint:");
      checkpoint.lines().forEach(l -> out.println("    " + l));
      out.printf("done in %.1f s (city %.1f s, start %.1f s, ingest %.1f s, requests %.1f s)%n", secs(t0,
          System.nanoTime()), secs(t0, tCity), secs(tCity, tStart), secs(tStart, tIngest), secs(tIngest, tReplay));
      // The month's transparency report, from the public ledger entries alone (the gateway dates them today).
      java.time.YearMonth period = java.time.YearMonth.now(java.time.ZoneOffset.UTC);
      Path reportDir = d.dataDir().resolve(Deployment.REPORTS_DIR).resolve(period.toString());
      org.firebreak.report.TransparencyReport report = org.firebreak.report.TransparencyReport.compute(log, key,
          period, org.firebreak.report.Options.defaults().withRules(ReportCommand.catalog()));
      org.firebreak.report.ReportWriter.write(report, reportDir);
      out.printf("Transparency report for %s: %s (also report.pdf, report.json, tables/, bundle/);"
          + " check it: firebreak report verify %s%n", period, reportDir.resolve(
              org.firebreak.report.ReportWriter.HTML), reportDir);
      out.println("  flags raised by detection, as the report publishes them (small counts suppressed):");
      org.firebreak.report.Table flagTable = report.table("flags-by-detector");
      for (org.firebreak.report.Table.Row row : flagTable.rows()) {
        out.printf("    %-22s %-7s %s%n", row.labels().get(0), row.labels().get(1), row.values().get(0).text());
      }
      out.printf("    %-30s %s%n", "total", flagTable.totals().get(0).values().get(0).text());
      out.printf("Ground truth: %s; measure the detectors: firebreak detect --evaluate %s%n",
          d.dataDir().resolve(GroundTruth.FILE), d.dataDir());
      if (summaryJson != null) {
        ObjectNode json = summary.toJson(d.dataDir().resolve(Deployment.LEDGER_DIR).toString(), verified.size(),
            checkpoint, d.verifierKey());
        json.put("period", period.toString());
        Files.writeString(summaryJson, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n",
            StandardCharsets.UTF_8);
      }
      out.flush();
      if (!verified.ok()) {
        return 1;
      }
      if (!noServe) {
        serving = true;
        serve(d, out);
      }
      return 0;
    } finally {
      if (!serving) {
        d.close();
      }
    }
  }

  /** How many of the log's entries are flags raised by detection. */
  private static long flagEntries(org.firebreak.ledger.LogReader log) throws IOException {
    long n = 0;
    for (long i = 0; i < log.size(); i++) {
      if ("flag".equals(JSON.readTree(log.entry(i)).path("type").asText())) {
        n++;
      }
    }
    return n;
  }

  /**
   * The month's labels by the id the server gave each request, for {@code firebreak detect --evaluate DIR}: the
   * detectors are measured on the same requests the gateway decided.
   */
  private static GroundTruth groundTruth(Scenario scenario, Size size, List<Outcome> outcomes) {
    List<GroundTruth.Labelled> labelled = new java.util.ArrayList<>();
    for (Outcome o : outcomes) {
      var r = o.request();
      labelled.add(new GroundTruth.Labelled(o.id(), r.seq(), r.at(), r.story().name(), r.label().lawful(),
          r.label().sideDoor().map(Enum::name), r.label().sideDoor().map(SideDoor::description)));
    }
    return new GroundTruth(scenario.seed(), size.wire(), labelled);
  }

  /** Keeps serving until Ctrl-C (a shutdown hook closes everything) or until this thread is interrupted (tests). */
  private void serve(Deployment d, PrintWriter out) throws IOException {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      try {
        d.close();
      } catch (IOException | RuntimeException e) {
        System.err.println("firebreak: stopping failed: " + Main.oneLine(String.valueOf(e.getMessage())));
      } finally {
        stopped.countDown();
      }
    }, "firebreak-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println();
    out.println("Serving " + d.url() + " (stop with Ctrl-C):");
    out.println("  " + d.url() + "/log/checkpoint   the signed checkpoint");
    out.println("  " + d.url() + "/log/vkey         the log's verifier key");
    out.println("  " + d.url() + "/openapi.json     the API");
    out.println("  " + d.url() + "/reports/         the transparency reports (public)");
    out.println("  admin token: " + d.adminTokenFile());
    out.println("  verify offline: firebreak ledger verify --dir " + d.dataDir().resolve(Deployment.LEDGER_DIR)
        + " --vkey '" + d.verifierKey() + "'");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
      d.close();
    }
  }

  /** The data directory: --data when it does not exist or is empty, else a new temporary one. */
  private Path freshDirectory() throws IOException {
    if (data == null) {
      return Files.createTempDirectory("firebreak-demo-");
    }
    if (Files.exists(data)) {
      boolean empty;
      try (Stream<Path> entries = Files.isDirectory(data) ? Files.list(data) : null) {
        empty = entries != null && entries.findAny().isEmpty();
      }
      if (!empty) {
        throw new InvalidInputException(data.toString(), "--data", "exists and is not an empty directory: the demo"
            + " starts from a fresh one", null);
      }
    }
    return data;
  }

  private <T> T withBar(String task, long max, Function<LongConsumer, T> work) {
    if (!progress) {
      return work.apply(n -> {});
    }
    try (ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
        .setStyle(ProgressBarStyle.UNICODE_BLOCK).setUpdateIntervalMillis(250).build()) {
      return work.apply(bar::stepBy);
    }
  }

  private static double secs(long from, long to) {
    return (to - from) / 1e9;
  }
}
