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

  /** Reasons repeat on most rows of a log ("investigation"): each is read, and its sentence made, once. */
  private final java.util.Map<String, Reading> reasons = new java.util.HashMap<>();
  /** The same for offence types (read for no case number: they are categories). */
  private final java.util.Map<String, Reading> offenseTypes = new java.util.HashMap<>();

  /** What a reason says: whether it names a case, and the sentence of a flag when it does not. */
  private record Reading(boolean hasCase, String explanation) {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void observe(ScreenedEvent s, Consumer<Flag> flags) {
    AuditEvent e = s.event();
    if (e.caseNumber().isPresent()) {
      return;
    }
    String what;
    if (e.reason().isBlank()) {
      what = e.offenseType().isEmpty() ? "the log shows no reason, offence type or case number for this search"
          : reading(e.offenseType().get(), false).explanation();
    } else {
      Reading r = reading(e.reason(), true);
      if (r.hasCase()) {
        return;
      }
      what = r.explanation();
    }
    // the access-log law cited is SB 34's, about ALPR data
    List<String> citations = OutOfState.mayBeAlpr(e) ? Laws.accessLogging(e.custodianJurisdiction()) : List.of();
    flags.accept(Flag.of(e, ID, Severity.LOW, what, citations));
  }

  /** @param reason whether the text is a reason to look for a case number in (an offence type is not) */
  private Reading reading(String text, boolean reason) {
    java.util.Map<String, Reading> known = reason ? reasons : offenseTypes;
    Reading r = known.get(text);
    if (r == null) {
      r = new Reading(reason && hasCaseNumber(text), "no case number: reason " + Texts.quote(text)
          + " names no case or incident");
      if (known.size() < Texts.CACHE) {
        known.put(text, r);
      }
    }
    return r;
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
