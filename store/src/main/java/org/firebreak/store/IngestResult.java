package org.firebreak.store;

/** What one ingest batch did: records new to the source, and records that replaced one with the same id. */
public record IngestResult(int inserted, int replaced) {
  public IngestResult {
    if (inserted < 0 || replaced < 0) {
      throw new IllegalArgumentException("counts are not negative");
    }
  }

  public int total() {
    return inserted + replaced;
  }
}
