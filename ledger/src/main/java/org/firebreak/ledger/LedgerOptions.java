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
   * 4,096 entries or 1 ms per batch; a checkpoint after every publish; tiles synced every second. Also what a service
   * answering each append with a receipt wants: a publish costs little (the partial tiles stay in memory until a sync
   * point, {@link RecentFiles}), and while one is signed the next batches gather, so under load one publish still
   * covers many entries; a fixed interval would only add its wait to every receipt (10 ms gave 6.5 ms on average).
   */
  public static LedgerOptions defaults() {
    return new LedgerOptions(4096, Duration.ofMillis(1), Duration.ZERO, SYNC_INTERVAL);
  }
}
