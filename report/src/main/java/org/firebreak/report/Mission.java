package org.firebreak.report;

import java.util.Collection;
import org.firebreak.core.vocab.Purpose;

/**
 * What a request served, for the mission-drift figure: every request falls in exactly one class, decided by its
 * effective purposes (never the declared one alone) in this order, so that a request relabelled as
 * counter-terrorism but inferred to serve immigration enforcement counts as immigration enforcement.
 */
public enum Mission {
  /** Any effective purpose is civil or criminal immigration enforcement. */
  IMMIGRATION_ENFORCEMENT("immigration enforcement"),
  /** Otherwise, counter-terrorism is an effective purpose. */
  COUNTERTERRORISM("counter-terrorism"),
  /** Otherwise, the investigation of an ordinary crime: violent, property, narcotics, human trafficking. */
  ORDINARY_CRIME("ordinary crime"),
  /** Everything else: missing persons, exigent threats, traffic safety, civil and other purposes. */
  OTHER("other");

  private final String label;

  Mission(String label) {
    this.label = label;
  }

  /** How the report names the class. */
  public String label() {
    return label;
  }

  public static Mission of(Collection<Purpose> effectivePurposes) {
    if (effectivePurposes.stream().anyMatch(Purpose::isImmigration)) {
      return IMMIGRATION_ENFORCEMENT;
    }
    if (effectivePurposes.contains(Purpose.COUNTERTERRORISM)) {
      return COUNTERTERRORISM;
    }
    if (effectivePurposes.stream().anyMatch(Purpose::isCriminal)) {
      return ORDINARY_CRIME;
    }
    return OTHER;
  }
}
