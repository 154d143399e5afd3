package org.firebreak.ledger;

import java.time.Duration;

/**
 * How the sequencer batches: at most {@code maxBatch} entries per journal write (one fsync), waiting at most
 * {@code maxDelay} for a batch to fill once its first entry is there; and how often checkpoints follow: at most
 * one per {@code checkpointInterval} (zero: after every batch the publisher catches up with); and how often the
 * published tiles are synced to disk ({@code syncInterval}): after a crash, open rebuilds from the journal what was
 * published since the last sync.
 */
public record LedgerOptions(int maxBatch, Duration maxDelay, Duration checkpointInterval, Duration syncInterval) {
  /** How often published tiles are synced by default: what a crash may make the next open rebuild. */
  public static final Duration SYNC_INTERVAL = Duration.ofSeconds(1);

  public LedgerOptions {
    if (maxBatch < 1 || maxBatch > 1 << 20) {
      throw new IllegalArgumentException("maxBatch must be 1..1048576");
    }
    if (maxDelay.isNegative() || checkpointInterval.isNegative() || syncInterval.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  /** With the default sync interval. */
  public LedgerOptions(int maxBatch, Duration maxDelay, Duration checkpointInterval) {
    this(maxBatch, maxDelay, checkpointInterval, SYNC_INTERVAL);
  }

  /**
   * For a service answering each append with a receipt: as {@link #defaults()}, but tiles and a signed checkpoint at
   * most every 10 ms, so under load one publish (one signature, and new files only for the tiles that became full)
   * covers many entries, at the price of at most 10 ms more for an appender waiting for its checkpoint.
   */
  public static LedgerOptions service() {
    return new LedgerOptions(4096, Duration.ofMillis(1), Duration.ofMillis(10), SYNC_INTERVAL);
  }

  /** 4,096 entries or 1 ms per batch; a checkpoint after every publish; tiles synced every second. */
  public static LedgerOptions defaults() {
    return new LedgerOptions(4096, Duration.ofMillis(1), Duration.ZERO, SYNC_INTERVAL);
  }
}
