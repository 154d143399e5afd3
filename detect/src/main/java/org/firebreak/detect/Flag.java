package org.firebreak.detect;

import java.util.List;
import java.util.Objects;

/**
 * One finding: the event it is about, the detector that raised it, how serious it is, why (in words a reader of the
 * audit log can check against the row), the events that show it (the flagged one first) and the law it concerns.
 *
 * @param requester who made the flagged access, as the log names them (organisation, else user)
 * @param source where the flagged event was read (file and line), so a reader can find the row
 */
public record Flag(String eventId, String detector, Severity severity, String explanation, List<String> evidence,
    List<String> citations, String requester, Location source) {
  public Flag {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(explanation, "explanation");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(source, "source");
    evidence = List.copyOf(evidence);
    citations = List.copyOf(citations);
    if (eventId.isBlank() || detector.isBlank() || explanation.isBlank()) {
      throw new IllegalArgumentException("eventId, detector and explanation must not be blank");
    }
    if (evidence.isEmpty() || !evidence.get(0).equals(eventId)) {
      throw new IllegalArgumentException("evidence must start with the flagged event " + eventId);
    }
  }

  /** A flag whose only evidence is the event itself. */
  public static Flag of(AuditEvent event, String detector, Severity severity, String explanation,
      List<String> citations) {
    return new Flag(event.id(), detector, severity, explanation, List.of(event.id()), citations,
        event.requesterName(), event.location());
  }
}
