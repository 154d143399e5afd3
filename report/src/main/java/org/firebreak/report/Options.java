package org.firebreak.report;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a report is computed.
 *
 * @param suppressionThreshold cells with fewer than this many (and more than zero) are suppressed; 5 by default
 * @param trendPeriods how many months before the period the mission-drift trend shows; 5 by default
 * @param rules effects and citations of the rules the entries name (the public entry names rules only by id)
 * @param flags reserved for the flags raised by detection: TODO(detect) a file of flags written by module
 *     {@code detect}, which another engineer is building; until its format is settled a report refuses one rather
 *     than guess, and the flags section says that detection is not yet counted
 */
public record Options(int suppressionThreshold, int trendPeriods, RuleCatalog rules, Optional<Path> flags) {
  public static final int DEFAULT_THRESHOLD = 5;
  public static final int DEFAULT_TREND_PERIODS = 5;

  public Options {
    if (suppressionThreshold < 1) {
      throw new IllegalArgumentException("the suppression threshold must be at least 1, got " + suppressionThreshold);
    }
    if (trendPeriods < 0 || trendPeriods > 60) {
      throw new IllegalArgumentException("the trend covers 0 to 60 earlier months, got " + trendPeriods);
    }
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(flags, "flags");
    if (flags.isPresent()) {
      throw new IllegalArgumentException("flags are not counted yet: detection (module detect) is still being built");
    }
  }

  public static Options defaults() {
    return new Options(DEFAULT_THRESHOLD, DEFAULT_TREND_PERIODS, RuleCatalog.empty(), Optional.empty());
  }

  public Options withRules(RuleCatalog catalog) {
    return new Options(suppressionThreshold, trendPeriods, catalog, flags);
  }

  public Options withThreshold(int threshold) {
    return new Options(threshold, trendPeriods, rules, flags);
  }

  public Options withTrendPeriods(int periods) {
    return new Options(suppressionThreshold, periods, rules, flags);
  }
}
