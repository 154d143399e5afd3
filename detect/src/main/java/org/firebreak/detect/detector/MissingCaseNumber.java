package org.firebreak.detect.detector;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.firebreak.detect.AuditEvent;
import org.firebreak.detect.Detector;
import org.firebreak.detect.Flag;
import org.firebreak.detect.Laws;
import org.firebreak.detect.ScreenedEvent;
import org.firebreak.detect.Severity;

/**
 * {@code missing-case-number}: nothing ties the search to a case: no case-number cell, or an empty one, and no case
 * or incident number in the reason ("26-01628", "SO25-001234", "case #4411", five or more digits). Always LOW: a
 * transparency portal may publish less than the log holds, so a row without a reason is not proof that none was
 * recorded.
 */
public final class MissingCaseNumber implements Detector {
  public static final String ID = "missing-case-number";
  /** A case or incident number written in a reason. */
  static final Pattern CASE_NUMBER = Pattern.compile(
      "(?<![\\p{L}\\p{N}])(?:\\p{L}{1,4}[-#]?)?\\d{2,4}-\\d{3,}(?!\\p{N})"
          + "|(?<!\\p{N})\\d{5,}(?!\\p{N})"
          + "|(?<![\\p{L}\\p{N}])(?:case|incident|inc|cr|rpt|report|dr|event)\\s*(?:no\\.?|num(?:ber)?|#)?\\s*[:#]?\\s*"
          + "\\p{L}{0,3}\\d{3,}",
      Pattern.CASE_INSENSITIVE);

  private final java.util.Map<String, String> explanations = new java.util.HashMap<>();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void observe(ScreenedEvent s, Consumer<Flag> flags) {
    AuditEvent e = s.event();
    if (e.caseNumber().isPresent() || hasCaseNumber(e.reason())) {
      return;
    }
    boolean noPurpose = e.reason().isBlank() && e.offenseType().isEmpty();
    String what = noPurpose ? "the log shows no reason, offence type or case number for this search"
        : explanation(e.reason().isBlank() ? e.offenseType().orElse("") : e.reason());
    List<String> citations = Laws.accessLogging(e.custodianJurisdiction());
    flags.accept(Flag.of(e, ID, Severity.LOW, what, citations));
  }

  /** Reasons repeat on most rows of a log ("investigation"): each one's explanation is built once. */
  private String explanation(String reason) {
    String known = explanations.get(reason);
    if (known != null) {
      return known;
    }
    String what = "no case number: reason " + Texts.quote(reason) + " names no case or incident";
    if (explanations.size() < Texts.CACHE) {
      explanations.put(reason, what);
    }
    return what;
  }

  static boolean hasCaseNumber(String reason) {
    if (reason.isEmpty()) {
      return false;
    }
    boolean digits = false;
    for (int i = 0; i < reason.length() && !digits; i++) {
      digits = Character.isDigit(reason.charAt(i));
    }
    return digits && CASE_NUMBER.matcher(reason).find(); // most reasons have no digit: no regex
  }
}
