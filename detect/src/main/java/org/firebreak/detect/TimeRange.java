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

  /**
   * {@code length().compareTo(limit) > 0}, counted without making Durations (bulk-search asks it of every row of a
   * log).
   */
  public boolean longerThan(Duration limit) {
    long seconds = end.getEpochSecond() - start.getEpochSecond();
    int nanos = end.getNano() - start.getNano();
    if (nanos < 0) {
      seconds--;
      nanos += 1_000_000_000;
    }
    if (seconds < 0) { // the absolute value of (seconds, nanos)
      seconds = nanos == 0 ? -seconds : -seconds - 1;
      nanos = nanos == 0 ? 0 : 1_000_000_000 - nanos;
    }
    return seconds != limit.getSeconds() ? seconds > limit.getSeconds() : nanos > limit.getNano();
  }

  /** The length of the frame; a frame written end-first counts the same as the other way round. */
  public Duration length() {
    return Duration.between(start, end).abs();
  }
}
