package org.firebreak.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a report into a directory: {@code report.html}, {@code report.pdf}, {@code report.json}, {@code tables/ID.csv}
 * for every table, and {@code bundle/} with {@code VERIFY.md}.
 */
public final class ReportWriter {
  public static final String HTML = "report.html";
  public static final String PDF = "report.pdf";
  public static final String JSON = "report.json";
  public static final String TABLES = "tables";
  public static final String BUNDLE = "bundle";
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriter() {}

  /** Writes every file of the report under {@code out} (created if needed; files of an earlier report replaced). */
  public static void write(TransparencyReport report, Path out) throws IOException {
    Files.createDirectories(out.resolve(TABLES));
    Files.writeString(out.resolve(JSON), MAPPER.writeValueAsString(ReportJson.of(report)) + "\n",
        StandardCharsets.UTF_8);
    for (Table t : report.tables()) {
      Files.writeString(out.resolve(TABLES).resolve(t.id() + ".csv"), Csv.of(t), StandardCharsets.UTF_8);
    }
    Files.writeString(out.resolve(HTML), Html.render(report, Html.ChartMode.SVG), StandardCharsets.UTF_8);
    try (OutputStream pdf = Files.newOutputStream(out.resolve(PDF))) {
      Pdf.write(Html.render(report, Html.ChartMode.PNG), pdf);
    }
    Path bundle = out.resolve(BUNDLE);
    report.bundle().write(bundle);
    Files.writeString(bundle.resolve(Bundle.VERIFY), verifyMd(report), StandardCharsets.UTF_8);
  }

  /** The files {@link #write} creates, relative to the output directory. */
  public static List<String> files(TransparencyReport report) {
    List<String> f = new java.util.ArrayList<>(List.of(HTML, PDF, JSON));
    report.tables().forEach(t -> f.add(TABLES + "/" + t.id() + ".csv"));
    for (String b : List.of(Bundle.CHECKPOINT, Bundle.VKEY, Bundle.ENTRIES, Bundle.PROOFS, Bundle.RULES,
        Bundle.VERIFY)) {
      f.add(BUNDLE + "/" + b);
    }
    return f;
  }

  static String verifyMd(TransparencyReport r) {
    Bundle b = r.bundle();
    return """
        # How to check this report

        This directory holds the Firebreak transparency report for %1$s (a %11$s: the entries dated %12$s
        to %8$s) and everything needed to check it without trusting whoever published it: the numbers were
        computed only from public ledger entries, and this bundle holds those entries, the signed checkpoint of
        the ledger they are in, and the proofs that tie one to the other.

        ## With the firebreak command

            firebreak report verify DIR

        where DIR is the directory holding report.json and bundle/. It exits 0 only if every check passes and
        every number matches; otherwise it names the first thing that does not match.

        ## What it checks (and what you can check by hand)

        1. **The key.** `bundle/vkey` is the ledger's verifier key (Go `golang.org/x/mod/sumdb/note` format).
           Compare it with the key the ledger publishes at `/log/vkey` (and, better, with one you obtained
           earlier or from a witness): a bundle signed by another key proves nothing.
        2. **The checkpoint.** `bundle/checkpoint` is a signed note (c2sp.org/signed-note) carrying a
           checkpoint (c2sp.org/tlog-checkpoint) of origin `%2$s`, tree size %3$d and root hash
           `%4$s`. Its Ed25519 signature must verify with `bundle/vkey`. You can compare it with
           the one served at `/log/checkpoint`: a later checkpoint must be consistent with this one
           (`firebreak ledger verify-proof` checks a consistency proof).
        3. **The entries.** `bundle/entries.ndjson` holds the exact bytes of each public entry, one per line
           (RFC 8785 canonical JSON), in index order. `bundle/proofs.json` gives, for each line in the same
           order, the entry's index and its inclusion proof. For each entry, its leaf hash is
           SHA-256(0x00 || bytes) and the proof must lead from it to the checkpoint's root (RFC 9162
           §2.1.3.2).
        4. **Nothing left out.** The entries from index %5$d up to (not including) %6$d form a contiguous range:
           every index in it must be present. The days the report covers (%7$s to %8$s: the %11$s and the
           %9$s before it, for the mission-drift trend) lie inside that range: unless the range starts at
           the first entry of the log, its first entry is dated before %7$s, and unless it ends at the last
           entry of the checkpoint, its last entry is dated after %8$s. The gateway dates each entry by its own
           clock when it is appended, so entries are in day order. Entries before the range are context: the
           announcement of the rule packs in force at the start, and requests that reviews in the range name.
           To check the whole log instead, fetch `/log/checkpoint` and `/log/tile/...` and run
           `firebreak ledger verify`.
        5. **The numbers.** Count the entries as report/README.md describes (its "What is counted" section),
           apply the suppression (its "Suppression" section) with threshold %10$d, and compare with
           `report.json`, the CSV files in `tables/` and the tables of `report.html`. `report.pdf` is
           rendered from the same document.
        6. **The citations.** Entries of version 2 carry each rule's effect and citation; entries of version 1
           name rules as `pack/id` only. For those, `bundle/rules.json` gives each named rule's effect and
           citation, and the SHA-256 digest of the pack file it comes from: the same digests the ledger records
           for the packs in force. Check them against those pack files.
        """.formatted(r.period().label(), r.origin(), b.treeSize(), r.rootHash(), b.first(), b.end(),
        Bundle.windowStart(r.period(), r.trendPeriods()), Bundle.windowEnd(r.period()),
        r.period().kind().count(r.trendPeriods()), r.suppressionThreshold(), r.period().kind().noun(),
        r.period().firstDay());
  }
}
