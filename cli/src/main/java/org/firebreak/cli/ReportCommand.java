package org.firebreak.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.error.UnreadableFileException;
import org.firebreak.core.json.StrictJson;
import org.firebreak.ledger.Ledger;
import org.firebreak.ledger.LedgerException;
import org.firebreak.ledger.LogDirectory;
import org.firebreak.ledger.LogReader;
import org.firebreak.ledger.note.NoteVerifier;
import org.firebreak.ledger.storage.DirectoryStorage;
import org.firebreak.policy.Policy;
import org.firebreak.policy.pack.Pack;
import org.firebreak.policy.pack.Rule;
import org.firebreak.report.Options;
import org.firebreak.report.Period;
import org.firebreak.report.ReportVerifier;
import org.firebreak.report.ReportWriter;
import org.firebreak.report.RuleCatalog;
import org.firebreak.report.TransparencyReport;
import org.firebreak.server.Deployment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code firebreak report}: the transparency report of a month, a quarter or a year from the public ledger of a data
 * directory, and {@code firebreak report verify}: checks one from its own bundle. Reads only the log's public files
 * (checkpoint, tiles, entry bundles) and a verifier key; never the store or the signing key.
 */
@Command(name = "report", mixinStandardHelpOptions = true, subcommands = ReportCommand.Verify.class,
    description = {"Write the transparency report of a month, a quarter or a year: report.html, report.pdf,"
        + " report.json, tables/*.csv and bundle/ (the signed checkpoint, the entries counted with their inclusion"
        + " proofs, VERIFY.md).",
        "Every number is computed from the public ledger entries only; small cells are suppressed."})
