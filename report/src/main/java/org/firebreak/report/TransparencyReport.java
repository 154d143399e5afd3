package org.firebreak.report;

import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.ledger.LedgerException;
import org.firebreak.ledger.LogReader;
import org.firebreak.ledger.SignedCheckpoint;
import org.firebreak.ledger.note.NoteException;
import org.firebreak.ledger.note.NoteVerifier;

/**
 * A transparency report for one period (a month, a quarter or a year), computed only from public ledger entries,
 * committed to a signed checkpoint and shipped with the {@link Bundle} a reader needs to recompute every number.
 *
 * @param trendPeriods how many periods of the same kind before {@code period} the mission-drift trend shows
 * @param tables every published table, suppressed
 * @param bundle the checkpoint, the entries counted (and their proofs), the rule catalog used
 */
public record TransparencyReport(Period period, int suppressionThreshold, int trendPeriods, String origin,
    String rootHash, List<Table> tables, Bundle bundle) {

  /** The format of report.json; bumped when its shape changes. */
  public static final String FORMAT = "firebreak-transparency-report/3";

  public TransparencyReport {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(rootHash, "rootHash");
    tables = List.copyOf(tables);
    Objects.requireNonNull(bundle, "bundle");
  }

  /** The table with this id. */
  public Table table(String id) {
    return tables.stream().filter(t -> t.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no table " + id));
  }

  /**
   * Computes the report for {@code period} from the log's current checkpoint. {@code key} is the log's verifier key:
   * the checkpoint must be signed by it, and the bundle ships it. Reads every entry once (to find the period's
   * range), then the range again with proofs.
   */
  public static TransparencyReport compute(LogReader log, NoteVerifier key, Period period, Options options)
      throws IOException {
    SignedCheckpoint cp = log.checkpoint();
    try {
      SignedCheckpoint.parse(cp.note(), key, List.of());
    } catch (NoteException e) {
      throw new LedgerException("the log's checkpoint is not signed by " + key.name() + ": " + e.getMessage(), e);
    }
    long n = cp.checkpoint().size();
    LocalDate windowStart = Bundle.windowStart(period, options.trendPeriods());
    LocalDate windowEnd = Bundle.windowEnd(period);

    // Pass 1: the day and type of every entry, and which ones the report needs.
    long[] days = new long[Math.toIntExact(n)];
    long firstIn = -1;
    long lastIn = -1;
    List<long[]> reviewsInWindow = new ArrayList<>(); // {review index, request index}
    for (long i = 0; i < n; i++) {
      LogEntry e = LogEntry.parse(i, log.entry(i));
      days[(int) i] = e.day().toEpochDay();
      boolean in = !e.day().isBefore(windowStart) && !e.day().isAfter(windowEnd);
      if (in) {
        firstIn = firstIn < 0 ? i : firstIn;
        lastIn = i;
        if (e instanceof LogEntry.ReviewEntry r) {
          reviewsInWindow.add(new long[] {i, r.requestIndex()});
        }
      }
    }
    long first;
    long end;
    if (n == 0) {
      first = 0;
      end = 0;
    } else {
      // The range starts at the last entry before the window that precedes everything in it, and ends just after the
      // first entry after the window that follows everything in it: one entry outside the window on each side.
      long before = firstIn >= 0 ? firstIn : n;
      first = 0;
      for (long i = before - 1; i >= 0; i--) {
        if (days[(int) i] < windowStart.toEpochDay()) {
          first = i;
          break;
        }
      }
      long after = lastIn >= 0 ? lastIn : first;
      end = n;
      for (long i = after + 1; i < n; i++) {
        if (days[(int) i] > windowEnd.toEpochDay()) {
          end = i + 1;
          break;
        }
      }
      if (end <= first) {
        end = first + 1;
      }
    }
    Set<Long> context = new TreeSet<>();
    long lastPacksBefore = -1;
    for (long i = Math.min(first, n) - 1; i >= 0; i--) {
      if (LogEntry.parse(i, log.entry(i)) instanceof LogEntry.PacksEntry) {
        lastPacksBefore = i;
        break;
      }
    }
    if (lastPacksBefore >= 0) {
      context.add(lastPacksBefore);
    }
    for (long[] r : reviewsInWindow) {
      if (r[1] < first) {
        context.add(r[1]);
      }
    }

    // Pass 2: the bundle, each entry with its inclusion proof in the checkpoint's tree.
    List<Bundle.Entry> bundled = new ArrayList<>();
    Set<Long> indexes = new TreeSet<>(context);
    for (long i = first; i < end; i++) {
      indexes.add(i);
    }
    List<LogEntry> parsed = new ArrayList<>();
    Set<String> rulesNamed = new HashSet<>();
    for (long i : indexes) {
      byte[] bytes = log.entry(i);
      bundled.add(new Bundle.Entry(i, bytes, log.inclusionProof(i, n)));
      LogEntry e = LogEntry.parse(i, bytes);
      parsed.add(e);
      if (e instanceof LogEntry.DecisionEntry d) {
        // Only rules the entry names without effect and citation (version 1) need the packs' word.
        d.sources().forEach(s -> s.rules().stream().filter(r -> r.effect().isEmpty())
            .forEach(r -> rulesNamed.add(r.id())));
      }
    }
    for (long[] r : reviewsInWindow) {
      if (!indexes.contains(r[1])) {
        throw new InvalidInputException("ledger entry " + r[0], "$.requestIndex",
            "names entry " + r[1] + ", which is not in the log", null);
      }
    }
    Bundle bundle = new Bundle(cp.note(), key.text(), n, first, end, bundled, options.rules().only(rulesNamed));
    return new TransparencyReport(period, options.suppressionThreshold(), options.trendPeriods(),
        cp.checkpoint().origin(), Base64.getEncoder().encodeToString(cp.checkpoint().root()),
        Tally.tables(period, parsed, options.withRules(bundle.rules())), bundle);
  }

  /** The report of a month: {@link #compute(LogReader, NoteVerifier, Period, Options)} (kept for the demo). */
  public static TransparencyReport compute(LogReader log, NoteVerifier key, YearMonth month, Options options)
      throws IOException {
    return compute(log, key, Period.of(month), options);
  }

  /**
   * Recomputes a report from a bundle alone, after checking it ({@link Bundle#check}): what {@code report verify}
   * compares the published report with.
   */
  public static TransparencyReport recompute(Bundle bundle, Period period, int suppressionThreshold,
      int trendPeriods) {
    Options options = new Options(suppressionThreshold, trendPeriods, bundle.rules());
    List<LogEntry> entries = bundle.check(Bundle.windowStart(period, trendPeriods), Bundle.windowEnd(period));
    SignedCheckpoint cp;
    try {
      cp = SignedCheckpoint.parse(bundle.checkpointNote(), NoteVerifier.parse(bundle.verifierKey()), List.of());
    } catch (NoteException e) {
      throw new IllegalStateException("checked above", e);
    }
    return new TransparencyReport(period, suppressionThreshold, trendPeriods, cp.checkpoint().origin(),
        Base64.getEncoder().encodeToString(cp.checkpoint().root()), Tally.tables(period, entries, options), bundle);
  }

  /** The indexes of the context entries: bundled, but outside the range. */
  public List<Long> contextEntries() {
    return bundle.entries().stream().map(Bundle.Entry::index)
        .filter(i -> i < bundle.first() || i >= bundle.end()).toList();
  }
}
