package org.firebreak.sim;

/**
 * The ways around a sanctuary law that the S.T.O.P. report ("Deportation Data Centers", 2024) and the vendor audits
 * in legal-landscape.md §§ 15–16 document, each with the statute that closes it. A scenario request labelled with a
 * side door is unlawful: see {@link Law} for the test each label comes from.
 */
public enum SideDoor {
  ICE_ADMINISTRATIVE_WARRANT("ICE asks directly with an administrative warrant (I-200, I-205)",
      "Cal. Gov. Code § 7284.6(a)(1)(D); Educ. Code § 234.7"),
  ICE_DETAINER("ICE asks for a release date with a detainer (I-247A)", "Cal. Gov. Code § 7284.6(a)(1)(C)"),
  ICE_ADMINISTRATIVE_SUBPOENA("ICE serves an administrative subpoena (I-138)", "Cal. Gov. Code § 7284.6(a)(1)(D)"),
  ICE_RELABELLED_PURPOSE("ICE or CBP relabels an immigration request as counterterrorism or crime",
      "Cal. Gov. Code § 7284.6(a)(1)(D); Civ. Code § 1798.90.55(b)"),
  RELAY_ON_BEHALF_OF("a local officer relays for ICE, onBehalfOf filled in",
      "Cal. Gov. Code § 7284.6(a)(1)(D); Civ. Code § 1798.90.55(b)"),
  RELAY_UNDECLARED("a local officer relays for ICE, onBehalfOf empty, the reason typed names ICE",
      "Cal. Gov. Code § 7284.6(a)(1)(D); Civ. Code § 1798.90.55(b)"),
  TASK_FORCE_IMMIGRATION("a local officer on an HSI task force works an immigration case",
      "Cal. Gov. Code § 7284.6(a)(1)(D), (b)(3)"),
  OUT_OF_STATE_ALPR("an out-of-state agency asks for California plate reads", "Cal. Civ. Code § 1798.90.55(b)"),
  FEDERAL_ALPR("a federal agency asks for California plate reads", "Cal. Civ. Code § 1798.90.55(b)"),
  FUSION_RFI_FOR_IMMIGRATION("a fusion-center analyst answers ICE's request for information",
      "Cal. Gov. Code § 7284.6(a)(1)(D); Civ. Code § 1798.90.55(b)"),
  FUSION_RFI_OUT_OF_STATE("a fusion-center analyst answers an out-of-state agency's RFI for plate reads",
      "Cal. Civ. Code § 1798.90.55(b)"),
  THIN_PREDICATE_INTELLIGENCE("counterterrorism intelligence without a criminal predicate",
      "28 CFR § 23.20(a), (b), (c)"),
  BULK_FISHING("bulk queries with no subject: a ZIP code, a camera", "28 CFR § 23.20(a); Cal. Gov. Code § 7284.6(a)(1)(D); Civ. Code § 1798.90.55(b)");

  private final String description;
  private final String closedBy;

  SideDoor(String description, String closedBy) {
    this.description = description;
    this.closedBy = closedBy;
  }

  public String description() {
    return description;
  }

  /** The statutes that make it unlawful (the label's basis, not the engine's rules). */
  public String closedBy() {
    return closedBy;
  }
}
