package org.firebreak.detect;

import java.util.List;
import java.util.Optional;

/**
 * The statutes the detectors cite, by the state of the data's custodian. The texts, their status and what is
 * unconfirmed are in {@code ../shared/research/legal-landscape.md}; a state not listed has no law encoded here, and
 * its flags say so rather than cite something that does not apply.
 */
public final class Laws {
  private Laws() {
  }

  /** California SB 34: ALPR information goes only to California public agencies (1798.90.5(f), 1798.90.55(b)). */
  public static final String CA_ALPR_SHARING = "Cal. Civ. Code § 1798.90.55(b)";
  /** California SB 34: the access log must record who, when, what was queried and the purpose. */
  public static final String CA_ALPR_ACCESS_LOG = "Cal. Civ. Code § 1798.90.52";
  /** California SB 34: the usage and privacy policy (authorised purposes, monitoring for compliance). */
  public static final String CA_ALPR_POLICY = "Cal. Civ. Code § 1798.90.51";
  /** California Values Act (SB 54): no personnel or resources for immigration enforcement. */
  public static final String CA_VALUES_ACT = "Cal. Gov. Code § 7284.6(a)(1)";
  /** California Values Act: joint task forces only when immigration enforcement is not their purpose. */
  public static final String CA_TASK_FORCE = "Cal. Gov. Code § 7284.6(b)(3)";
  /** California Values Act: databases, including vendors', limited for immigration enforcement. */
  public static final String CA_DATABASES = "Cal. Gov. Code § 7284.8(b)";
  public static final String IL_TRUST_ACT = "5 ILCS 805/15";
  /** Illinois ALPR: no sharing for immigration; out-of-state agencies must sign a declaration first. */
  public static final String IL_ALPR = "625 ILCS 5/2-130";
  public static final String OR_SANCTUARY = "ORS 181A.820";
  public static final String OR_RESOURCES = "ORS 181A.826";
  public static final String WA_KEEP_WASHINGTON_WORKING = "RCW 10.93.160";
  public static final String CO_PII = "C.R.S. § 24-74-103";
  public static final String SECTION_287G = "8 U.S.C. § 1357(g)";

  // The lists below are answered on every row of a log: made once.
  private static final List<String> CA_IMMIGRATION = List.of(CA_VALUES_ACT, CA_DATABASES);
  private static final List<String> IL_IMMIGRATION = List.of(IL_TRUST_ACT, IL_ALPR);
  private static final List<String> OR_IMMIGRATION = List.of(OR_SANCTUARY, OR_RESOURCES);
  private static final List<String> WA_IMMIGRATION = List.of(WA_KEEP_WASHINGTON_WORKING);
  private static final List<String> CO_IMMIGRATION = List.of(CO_PII);
  private static final List<String> CA_SHARING = List.of(CA_ALPR_SHARING);
  private static final List<String> IL_OUT_OF_STATE = List.of(IL_ALPR);
  private static final List<String> IL_FEDERAL = List.of(IL_ALPR, IL_TRUST_ACT);
  private static final List<String> CA_LOGGING = List.of(CA_ALPR_ACCESS_LOG);
  private static final List<String> CA_POLICY = List.of(CA_ALPR_POLICY);

  /** Laws that forbid using the custodian's data or people for immigration enforcement. */
  public static List<String> immigrationUse(Optional<String> custodianJurisdiction) {
    return switch (state(custodianJurisdiction)) {
      case "US-CA" -> CA_IMMIGRATION;
      case "US-IL" -> IL_IMMIGRATION;
      case "US-OR" -> OR_IMMIGRATION;
      case "US-WA" -> WA_IMMIGRATION;
      case "US-CO" -> CO_IMMIGRATION;
      default -> List.of();
    };
  }

  /** Laws that restrict sharing the custodian's ALPR data outside the state. */
  public static List<String> outOfStateSharing(Optional<String> custodianJurisdiction) {
    return switch (state(custodianJurisdiction)) {
      case "US-CA" -> CA_SHARING;
      case "US-IL" -> IL_OUT_OF_STATE;
      default -> List.of();
    };
  }

  /** Laws that restrict federal agencies' access to the custodian's ALPR data. */
  public static List<String> federalSharing(Optional<String> custodianJurisdiction) {
    return switch (state(custodianJurisdiction)) {
      case "US-CA" -> CA_SHARING;
      case "US-IL" -> IL_FEDERAL;
      default -> List.of();
    };
  }

  /** Laws that require an ALPR access to be logged with its purpose. */
  public static List<String> accessLogging(Optional<String> custodianJurisdiction) {
    return "US-CA".equals(state(custodianJurisdiction)) ? CA_LOGGING : List.of();
  }

  /** Laws on the ALPR usage policy an unusual search or volume should be checked against. */
  public static List<String> usagePolicy(Optional<String> custodianJurisdiction) {
    return "US-CA".equals(state(custodianJurisdiction)) ? CA_POLICY : List.of();
  }

  /** A phrase for explanations: "California" style names are not needed, the code reads well enough. */
  public static String where(Optional<String> custodianJurisdiction) {
    return custodianJurisdiction.map(Jurisdictions::state).orElse("an unknown state");
  }

  private static String state(Optional<String> jurisdiction) {
    return jurisdiction.isPresent() ? Jurisdictions.state(jurisdiction.get()) : "";
  }
}