final class ReportCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "DIR",
      description = "A firebreak serve data directory (its ledger is DIR/ledger), or a log directory itself.")
  Path data;

  @Option(names = "--period", paramLabel = "YYYY-MM|YYYY-Qn|YYYY",
      description = "The period to report on: a month (2026-11), a quarter (2026-Q4: October to December) or a year"
          + " (2026).")
  String period;

  @Option(names = "--out", paramLabel = "OUT",
      description = "Where to write the report (default: report-PERIOD, e.g. report-2026-Q4).")
  Path out;

  @Option(names = "--vkey", paramLabel = "VKEY",
      description = "The log's verifier key, or a file holding it (firebreak serve prints it; the server publishes"
          + " it at /log/vkey). Default: the key recorded in a log directory made by ledger init, or DIR/vkey,"
          + " which firebreak serve and demo write.")
  String vkey;

  @Option(names = "--min-cell", paramLabel = "N", defaultValue = "" + Options.DEFAULT_THRESHOLD,
      description = "Suppress counts below N, other than zero (default: ${DEFAULT-VALUE}).")
  int threshold;

  // --trend-months is the name from when every period was a month; it still works, and counts periods.
  @Option(names = {"--trend-periods", "--trend-months"}, paramLabel = "N",
      defaultValue = "" + Options.DEFAULT_TREND_PERIODS,
      description = "Periods of the same kind before the period in the mission-drift trend: months before a month,"
          + " quarters before a quarter, years before a year (default: ${DEFAULT-VALUE}).")
  int trend;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (data == null || period == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "report needs --data DIR and --period "
          + "YYYY-MM, YYYY-Qn or YYYY");
    }
    Period p;
    try {
      p = Period.parse(period);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--period", "$", e.getMessage(), e);
    }
    if (threshold < 1) {
      throw new InvalidInputException("--min-cell", "$", "must be at least 1, got " + threshold, null);
    }
    if (trend < 0 || trend > 60) {
      throw new InvalidInputException("--trend-periods", "$", "must be 0 to 60, got " + trend, null);
    }
    try {
      p.minus(trend); // the trend's first period must still be a period
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--trend-periods", "$", trend + " " + p.kind().plural() + " before "
          + p.label() + " start before year 1", e);
    }
    Path log = logDirectory(data);
    NoteVerifier key = verifier(log);
    Path target = out != null ? out : Path.of("report-" + p.label());
    Options options = new Options(threshold, trend, catalog());
    TransparencyReport report;
    try (DirectoryStorage storage = new DirectoryStorage(log.toAbsolutePath().normalize())) {
      report = TransparencyReport.compute(LogReader.open(storage, key), key, p, options);
    }
    ReportWriter.write(report, target);
    PrintWriter o = spec.commandLine().getOut();
    o.println("firebreak report " + p.label() + " (" + p.firstDay() + " to " + p.lastDay() + "): "
        + report.table("mission-drift").totals().get(0).values().get(0).text() + " requests, from the ledger "
        + report.origin() + " at " + report.bundle().treeSize() + " entries (" + report.bundle().entries().size()
        + " bundled with proofs)");
    o.println("  open " + target.resolve(ReportWriter.HTML) + " (also report.pdf, report.json, tables/*.csv)");
    o.println("  check it: firebreak report verify " + target);
    return 0;
  }

  /** DIR itself when it holds a checkpoint, else DIR/ledger (the layout of firebreak serve). */
  private static Path logDirectory(Path dir) {
    if (Files.isRegularFile(dir.resolve(Ledger.CHECKPOINT))) {
      return dir;
    }
    Path ledger = dir.resolve(Deployment.LEDGER_DIR);
    if (Files.isRegularFile(ledger.resolve(Ledger.CHECKPOINT))) {
      return ledger;
    }
    throw new LedgerException(dir + ": no ledger here (neither " + dir.resolve(Ledger.CHECKPOINT) + " nor "
        + ledger.resolve(Ledger.CHECKPOINT) + ")");
  }

  private NoteVerifier verifier(Path log) throws IOException {
    String text;
    if (vkey != null) {
      text = vkey;
      Path p = Path.of(vkey);
      if (!vkey.contains("+") || Files.isRegularFile(p)) {
        if (!Files.isRegularFile(p)) {
          throw new UnreadableFileException(vkey, null);
        }
        text = Files.readString(p, StandardCharsets.UTF_8).strip();
      }
    } else if (Files.isRegularFile(log.resolve(LogDirectory.PROPERTIES))) {
      text = LogDirectory.verifierKey(log);
    } else if (log.getParent() != null && Files.isRegularFile(log.getParent().resolve(Deployment.VKEY_FILE))) {
      text = Files.readString(log.getParent().resolve(Deployment.VKEY_FILE), StandardCharsets.UTF_8).strip();
    } else {
      throw new InvalidInputException("--vkey", "$", "missing: give the log's verifier key (firebreak serve prints"
          + " it; the server publishes it at /log/vkey)", null);
    }
    try {
      return NoteVerifier.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--vkey", "$", "not a verifier key: " + e.getMessage(), e);
    }
  }

  /**
   * Effects and citations of the shipped rule packs' rules, for entries of version 1, which name rules only as
   * pack/id (version 2 carries both). The report uses a rule's entry only if the log records its pack's digest.
   * Shared with the demo.
   */
  static RuleCatalog catalog() {
    Map<String, RuleCatalog.Rule> rules = new HashMap<>();
    for (Pack p : new Policy(new StrictJson()).library().shipped().packs().packs()) {
      for (Rule r : p.rules()) {
        rules.put(r.qualifiedId(), new RuleCatalog.Rule(r.effect(), r.citation(),
            p.ref().id() + "@" + p.ref().version(), p.ref().digest()));
      }
    }
    return new RuleCatalog(rules);
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Check a report against its bundle: the checkpoint's signature (with bundle/vkey: compare it"
          + " with /log/vkey), every entry's inclusion proof, that the range of entries is complete, and every"
          + " number of report.json, the CSV files and the HTML tables, recomputed from the entries.",
          "Exit 0 only if all match; otherwise names the first thing that does not (exit 1)."})
  static final class Verify implements Callable<Integer> {
    @Parameters(paramLabel = "OUT", description = "The report directory (holding report.json and bundle/).")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      if (!Files.isDirectory(dir)) {
        throw new UnreadableFileException(dir.toString(), null);
      }
      ReportVerifier.Result r = ReportVerifier.verify(dir);
      if (r.problem().isPresent()) {
        spec.commandLine().getErr().println("firebreak: report verify: " + Main.oneLine(r.problem().get()));
        return 1;
      }
      spec.commandLine().getOut().println("ok: checkpoint signature, " + r.entries() + " entries and their inclusion"
          + " proofs, and every number of " + r.tables() + " tables recomputed from the bundle");
      return 0;
    }
  }
}
