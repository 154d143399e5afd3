package org.firebreak.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuppressionTest {
  private static List<String> texts(Suppression.Result r) {
    List<String> l = new ArrayList<>(r.cells().stream().map(Value::text).toList());
    l.add("total " + r.total().text());
    return l;
  }

  @Test
  void aSmallCellIsHiddenWithTheNextSmallestSoTheTotalDoesNotRevealIt() {
    // 3 < 5 is hidden; alone it would be 40 - 10 - 20 - 7; the smallest shown cell, 7, is hidden with it.
    assertThat(texts(Suppression.apply(List.of(10L, 3L, 20L, 7L), 40, 5)))
        .containsExactly("10", "suppressed", "20", "suppressed", "total 40");
  }

  @Test
  void twoSmallCellsAddingUpToLessThanTheThresholdTakeAThird() {
    // 2 + 2 = 4 < 5: a reader would learn the two add up to 4; the 100 is hidden too.
    assertThat(texts(Suppression.apply(List.of(2L, 2L, 100L), 104, 5)))
        .containsExactly("suppressed", "suppressed", "suppressed", "total 104");
  }

  @Test
  void zerosAreShownAndAreNotUsedWhileANonZeroCellIsLeft() {
    assertThat(texts(Suppression.apply(List.of(3L, 0L, 60L), 63, 5)))
        .containsExactly("suppressed", "0", "suppressed", "total 63");
  }

  @Test
  void aSmallTotalHidesEverything() {
    assertThat(texts(Suppression.apply(List.of(1L, 0L, 0L), 1, 5)))
        .containsExactly("suppressed", "0", "0", "total suppressed");
  }

  @Test
  void aFollowedCellIsHiddenWithAComplement() {
    // Released records follow the reviews they belong to: the 50 is hidden, then the 8 so that 58 - 50 says nothing.
    assertThat(texts(Suppression.apply(List.of(50L, 0L, 8L), 58, 5, Set.of(0))))
        .containsExactly("suppressed", "0", "suppressed", "total 58");
  }

  @Test
  void aLoneHiddenCellWithNothingToPairTakesTheTotalWithIt() {
    assertThat(texts(Suppression.apply(List.of(6L), 6, 5, Set.of(0))))
        .containsExactly("suppressed", "total suppressed");
  }

  @Property
  void noSmallCellIsShownAndNoHiddenCellFollowsFromTheTotal(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 40) Integer> values,
      @ForAll @IntRange(min = 1, max = 10) int threshold) {
    List<Long> cells = values.stream().map(Integer::longValue).toList();
    long total = cells.stream().mapToLong(Long::longValue).sum();
    Suppression.Result r = Suppression.apply(cells, total, threshold);
    Set<Integer> hidden = r.suppressed();
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i) > 0 && cells.get(i) < threshold) {
        assertThat(hidden).as("small cell %d", i).contains(i);
      }
    }
    if (!hidden.isEmpty() && r.total() instanceof Value.Count) {
      // What total minus shown cells reveals: the sum of the hidden ones. It must cover two or more cells and be
      // at least the threshold, so that no single small count can be read off.
      long revealed = total - sumShown(r);
      assertThat(hidden.size()).isGreaterThanOrEqualTo(2);
      assertThat(revealed).isGreaterThanOrEqualTo(threshold);
    }
  }

  private static long sumShown(Suppression.Result r) {
    return r.cells().stream().filter(v -> v instanceof Value.Count).mapToLong(v -> ((Value.Count) v).value()).sum();
  }

  /**
   * On the fixture with the default threshold of 5: no published cell lies between 1 and 4, and in every column
   * (of each month, in the trend) whose total is shown, the hidden cells are two or more and their true values
   * (from the unsuppressed report) add up to at least 5.
   */
  @Test
  void noSuppressedCellOfTheFixtureCanBeRecoveredFromThePublishedTotals(@TempDir Path tmp) throws Exception {
    Fixture f = Fixture.create(tmp.resolve("log"));
    TransparencyReport published = TransparencyReport.compute(f.reader(), f.key(), TransparencyReportTest.NOV,
        Options.defaults().withRules(Fixture.catalog()));
    TransparencyReport truth = TransparencyReport.compute(f.reader(), f.key(), TransparencyReportTest.NOV,
        Options.defaults().withThreshold(1).withRules(Fixture.catalog()));
    int checkedColumns = 0;
    for (Table t : published.tables()) {
      Table raw = truth.table(t.id());
      assertThat(raw.rows().size()).isEqualTo(t.rows().size());
      for (int c = 0; c < t.valueColumns().size(); c++) {
        if (t.valueColumns().get(c).startsWith("share")) {
          continue; // shares follow their counts
        }
        for (int g = 0; g < t.totals().size(); g++) {
          List<Integer> group = groupRows(t, g);
          long hiddenTrue = 0;
          int hidden = 0;
          for (int i : group) {
            Value v = t.rows().get(i).values().get(c);
            if (v instanceof Value.Count n) {
              assertThat(n.value()).as("%s row %s", t.id(), t.rows().get(i).labels())
                  .matches(x -> x == 0 || x >= 5);
            } else if (v instanceof Value.Suppressed) {
              hidden++;
              hiddenTrue += ((Value.Count) raw.rows().get(i).values().get(c)).value();
            }
          }
          if (hidden > 0 && t.totals().get(g).values().get(c) instanceof Value.Count) {
            assertThat(hidden).as("%s column %s", t.id(), t.valueColumns().get(c)).isGreaterThanOrEqualTo(2);
            assertThat(hiddenTrue).as("%s column %s", t.id(), t.valueColumns().get(c)).isGreaterThanOrEqualTo(5);
          }
          checkedColumns++;
        }
      }
    }
    assertThat(checkedColumns).isGreaterThan(20);
    // The month's six requests split 3 / 2 / 1: every decision is hidden, the total of 6 is shown.
    assertThat(TransparencyReportTest.lines(published.table("requests-by-decision")))
        .containsExactly("PERMIT = suppressed", "DENY = suppressed", "REFER = suppressed", "total = 6");
    // The trend's current month is suppressed exactly as the month's own table.
    assertThat(published.table("mission-drift-trend").rows().subList(20, 24).stream().map(Table.Row::values).toList())
        .isEqualTo(published.table("mission-drift").rows().stream().map(Table.Row::values).toList());
  }

  /** The rows a totals row covers: all of them, or in the trend those of its month. */
  private static List<Integer> groupRows(Table t, int g) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < t.rows().size(); i++) {
      if (t.totals().size() == 1 || t.rows().get(i).labels().get(0).equals(t.totals().get(g).labels().get(0))) {
        rows.add(i);
      }
    }
    return rows;
  }
}
