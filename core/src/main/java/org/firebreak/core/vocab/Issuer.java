package org.firebreak.core.vocab;

/** Who issued a legal process. */
public enum Issuer {
  ARTICLE_III_JUDGE, STATE_JUDGE, MAGISTRATE, GRAND_JURY, AGENCY_OFFICER;
}
