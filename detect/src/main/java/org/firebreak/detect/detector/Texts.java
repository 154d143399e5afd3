package org.firebreak.detect.detector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.firebreak.detect.Laws;
import org.firebreak.detect.Screening;
import org.firebreak.policy.ImmigrationTextClassifier.Signal;

/** Phrases the detectors' explanations share. */
final class Texts {
  /** How many explanations a detector remembers (one run: names and reasons repeat on most rows of a log). */
  static final int CACHE = 10_000;

  /** Said of a flag on a request that carries judicial process (why it is LOW). */
  static final String JUDICIAL_NOTE = "; it carries judicial process, the exception these laws make: LOW, for the"
      + " process to be checked";

  private Texts() {
  }

  /** A cell quoted for an explanation, on one line and at most 80 characters. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), 80) + 2).append('"');
    boolean space = false;
    for (int i = 0; i < s.length() && sb.length() <= 81; i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        space = sb.length() > 1;
      } else {
        if (space) {
          sb.append(' ');
          space = false;
        }
        sb.append(c);
      }
    }
    if (sb.length() > 81) {
      sb.setLength(78);
      sb.append("...");
    }
    return sb.append('"').toString();
  }

  /** 6601 -> "6,601" (no formatter: a flag is built on many rows). */
  static String thousands(long n) {
    String digits = Long.toString(n);
    StringBuilder sb = new StringBuilder(digits.length() + 6);
    int start = n < 0 ? 1 : 0;
    sb.append(digits, 0, start);
    for (int i = start; i < digits.length(); i++) {
      if (i > start && (digits.length() - i) % 3 == 0) {
        sb.append(',');
      }
      sb.append(digits.charAt(i));
    }
    return sb.toString();
  }

  /** What the signals say, each once: "names ICE (an immigration authority); cites ICE form I-200 (...)". */
  static String explain(Screening screening, List<Signal> signals) {
    Set<String> parts = new LinkedHashSet<>();
    for (Signal s : signals) {
      parts.add(screening.explain(s));
    }
    return String.join("; ", parts);
  }

  /** The citations, or a note that no law is encoded for the custodian's state. */
  static String noLawNote(List<String> citations, Optional<String> custodianJurisdiction) {
    return citations.isEmpty() ? " (no state law restricting this is encoded for " + Laws.where(custodianJurisdiction)
        + "; listed for review)" : "";
  }

  @SafeVarargs
  static List<String> union(List<String>... lists) {
    Set<String> all = new LinkedHashSet<>();
    for (List<String> l : lists) {
      all.addAll(l);
    }
    return new ArrayList<>(all);
  }
}
