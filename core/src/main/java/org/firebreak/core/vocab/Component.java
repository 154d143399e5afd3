package org.firebreak.core.vocab;

import java.util.EnumSet;
import java.util.Set;

/** Agency {@code component}: what kind of body an agency is. */
public enum Component {
  ICE_ERO, ICE_HSI, CBP, USBP, USCIS, DHS_OTHER, FBI, DEA, ATF, USMS, FEDERAL_OTHER, 
  STATE_POLICE, POLICE, SHERIFF, FUSION_CENTER, PROSECUTOR, CORRECTIONS, DMV, SCHOOL_DISTRICT, 
  UTILITY, OTHER;

  private static final Set<Component> IMMIGRATION_AUTHORITIES = EnumSet.of(ICE_ERO, ICE_HSI, CBP, USBP, USCIS);

  // Law enforcement for the purpose of criminal-intelligence dissemination (28 CFR 23.20(e)) and the baseline
  // agreement. Immigration authorities other than HSI are not listed: their function is civil enforcement.
  private static final Set<Component> LAW_ENFORCEMENT = EnumSet.of(
      STATE_POLICE, POLICE, SHERIFF, FUSION_CENTER, PROSECUTOR, FBI, DEA, ATF, USMS, ICE_HSI, FEDERAL_OTHER);

  /** The immigration authorities of DESIGN.md: ICE_ERO, ICE_HSI, CBP, USBP, USCIS. */
  public boolean isImmigrationAuthority() {
    return IMMIGRATION_AUTHORITIES.contains(this);
  }

  /** Criminal law-enforcement bodies (the baseline agreement's list). */
  public boolean isLawEnforcement() {
    return LAW_ENFORCEMENT.contains(this);
  }
}
