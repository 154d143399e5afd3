package org.firebreak.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The time frame a search covered, e.g. Flock's {@code Time Frame}: from {@code start} to {@code end}. */
public record TimeRange(Instant start, Instant end) {
  public TimeRange {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
  }

  /** The length of the frame; a frame written end-first counts the same as the other way round. */
  public Duration length() {
    return Duration.between(start, end).abs();
  }
}
