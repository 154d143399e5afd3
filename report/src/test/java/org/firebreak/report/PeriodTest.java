package org.firebreak.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.firebreak.report.Period.Kind;
import org.firebreak.report.Period.Month;
import org.firebreak.report.Period.Quarter;
import org.firebreak.report.Period.Year;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Months, quarters and years: bounds, the period before, parsing. Expected days worked out on a calendar. */
class PeriodTest {
  private static LocalDate day(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void aMonthIsItsCalendarMonth() {
    Period nov = Period.parse("2026-11");
    assertThat(nov).isEqualTo(new Month(YearMonth.of(2026, 11))).isEqualTo(Period.of(YearMonth.of(2026, 11)));
    assertThat(nov.kind()).isEqualTo(Kind.MONTH);
    assertThat(nov.firstDay()).isEqualTo(day("2026-11-01"));
    assertThat(nov.lastDay()).isEqualTo(day("2026-11-30")); // thirty days hath November
    assertThat(nov.label()).isEqualTo("2026-11").isEqualTo(nov.toString());
    assertThat(Period.parse("2026-01").lastDay()).isEqualTo(day("2026-01-31"));
  }

  @Test
  void februaryHas29DaysInALeapYearOnly() {
    assertThat(Period.parse("2024-02").lastDay()).isEqualTo(day("2024-02-29")); // divisible by 4
    assertThat(Period.parse("2026-02").lastDay()).isEqualTo(day("2026-02-28"));
    assertThat(Period.parse("1900-02").lastDay()).isEqualTo(day("1900-02-28")); // by 100, not by 400
    assertThat(Period.parse("2000-02").lastDay()).isEqualTo(day("2000-02-29")); // by 400
    assertThat(Period.parse("2024-02").contains(day("2024-02-29"))).isTrue();
    assertThat(Period.parse("2024-02").contains(day("2024-03-01"))).isFalse();
    // Q1 of 2024 is 31 + 29 + 31 = 91 days, of 2026 31 + 28 + 31 = 90; the year 2024 has 366.
    assertThat(length(Period.parse("2024-Q1"))).isEqualTo(91);
    assertThat(length(Period.parse("2026-Q1"))).isEqualTo(90);
    assertThat(length(Period.parse("2024"))).isEqualTo(366);
    assertThat(length(Period.parse("2026"))).isEqualTo(365);
    assertThat(Period.parse("2024").contains(day("2024-02-29"))).isTrue();
  }

  @Test
  void theFourQuartersOfAYear() {
    assertThat(Period.parse("2026-Q1")).isEqualTo(new Quarter(2026, 1));
    assertThat(Period.parse("2026-Q1").kind()).isEqualTo(Kind.QUARTER);
    assertThat(bounds("2026-Q1")).isEqualTo("2026-01-01..2026-03-31");
    assertThat(bounds("2026-Q2")).isEqualTo("2026-04-01..2026-06-30");
    assertThat(bounds("2026-Q3")).isEqualTo("2026-07-01..2026-09-30");
    assertThat(bounds("2026-Q4")).isEqualTo("2026-10-01..2026-12-31");
    assertThat(new Quarter(2026, 4).label()).isEqualTo("2026-Q4");
  }

  @Test
  void aYearIsJanuaryToDecember() {
    assertThat(Period.parse("2026")).isEqualTo(new Year(2026));
    assertThat(Period.parse("2026").kind()).isEqualTo(Kind.YEAR);
    assertThat(bounds("2026")).isEqualTo("2026-01-01..2026-12-31");
    assertThat(new Year(2026).label()).isEqualTo("2026");
    assertThat(new Year(999).label()).isEqualTo("0999"); // four digits, so that parse reads it back
    assertThat(Period.parse("0999")).isEqualTo(new Year(999));
  }

  @Test
  void containsIsInclusiveOfBothEnds() {
    Period q1 = Period.parse("2026-Q1");
    assertThat(q1.contains(day("2026-01-01"))).isTrue();
    assertThat(q1.contains(day("2026-02-14"))).isTrue();
    assertThat(q1.contains(day("2026-03-31"))).isTrue();
    assertThat(q1.contains(day("2025-12-31"))).isFalse();
    assertThat(q1.contains(day("2026-04-01"))).isFalse();
    Period year = Period.parse("2026");
    assertThat(year.contains(day("2026-01-01"))).isTrue();
    assertThat(year.contains(day("2026-12-31"))).isTrue();
    assertThat(year.contains(day("2027-01-01"))).isFalse();
  }

  @Test
  void thePeriodBeforeIsOfTheSameKind() {
    assertThat(Period.parse("2026-Q1").previous()).isEqualTo(new Quarter(2025, 4));
    assertThat(Period.parse("2026-Q4").previous()).isEqualTo(new Quarter(2026, 3));
    assertThat(Period.parse("2026-01").previous()).isEqualTo(Period.parse("2025-12"));
    assertThat(Period.parse("2024-03").previous().lastDay()).isEqualTo(day("2024-02-29"));
    assertThat(Period.parse("2026").previous()).isEqualTo(new Year(2025));
    // 2026-Q3 back 1: Q2, 2: Q1, 3: 2025-Q4, 4: Q3, 5: Q2, 6: 2025-Q1; 8 quarters are two years.
    assertThat(Period.parse("2026-Q3").minus(6)).isEqualTo(new Quarter(2025, 1));
    assertThat(Period.parse("2026-Q3").minus(8)).isEqualTo(new Quarter(2024, 3));
    assertThat(Period.parse("2026-11").minus(11)).isEqualTo(Period.parse("2025-12"));
    assertThat(Period.parse("2026").minus(5)).isEqualTo(new Year(2021));
    assertThat(Period.parse("2026-Q2").minus(0)).isEqualTo(Period.parse("2026-Q2"));
  }

  @Test
  void nothingBeforeYearOne() {
    assertThatThrownBy(() -> Period.parse("0001-Q1").previous()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("year 0");
    assertThatThrownBy(() -> Period.parse("0001").minus(1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Period.parse("0001-01").previous()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Period.parse("2026").minus(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructorsValidate() {
    assertThatThrownBy(() -> new Quarter(2026, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quarter 0 is not 1 to 4");
    assertThatThrownBy(() -> new Quarter(2026, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Year(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("year 0 is not 0001 to 9999");
    assertThatThrownBy(() -> new Year(10000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Month(YearMonth.of(10000, 1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Month(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void badTextIsRefusedNamingItAndTheAcceptedForms() {
    String forms = "give YYYY-MM (a month), YYYY-Qn (a quarter, n = 1 to 4) or YYYY (a year)";
    assertThatThrownBy(() -> Period.parse("2026-13")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'2026-13': month 13 is not 01 to 12; " + forms);
    assertThatThrownBy(() -> Period.parse("2026-Q5")).hasMessage("'2026-Q5': quarter 5 is not 1 to 4; " + forms);
    assertThatThrownBy(() -> Period.parse("2026-Q0")).hasMessage("'2026-Q0': quarter 0 is not 1 to 4; " + forms);
    assertThatThrownBy(() -> Period.parse("26")).hasMessage("'26' is not a period: " + forms);
    assertThatThrownBy(() -> Period.parse("")).hasMessage("'' is not a period: " + forms);
    assertThatThrownBy(() -> Period.parse("0000")).hasMessage("'0000': year 0 is not 0001 to 9999; " + forms);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-00", "2026-1", "2026-q1", "2026-Q", "2026-Q12", " 2026", "2026 ", "20266", "2026-",
      "2026-11-01", "+2026", "2026/11", "2026-H1", "\u0662\u0660\u0662\u0666"})
  void otherShapesAreRefusedToo(String text) {
    assertThatThrownBy(() -> Period.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'").hasMessageEndingWith(Period.FORMS);
  }

  @Property
  void labelsReadBack(@ForAll @IntRange(min = 1, max = 9999) int year, @ForAll @IntRange(min = 1, max = 12) int m) {
    for (Period p : new Period[] {new Month(YearMonth.of(year, m)), new Quarter(year, (m - 1) / 3 + 1),
        new Year(year)}) {
      assertThat(Period.parse(p.label())).isEqualTo(p);
    }
  }

  /** Each period begins the day after the one before it ends: the trend's periods tile the days, no gap or overlap. */
  @Property
  void periodsOfAKindFollowEachOtherDayByDay(@ForAll @IntRange(min = 2, max = 9999) int year,
      @ForAll @IntRange(min = 1, max = 12) int m) {
    for (Period p : new Period[] {new Month(YearMonth.of(year, m)), new Quarter(year, (m - 1) / 3 + 1),
        new Year(year)}) {
      assertThat(p.previous().lastDay().plusDays(1)).isEqualTo(p.firstDay());
      assertThat(p.previous().kind()).isEqualTo(p.kind());
    }
  }

  private static long length(Period p) {
    return ChronoUnit.DAYS.between(p.firstDay(), p.lastDay()) + 1;
  }

  private static String bounds(String label) {
    Period p = Period.parse(label);
    return p.firstDay() + ".." + p.lastDay();
  }
}
