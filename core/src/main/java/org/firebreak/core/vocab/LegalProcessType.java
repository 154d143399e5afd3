package org.firebreak.core.vocab;

/**
 * The type of legal process a request carries. ICE forms I-200/I-203/I-205 are ADMINISTRATIVE_WARRANT, I-247A is
 * DETAINER, I-138 is ADMINISTRATIVE_SUBPOENA: never judicial, whatever the word "warrant" says
 * (legal-landscape.md § 0.1).
 */
public enum LegalProcessType {
  NONE(false, false), 
  DETAINER(false, true), 
  ADMINISTRATIVE_WARRANT(false, true), 
  ADMINISTRATIVE_SUBPOENA(false, false), 
  NCIC_IMMIGRATION_HIT(false, true), 
  JUDICIAL_WARRANT(true, false), 
  JUDICIAL_SUBPOENA(true, false), 
  GRAND_JURY_SUBPOENA(true, false), 
  COURT_ORDER(true, false);

  private final boolean judicial;
  private final boolean impliesCivilImmigration;

  LegalProcessType(boolean judicial, boolean impliesCivilImmigration) {
    this.judicial = judicial;
    this.impliesCivilImmigration = impliesCivilImmigration;
  }

  /** Issued by a court, judge or grand jury: the kind of process sanctuary laws accept as an override. */
  public boolean isJudicial() {
    return judicial;
  }

  /**
   * Process that exists only to enforce civil immigration law (DESIGN.md, effective purposes). An administrative
   * subpoena (I-138) is not in this set: DHS also issues them in customs and criminal matters.
   */
  public boolean impliesCivilImmigration() {
    return impliesCivilImmigration;
  }
}
