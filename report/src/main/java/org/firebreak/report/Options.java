package org.firebreak.report;

import java.util.Objects;

/**
 * How a report is computed.
 *
 * @param suppressionThreshold cells with fewer than this many (and more than zero) are suppressed; 5 by default
 * @param trendPeriods how many periods of the same kind before the period (months before a month, quarters before a
 *     quarter, years before a year) the mission-drift trend shows; 5 by default
 * @param rules effects and citations of the rules that version-1 entries name only by id (version-2 entries carry
 *     them)
 */
public record Options(int suppressionThreshold, int trendPeriods, RuleCatalog rules) {
  public static final int DEFAULT_THRESHOLD = 5;
  public static final int DEFAULT_TREND_PERIODS = 5;

  public Options {
    if (suppressionThreshold < 1) {
      throw new IllegalArgumentException("the suppression threshold must be at least 1, got " + suppressionThreshold);
    }
    if (trendPeriods < 0 || trendPeriods > 60) {
      throw new IllegalArgumentException("the trend covers 0 to 60 earlier periods, got " + trendPeriods);
    }
    Objects.requireNonNull(rules, "rules");
  }

  public static Options defaults() {
    return new Options(DEFAULT_THRESHOLD, DEFAULT_TREND_PERIODS, RuleCatalog.empty());
  }

  public Options withRules(RuleCatalog catalog) {
    return new Options(suppressionThreshold, trendPeriods, catalog);
  }

  public Options withThreshold(int threshold) {
    return new Options(threshold, trendPeriods, rules);
  }

  public Options withTrendPeriods(int periods) {
    return new Options(suppressionThreshold, periods, rules);
  }
}
