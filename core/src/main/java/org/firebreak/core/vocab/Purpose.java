package org.firebreak.core.vocab;

/** Purpose declared by a requester, and the effective purposes the evaluator infers. */
public enum Purpose {
  CIVIL_IMMIGRATION_ENFORCEMENT, CRIMINAL_IMMIGRATION, COUNTERTERRORISM, VIOLENT_CRIME, PROPERTY_CRIME, NARCOTICS, 
  HUMAN_TRAFFICKING, MISSING_PERSON, EXIGENT_THREAT, TRAFFIC_SAFETY, CIVIL_OTHER, OTHER;

  /**
   * Immigration enforcement as Cal. Gov. Code 7284.4(f) defines it: civil immigration law, and criminal immigration
   * law penalising presence, entry, re-entry or employment (8 U.S.C. 1325/1326).
   */
  public boolean isImmigration() {
    return this == CIVIL_IMMIGRATION_ENFORCEMENT || this == CRIMINAL_IMMIGRATION;
  }

  /** Investigation of a crime other than an immigration crime. */
  public boolean isCriminal() {
    return switch (this) {
      case COUNTERTERRORISM, VIOLENT_CRIME, PROPERTY_CRIME, NARCOTICS, HUMAN_TRAFFICKING -> true;
      default -> false;
    };
  }
}
