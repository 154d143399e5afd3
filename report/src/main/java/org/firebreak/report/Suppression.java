package org.firebreak.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Small-cell suppression with complementary suppression, applied to one column of one group of cells that has a
 * published total (report/README.md, "Suppression").
 *
 * <ol>
 *   <li>If the total is between 1 and {@code threshold - 1}, the total and every non-zero cell are suppressed.</li>
 *   <li>Primary: every cell with {@code 0 < n < threshold} is suppressed, and so is every cell the caller says
 *       must follow another column's suppression.</li>
 *   <li>Complementary: while fewer than two cells are suppressed, or the suppressed cells add up to less than the
 *       threshold, the smallest shown non-zero cell (then the first zero cell) is suppressed too. Subtracting the
 *       shown cells from the total then yields only the sum of at least two suppressed cells, a sum of at least
 *       the threshold, never one small cell.</li>
 *   <li>If no cell is left to add, the total is suppressed as well.</li>
 * </ol>
 * Zero cells are shown: a zero is not a person. Ties are broken by row order, so the result is deterministic and a
 * verifier recomputes exactly the same pattern.
 */
public final class Suppression {
  private Suppression() {}

  /** The published cells and total. */
  public record Result(List<Value> cells, Value total) {
    public Result {
      cells = List.copyOf(cells);
      java.util.Objects.requireNonNull(total, "total");
    }

    /** Indexes of the suppressed cells. */
    public Set<Integer> suppressed() {
      Set<Integer> s = new TreeSet<>();
      for (int i = 0; i < cells.size(); i++) {
        if (cells.get(i) instanceof Value.Suppressed) {
          s.add(i);
        }
      }
      return s;
    }
  }

  public static Result apply(List<Long> cells, long total, int threshold) {
    return apply(cells, total, threshold, Set.of());
  }

  /** As {@link #apply(List, long, int)}, also suppressing the cells at {@code follow}. */
  public static Result apply(List<Long> cells, long total, int threshold, Set<Integer> follow) {
    if (threshold < 1) {
      throw new IllegalArgumentException("the threshold must be at least 1");
    }
    int n = cells.size();
    boolean[] hide = new boolean[n];
    boolean hideTotal = false;
    if (total > 0 && total < threshold) {
      hideTotal = true;
      for (int i = 0; i < n; i++) {
        hide[i] = cells.get(i) > 0;
      }
    } else {
      for (int i = 0; i < n; i++) {
        long v = cells.get(i);
        hide[i] = (v > 0 && v < threshold) || follow.contains(i);
      }
      if (IntStream.range(0, n).anyMatch(i -> hide[i])) {
        List<Integer> candidates = new ArrayList<>(IntStream.range(0, n).filter(i -> !hide[i]).boxed().toList());
        // Smallest non-zero cell first (it costs the reader least), zeros last, row order among equals.
        candidates.sort(Comparator.<Integer>comparingInt(i -> cells.get(i) > 0 ? 0 : 1)
            .thenComparingLong(cells::get).thenComparingInt(i -> i));
        int next = 0;
        while (count(hide) < 2 || sum(hide, cells) < threshold) {
          if (next == candidates.size()) {
            hideTotal = true;
            break;
          }
          hide[candidates.get(next++)] = true;
        }
      }
    }
    List<Value> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(hide[i] ? new Value.Suppressed() : new Value.Count(cells.get(i)));
    }
    return new Result(out, hideTotal ? new Value.Suppressed() : new Value.Count(total));
  }

  private static int count(boolean[] hide) {
    int c = 0;
    for (boolean h : hide) {
      c += h ? 1 : 0;
    }
    return c;
  }

  private static long sum(boolean[] hide, List<Long> cells) {
    long s = 0;
    for (int i = 0; i < hide.length; i++) {
      s += hide[i] ? cells.get(i) : 0;
    }
    return s;
  }
}
