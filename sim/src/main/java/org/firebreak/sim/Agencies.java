package org.firebreak.sim;

import java.util.ArrayList;
import java.util.List;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Component;
import org.firebreak.core.vocab.TaskForce;

/**
 * Who is in the story: the city of Costa Verde (a California sanctuary city) and its county, the state fusion
 * center, neighbouring states' police, and the federal agencies; and the people of each who use Firebreak.
 */
public final class Agencies {
  public static final String CITY = "Costa Verde";
  public static final String CITY_JURISDICTION = "US-CA-COSTA_VERDE";
  public static final String COUNTY_JURISDICTION = "US-CA-VERDE_COUNTY";

  public static final String CVPD = "cvpd";
  public static final String SHERIFF = "vcso";
  public static final String CHP = "chp";
  public static final String FUSION_CENTER = "cal-stac";
  public static final String DMV = "ca-dmv";
  public static final String SCHOOLS = "cvusd";
  public static final String UTILITIES = "cv-utilities";
  public static final String OVERSIGHT = "cv-privacy";
  public static final String TEXAS_DPS = "tx-dps";
  public static final String ARIZONA_DPS = "az-dps";
  public static final String PHOENIX_PD = "phoenix-pd";
  public static final String FBI = "fbi-sf";
  public static final String ICE_ERO = "ice-ero-sf";
  public static final String ICE_HSI = "ice-hsi-sf";
  public static final String CBP = "cbp-sfo";
  public static final String USBP = "usbp-elc";

  private Agencies() {}

  static List<Agency> all() {
    return List.of(
        agency(CVPD, "Costa Verde Police Department", AgencyLevel.LOCAL, Component.POLICE, CITY_JURISDICTION),
        agency(SHERIFF, "Verde County Sheriff's Office", AgencyLevel.LOCAL, Component.SHERIFF, COUNTY_JURISDICTION),
        agency(CHP, "California Highway Patrol", AgencyLevel.STATE, Component.STATE_POLICE, "US-CA"),
        agency(FUSION_CENTER, "California State Threat Assessment Center", AgencyLevel.STATE,
            Component.FUSION_CENTER, "US-CA"),
        agency(DMV, "California Department of Motor Vehicles", AgencyLevel.STATE, Component.DMV, "US-CA"),
        agency(SCHOOLS, "Costa Verde Unified School District", AgencyLevel.LOCAL, Component.SCHOOL_DISTRICT,
            CITY_JURISDICTION),
        agency(UTILITIES, "Costa Verde Public Utilities", AgencyLevel.LOCAL, Component.UTILITY, CITY_JURISDICTION),
        agency(OVERSIGHT, "Costa Verde Privacy Office", AgencyLevel.LOCAL, Component.OTHER, CITY_JURISDICTION),
        agency(TEXAS_DPS, "Texas Department of Public Safety", AgencyLevel.STATE, Component.STATE_POLICE, "US-TX"),
        agency(ARIZONA_DPS, "Arizona Department of Public Safety", AgencyLevel.STATE, Component.STATE_POLICE,
            "US-AZ"),
        agency(PHOENIX_PD, "Phoenix Police Department", AgencyLevel.LOCAL, Component.POLICE, "US-AZ-PHOENIX"),
        agency(FBI, "FBI San Francisco Field Office (Joint Terrorism Task Force)", AgencyLevel.FEDERAL,
            Component.FBI, "US"),
        agency(ICE_ERO, "ICE Enforcement and Removal Operations, San Francisco", AgencyLevel.FEDERAL,
            Component.ICE_ERO, "US"),
        agency(ICE_HSI, "ICE Homeland Security Investigations, San Francisco", AgencyLevel.FEDERAL,
            Component.ICE_HSI, "US"),
        agency(CBP, "U.S. Customs and Border Protection, San Francisco Field Office", AgencyLevel.FEDERAL,
            Component.CBP, "US"),
        agency(USBP, "U.S. Border Patrol, El Centro Sector", AgencyLevel.FEDERAL, Component.USBP, "US"));
  }

  static List<Member> members() {
    List<Member> m = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      m.add(requester("cvpd-det-" + i, CVPD));
    }
    m.add(new Member("cvpd-tfo-jttf", CVPD, "REQUESTER", List.of(TaskForce.JTTF)));
    m.add(new Member("cvpd-tfo-hsi", CVPD, "REQUESTER", List.of(TaskForce.HSI_TASK_FORCE)));
    for (int i = 1; i <= 3; i++) {
      m.add(requester("vcso-dep-" + i, SHERIFF));
    }
    m.add(new Member("vcso-tfo-hsi", SHERIFF, "REQUESTER", List.of(TaskForce.HSI_TASK_FORCE)));
    m.add(requester("chp-off-1", CHP));
    m.add(requester("chp-off-2", CHP));
    for (int i = 1; i <= 3; i++) {
      m.add(requester("stac-analyst-" + i, FUSION_CENTER));
    }
    m.add(requester("txdps-1", TEXAS_DPS));
    m.add(requester("azdps-1", ARIZONA_DPS));
    m.add(requester("phx-1", PHOENIX_PD));
    m.add(new Member("fbi-sa-1", FBI, "REQUESTER", List.of(TaskForce.JTTF)));
    m.add(new Member("fbi-sa-2", FBI, "REQUESTER", List.of(TaskForce.JTTF)));
    for (int i = 1; i <= 3; i++) {
      m.add(requester("ero-officer-" + i, ICE_ERO));
    }
    m.add(requester("hsi-agent-1", ICE_HSI));
    m.add(requester("hsi-agent-2", ICE_HSI));
    m.add(requester("cbp-officer-1", CBP));
    m.add(requester("usbp-agent-1", USBP));
    m.add(custodian("cvpd-records", CVPD));
    m.add(custodian("vcso-jail", SHERIFF));
    m.add(custodian("stac-custodian", FUSION_CENTER));
    m.add(custodian("dmv-custodian", DMV));
    m.add(custodian("cvusd-custodian", SCHOOLS));
    m.add(custodian("utilities-custodian", UTILITIES));
    m.add(new Member("privacy-auditor", OVERSIGHT, "AUDITOR", List.of()));
    return List.copyOf(m);
  }

  private static Member requester(String id, String agency) {
    return new Member(id, agency, "REQUESTER", List.of());
  }

  private static Member custodian(String id, String agency) {
    return new Member(id, agency, "CUSTODIAN", List.of());
  }

  private static Agency agency(String id, String name, AgencyLevel level, Component component, String jurisdiction) {
    return new Agency(id, name, level, component, new Jurisdiction(jurisdiction));
  }
}
