package org.firebreak.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** One published cell: a count, a percentage, a cell withheld by suppression, or a share of nothing. */
public sealed interface Value {
  /** How every output (JSON, CSV, HTML, PDF) spells a suppressed cell. */
  String SUPPRESSED = "suppressed";
  /** A share of an empty total. */
  String NOT_APPLICABLE = "n/a";

  /** The cell as text, the same in CSV, HTML and PDF. */
  String text();

  record Count(long value) implements Value {
    public Count {
      if (value < 0) {
        throw new IllegalArgumentException("a count is never negative: " + value);
      }
    }

    @Override
    public String text() {
      return Long.toString(value);
    }
  }

  /** A percentage with one decimal, rounded half up. */
  record Percent(BigDecimal value) implements Value {
    public Percent {
      Objects.requireNonNull(value, "value");
      value = value.setScale(1, RoundingMode.HALF_UP);
    }

    public static Percent of(long part, long whole) {
      if (whole <= 0) {
        throw new IllegalArgumentException("a share of " + whole);
      }
      return new Percent(BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
          .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP));
    }

    @Override
    public String text() {
      return value.toPlainString();
    }
  }

  record Suppressed() implements Value {
    @Override
    public String text() {
      return SUPPRESSED;
    }
  }

  record NotApplicable() implements Value {
    @Override
    public String text() {
      return NOT_APPLICABLE;
    }
  }
}
