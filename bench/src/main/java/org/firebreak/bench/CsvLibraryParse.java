package org.firebreak.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.file.Path;
import org.firebreak.detect.importer.FlockCsvImporter;

/**
 * How fast a well-kept CSV library parses DetectScan's file, next to detect's own scanner: the project prefers a
 * library to hand-written code, so this keeps the question open with numbers. Both sides, one thread, in the same
 * run: FastCSV 3.4.0 parsing every row into a record (a String per cell), reading one cell of each; detect's
 * {@link FlockCsvImporter} doing its whole job (events built, no detector). Pass the file {@code DetectScan} made.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.firebreak.bench.CsvLibraryParse \
 *   bench/target/detect-scan/synthetic-ca-pd-network-audit-10000000.csv
 * </pre>
 */
public final class CsvLibraryParse {
  private CsvLibraryParse() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    for (int run = 1; run <= 3; run++) {
      long t0 = System.nanoTime();
      long rows = 0;
      long chars = 0;
      try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(file)) {
        for (CsvRecord rec : r) {
          rows++;
          chars += rec.getField(0).length();
        }
      }
      double fast = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      long[] events = new long[1];
      new FlockCsvImporter(org.firebreak.detect.importer.Format.FLOCK_NETWORK).read(file, file.getFileName().toString(),
          new org.firebreak.detect.importer.ImportSink() {
        @Override
        public void event(org.firebreak.detect.AuditEvent event) {
          events[0]++;
        }

        @Override
        public void problem(org.firebreak.detect.importer.Problem problem) {}
      });
      double ours = (System.nanoTime() - t1) / 1e9;
      System.out.printf("run %d: fastcsv parse %,.0f rows/s (%,d rows, %d); detect's importer, events built %,.0f "
          + "rows/s (%,d events); ratio importer/fastcsv %.2fx%n", run, rows / fast, rows, chars % 10,
          events[0] / ours, events[0], (events[0] / ours) / (rows / fast));
    }
  }
}
