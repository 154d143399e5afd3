package org.firebreak.sim;

import java.util.Optional;

/**
 * The kinds of request in the month, with how often each comes (per thousand). The lawful ones are ordinary police
 * and counter-terrorism work; each of the others tries a {@link SideDoor}. Whether a request is lawful is not taken
 * from here: {@link Law} decides it from the request's facts.
 */
public enum Story {
  LOCAL_INVESTIGATION(300, null, "local police investigate a crime with a case number"),
  MISSING_PERSON(30, null, "local or state police look for a missing person"),
  LOCAL_NO_CASE_NUMBER(15, null, "local police investigate a crime but type no case number"),
  EXIGENT_SOURCE_DOCUMENTS(15, null, "police need DMV source documents for an urgent threat"),
  COUNTERTERRORISM_PREDICATED(50, null, "the FBI's JTTF works a terrorism case with a criminal predicate"),
  TASK_FORCE_JTTF(30, null, "a local officer on the JTTF works a terrorism case"),
  HSI_JUDICIAL_WARRANT(20, null, "HSI investigates human trafficking with a judicial warrant"),
  FUSION_RFI_PARTNER(50, null, "a fusion-center analyst answers a partner police agency's RFI"),
  STATUS_ONLY(60, null, "ICE or CBP asks for immigration status only (8 U.S.C. 1373)"),
  ICE_ADMINISTRATIVE_WARRANT(50, SideDoor.ICE_ADMINISTRATIVE_WARRANT, SideDoor.ICE_ADMINISTRATIVE_WARRANT.description()),
  ICE_DETAINER(40, SideDoor.ICE_DETAINER, SideDoor.ICE_DETAINER.description()),
  ICE_ADMINISTRATIVE_SUBPOENA(20, SideDoor.ICE_ADMINISTRATIVE_SUBPOENA,
      SideDoor.ICE_ADMINISTRATIVE_SUBPOENA.description()),
  ICE_RELABELLED_PURPOSE(50, SideDoor.ICE_RELABELLED_PURPOSE, SideDoor.ICE_RELABELLED_PURPOSE.description()),
  RELAY_ON_BEHALF_OF(40, SideDoor.RELAY_ON_BEHALF_OF, SideDoor.RELAY_ON_BEHALF_OF.description()),
  RELAY_UNDECLARED(40, SideDoor.RELAY_UNDECLARED, SideDoor.RELAY_UNDECLARED.description()),
  TASK_FORCE_IMMIGRATION(30, SideDoor.TASK_FORCE_IMMIGRATION, SideDoor.TASK_FORCE_IMMIGRATION.description()),
  OUT_OF_STATE_ALPR(40, SideDoor.OUT_OF_STATE_ALPR, SideDoor.OUT_OF_STATE_ALPR.description()),
  FEDERAL_ALPR(20, SideDoor.FEDERAL_ALPR, SideDoor.FEDERAL_ALPR.description()),
  FUSION_RFI_FOR_IMMIGRATION(30, SideDoor.FUSION_RFI_FOR_IMMIGRATION, SideDoor.FUSION_RFI_FOR_IMMIGRATION.description()),
  FUSION_RFI_OUT_OF_STATE(20, SideDoor.FUSION_RFI_OUT_OF_STATE, SideDoor.FUSION_RFI_OUT_OF_STATE.description()),
  THIN_PREDICATE_INTELLIGENCE(20, SideDoor.THIN_PREDICATE_INTELLIGENCE,
      SideDoor.THIN_PREDICATE_INTELLIGENCE.description()),
  BULK_FISHING(20, SideDoor.BULK_FISHING, SideDoor.BULK_FISHING.description());

  private final int perThousand;
  private final SideDoor sideDoor;
  private final String description;

  Story(int perThousand, SideDoor sideDoor, String description) {
    this.perThousand = perThousand;
    this.sideDoor = sideDoor;
    this.description = description;
  }

  public int perThousand() {
    return perThousand;
  }

  /** The side door the story tries, if any. */
  public Optional<SideDoor> sideDoor() {
    return Optional.ofNullable(sideDoor);
  }

  public String description() {
    return description;
  }
}
