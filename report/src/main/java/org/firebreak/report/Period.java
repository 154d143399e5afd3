package org.firebreak.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The days a report covers: a calendar month (the default kind), a calendar quarter or a calendar year, in UTC days
 * as the ledger dates its entries. Written {@code YYYY-MM}, {@code YYYY-Qn} (n = 1 to 4) or {@code YYYY}; years run
 * from 0001 to 9999 so that every label has four digits and {@link #parse} reads back what {@link #label} writes.
 */
public sealed interface Period permits Period.Month, Period.Quarter, Period.Year {
  /** What {@link #parse} accepts, for error messages. */
  String FORMS = "YYYY-MM (a month), YYYY-Qn (a quarter, n = 1 to 4) or YYYY (a year)";

  /** The kind of a period, with the words a report uses for it. */
  enum Kind {
    MONTH("month", "months"), QUARTER("quarter", "quarters"), YEAR("year", "years");

    private final String noun;
    private final String plural;

    Kind(String noun, String plural) {
      this.noun = noun;
      this.plural = plural;
    }

    /** "month", "quarter", "year": also the kind's name in report.json. */
    public String noun() {
      return noun;
    }

    public String plural() {
      return plural;
    }

    /** "1 quarter", "5 quarters". */
    public String count(int n) {
      return n + " " + (n == 1 ? noun : plural);
    }
  }

  Kind kind();

  /** The first day of the period. */
  LocalDate firstDay();

  /** The last day of the period (inclusive). */
  LocalDate lastDay();

  /** The period of the same kind {@code n} periods earlier ({@code n} ≥ 0); fails before year 1. */
  Period minus(int n);

  /** {@code 2026-11}, {@code 2026-Q1} or {@code 2026}: what {@link #parse} reads. */
  String label();

  /** The period of the same kind just before this one. */
  default Period previous() {
    return minus(1);
  }

  default boolean contains(LocalDate day) {
    return !day.isBefore(firstDay()) && !day.isAfter(lastDay());
  }

  /** A month. */
  static Period of(YearMonth month) {
    return new Month(month);
  }

  /**
   * Reads {@code YYYY-MM}, {@code YYYY-Qn} or {@code YYYY}, exactly (no spaces, an upper-case Q).
   *
   * @throws IllegalArgumentException naming the text, what is wrong with it and the accepted forms
   */
  static Period parse(String text) {
    Objects.requireNonNull(text, "text");
    // A four-digit year, then -MM or -Qn or nothing; \d is ASCII digits only (java.util.regex's default).
    Matcher m = Pattern.compile("(\\d{4})(?:-(\\d{2})|-Q(\\d))?").matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a period: give " + FORMS);
    }
    int year = Integer.parseInt(m.group(1));
    try {
      if (m.group(2) != null) {
        int month = Integer.parseInt(m.group(2));
        if (month < 1 || month > 12) {
          throw new IllegalArgumentException("month " + m.group(2) + " is not 01 to 12");
        }
        return new Month(YearMonth.of(year, month));
      }
      if (m.group(3) != null) {
        return new Quarter(year, Integer.parseInt(m.group(3)));
      }
      return new Year(year);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "': " + e.getMessage() + "; give " + FORMS, e);
    }
  }

  /** A calendar month. */
  record Month(YearMonth month) implements Period {
    public Month {
      Objects.requireNonNull(month, "month");
      checkYear(month.getYear());
    }

    @Override
    public Kind kind() {
      return Kind.MONTH;
    }

    @Override
    public LocalDate firstDay() {
      return month.atDay(1);
    }

    @Override
    public LocalDate lastDay() {
      return month.atEndOfMonth();
    }

    @Override
    public Month minus(int n) {
      return new Month(month.minusMonths(checkSteps(n)));
    }

    @Override
    public String label() {
      return month.toString();
    }

    @Override
    public String toString() {
      return label();
    }
  }

  /** A calendar quarter: Q1 is January to March, Q4 October to December. */
  record Quarter(int year, int quarter) implements Period {
    public Quarter {
      checkYear(year);
      if (quarter < 1 || quarter > 4) {
        throw new IllegalArgumentException("quarter " + quarter + " is not 1 to 4");
      }
    }

    @Override
    public Kind kind() {
      return Kind.QUARTER;
    }

    @Override
    public LocalDate firstDay() {
      return LocalDate.of(year, 3 * quarter - 2, 1);
    }

    @Override
    public LocalDate lastDay() {
      return YearMonth.of(year, 3 * quarter).atEndOfMonth();
    }

    @Override
    public Quarter minus(int n) {
      // Count quarters from year 0 so that stepping back across a year boundary is one subtraction.
      long index = year * 4L + (quarter - 1) - checkSteps(n);
      return new Quarter(Math.toIntExact(Math.floorDiv(index, 4L)), (int) Math.floorMod(index, 4L) + 1);
    }

    @Override
    public String label() {
      return String.format("%04d-Q%d", year, quarter);
    }

    @Override
    public String toString() {
      return label();
    }
  }

  /** A calendar year. */
  record Year(int year) implements Period {
    public Year {
      checkYear(year);
    }

    @Override
    public Kind kind() {
      return Kind.YEAR;
    }

    @Override
    public LocalDate firstDay() {
      return LocalDate.of(year, 1, 1);
    }

    @Override
    public LocalDate lastDay() {
      return LocalDate.of(year, 12, 31);
    }

    @Override
    public Year minus(int n) {
      return new Year(year - checkSteps(n));
    }

    @Override
    public String label() {
      return String.format("%04d", year);
    }

    @Override
    public String toString() {
      return label();
    }
  }

  private static void checkYear(int year) {
    if (year < 1 || year > 9999) {
      throw new IllegalArgumentException("year " + year + " is not 0001 to 9999");
    }
  }

  private static int checkSteps(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("cannot go back " + n + " periods");
    }
    return n;
  }
}

