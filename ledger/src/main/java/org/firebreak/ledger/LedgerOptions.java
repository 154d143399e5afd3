package org.firebreak.ledger;

import java.time.Duration;

/**
 * How the sequencer batches: at most {@code maxBatch} entries per journal write (one fsync), waiting at most
 * {@code maxDelay} for a batch to fill once its first entry is there; and how often checkpoints follow: at most
 * one per {@code checkpointInterval} (zero: after every batch the publisher catches up with).
 */
public record LedgerOptions(int maxBatch, Duration maxDelay, Duration checkpointInterval) {
  public LedgerOptions {
    if (maxBatch < 1 || maxBatch > 1 << 20) {
      throw new IllegalArgumentException("maxBatch must be 1..1048576");
    }
    if (maxDelay.isNegative() || checkpointInterval.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  /** 4,096 entries or 1 ms per batch; a checkpoint after every publish. */
  public static LedgerOptions defaults() {
    return new LedgerOptions(4096, Duration.ofMillis(1), Duration.ZERO);
  }
}
