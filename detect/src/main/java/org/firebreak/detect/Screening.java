package org.firebreak.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.firebreak.policy.ImmigrationTextClassifier;
import org.firebreak.policy.ImmigrationTextClassifier.Kind;
import org.firebreak.policy.ImmigrationTextClassifier.Signal;

/**
 * Reads an event's words once for all detectors, with the classifier shared with the policy engine: the reason's
 * immigration signals, and whether the requester's organisation or {@code onBehalfOf} names an immigration authority
 * ("[Federal] U.S. Immigration and Customs Enforcement", "Homeland Security Investigations", "Border Patrol", ...).
 *
 * <p>One instance per run (not thread-safe): organisation names and reasons repeat on almost every row of a log, so
 * their reading is remembered, up to {@link #NAME_CACHE} of each.
 */
public final class Screening {
  private static final int NAME_CACHE = 100_000;

  private final ImmigrationTextClassifier classifier;
  private final Map<String, Name> names = new HashMap<>();
  private final Map<String, List<Signal>> reasons = new HashMap<>();

  /** What an organisation's name says: the classifier's signals, and the immigration authority they name if any. */
  private record Name(List<Signal> signals, Optional<ScreenedEvent.Authority> authority) {}

  public Screening(ImmigrationTextClassifier classifier) {
    this.classifier = Objects.requireNonNull(classifier, "classifier");
  }

  public ScreenedEvent screen(AuditEvent e) {
    List<Signal> signals = e.reason().isEmpty() ? List.of() : reasonSignals(e.reason());
    Name org = e.organization().isPresent() ? name(e.organization().get()) : null;
    Optional<ScreenedEvent.Authority> requester;
    if (e.component().isPresent() && e.component().get().isImmigrationAuthority()) {
      String c = e.component().get().name();
      requester = Optional.of(new ScreenedEvent.Authority(e.organization().orElse(c), "component " + c));
    } else {
      requester = org == null ? Optional.empty() : org.authority();
    }
    Optional<ScreenedEvent.Authority> onBehalfOf = e.onBehalfOf().isPresent() ? authority(e.onBehalfOf().get())
        : Optional.empty();
    return new ScreenedEvent(e, signals, org == null ? List.of() : org.signals(), requester, onBehalfOf);
  }

  /** The classifier's signals in a reason, remembered: most rows of a log repeat a few reasons. */
  private List<Signal> reasonSignals(String reason) {
    List<Signal> known = reasons.get(reason);
    if (known != null) {
      return known;
    }
    List<Signal> found = classifier.signals(reason);
    if (reasons.size() < NAME_CACHE) {
      reasons.put(reason, found);
    }
    return found;
  }

  /** The immigration authority an organisation's name names, if it names one. */
  public Optional<ScreenedEvent.Authority> authority(String name) {
    return name(name).authority();
  }

  /** The classifier's signals in an organisation's name, remembered. */
  public List<Signal> nameSignals(String name) {
    return name(name).signals();
  }

  /** An organisation's name read once (organisations repeat on almost every row of a log). */
  private Name name(String name) {
    Name known = names.get(name);
    if (known != null) {
      return known;
    }
    List<Signal> signals = classifier.signals(name);
    Optional<ScreenedEvent.Authority> authority = Optional.empty();
    for (Signal s : signals) {
      if (s.kind() == Kind.AGENCY) {
        authority = Optional.of(new ScreenedEvent.Authority(name, classifier.explain(s)));
        break;
      }
    }
    Name read = new Name(signals, authority);
    if (names.size() < NAME_CACHE) {
      names.put(name, read);
    }
    return read;
  }

  /** The classifier's explanation of one signal. */
  public String explain(Signal s) {
    return classifier.explain(s);
  }

  /** The classifier's signals in any text (an organisation's name, a reason). */
  public List<Signal> signals(String text) {
    return classifier.signals(text);
  }
}
