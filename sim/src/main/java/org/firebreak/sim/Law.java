package org.firebreak.sim;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Component;
import org.firebreak.core.vocab.LegalProcessType;
import org.firebreak.core.vocab.Purpose;
import org.firebreak.core.vocab.SourceKind;

/**
 * The ground-truth labels, written from the statutes (shared/research/legal-landscape.md) and applied to the
 * {@link Facts} of a request, not to what the request claims. This class deliberately shares no code with the
 * policy engine or the rule packs: it is the yardstick they are measured against.
 *
 * <p>Each test below names its law. A request is unlawful when, for some source it asks, a law protects a category
 * it asks for from these recipients for this real purpose:
 * <ol>
 *   <li><b>California Values Act</b>, Gov. Code § 7284.6(a)(1)(C) and (D): California law enforcement may not provide
 *       personal information (Civ. Code § 1798.3: name, address, photo, physical description, education, and other
 *       data that identifies or describes a person) or release dates for immigration enforcement, which § 7284.4(f)
 *       defines to include criminal immigration law (8 U.S.C. 1325/1326). Applies to data collected in California
 *       when the real purpose is immigration enforcement. Criminal history (§ 7284.6(b)(2)) and immigration status
 *       (§ 7284.6(e); 8 U.S.C. § 1373) are not protected by it.</li>
 *   <li><b>SB 34</b>, Civ. Code § 1798.90.55(b) with § 1798.90.5(f) and AG Bulletin 2023-DLE-06: California ALPR
 *       information goes only to a California public agency (the state, a city or county, or their agencies). Any
 *       federal or out-of-state recipient, asking directly or receiving through a relay, makes every field of the
 *       read protected. No warrant exception.</li>
 *   <li><b>SB 244</b>, Veh. Code § 12801.9: documents an applicant gave the DMV go out only on a subpoena for
 *       individual records in a criminal proceeding or a court order, or to law enforcement to address an urgent
 *       health or safety need (lawful, but only after someone checks the urgency: {@link Label#needsReview()}).</li>
 *   <li><b>AB 49</b>, Educ. Code § 234.7: nothing about a pupil or the pupil's family goes to an immigration
 *       authority, or for immigration enforcement, without a judicial warrant, judicial subpoena or court order.</li>
 *   <li><b>28 CFR Part 23</b>, § 23.20(a)–(e): criminal intelligence is kept and disseminated only on reasonable
 *       suspicion of criminal conduct (no predicate, no dissemination; § 23.20(b) bars files on political or
 *       associational activity that does not relate to crime), only to law-enforcement authorities with a need to know
 *       in a criminal investigation; civil immigration enforcement is not one.</li>
 *   <li><b>8 U.S.C. § 1373(a)–(b)</b>: citizenship or immigration-status information may always be exchanged with
 *       federal immigration authorities, so it is never protected from them.</li>
 * </ol>
 * Not modelled, because no scenario request needs them: FERPA (34 CFR § 99.31) for education records asked by local
 * police, and the DPPA (18 U.S.C. § 2721(b)(1)), which permits government use and so restricts nothing here.
 */
public final class Law {
  /** Civ. Code § 1798.3 personal information, as the city's sources categorise it, plus biometrics and plates. */
  static final Set<Category> PERSONAL_INFORMATION = EnumSet.of(Category.IDENTITY, Category.DMV_RECORD,
      Category.DMV_PHOTO, Category.DMV_SOURCE_DOCUMENTS, Category.BIOMETRIC_PHOTO, Category.BIOMETRIC_FACE_SEARCH,
      Category.ADDRESS_HOME, Category.ADDRESS_WORK, Category.CONTACT, Category.SCHEDULE, Category.ALPR_READ,
      Category.ALPR_HOTLIST, Category.EDUCATION_RECORD, Category.SCHOOL_INCIDENT_REPORT, Category.UTILITY_ACCOUNT,
      Category.PLACE_OF_BIRTH, Category.CRIMINAL_INTELLIGENCE, Category.ASSOCIATES);

  private static final Set<Component> IMMIGRATION_AUTHORITIES = EnumSet.of(Component.ICE_ERO, Component.ICE_HSI,
      Component.CBP, Component.USBP, Component.USCIS);
  /** Criminal law-enforcement authorities for 28 CFR § 23.20(e): not the civil immigration components. */
  private static final Set<Component> CRIMINAL_LAW_ENFORCEMENT = EnumSet.of(Component.POLICE, Component.SHERIFF,
      Component.STATE_POLICE, Component.FUSION_CENTER, Component.PROSECUTOR, Component.FBI, Component.DEA,
      Component.ATF, Component.USMS, Component.ICE_HSI);
  private static final Jurisdiction CALIFORNIA = new Jurisdiction("US-CA");

  private Law() {}

  /** The label of a request with these facts; {@code sideDoor} names the door when the law finds it unlawful. */
  public static Label judge(Facts facts, Optional<SideDoor> sideDoor) {
    Map<String, Set<Category>> protectedBySource = new LinkedHashMap<>();
    Set<String> statutes = new LinkedHashSet<>();
    boolean needsReview = false;
    boolean immigrationPurpose = facts.realPurpose() == Purpose.CIVIL_IMMIGRATION_ENFORCEMENT
        || facts.realPurpose() == Purpose.CRIMINAL_IMMIGRATION;
    boolean toImmigrationAuthority = facts.recipients().stream()
        .anyMatch(a -> IMMIGRATION_AUTHORITIES.contains(a.component()));
    for (Map.Entry<SourceSpec, List<Category>> e : facts.asked().entrySet()) {
      SourceSpec source = e.getKey();
      Set<Category> asked = EnumSet.copyOf(e.getValue());
      Set<Category> prot = EnumSet.noneOf(Category.class);
      boolean california = source.jurisdiction().within(CALIFORNIA);

      if (california && immigrationPurpose) { // Values Act
        prot.addAll(intersect(asked, PERSONAL_INFORMATION));
        if (asked.contains(Category.CUSTODY_RELEASE_DATE)) {
          prot.add(Category.CUSTODY_RELEASE_DATE);
          statutes.add("Cal. Gov. Code § 7284.6(a)(1)(C)");
        }
        statutes.add("Cal. Gov. Code § 7284.6(a)(1)(D)");
      }
      if (california && source.kind() == SourceKind.ALPR
          && facts.recipients().stream().anyMatch(a -> !isCaliforniaPublicAgency(a))) { // SB 34
        prot.addAll(asked);
        statutes.add("Cal. Civ. Code § 1798.90.55(b)");
      }
      if (california && source.kind() == SourceKind.DMV && asked.contains(Category.DMV_SOURCE_DOCUMENTS)) { // SB 244
        LegalProcessType p = facts.process();
        boolean criminalProceeding = facts.realPurpose().isCriminal() && facts.predicate();
        boolean process = p == LegalProcessType.COURT_ORDER || p == LegalProcessType.GRAND_JURY_SUBPOENA
            || (p == LegalProcessType.JUDICIAL_SUBPOENA && criminalProceeding);
        boolean urgentLawEnforcement = facts.urgent() && !immigrationPurpose
            && facts.recipients().stream().allMatch(a -> CRIMINAL_LAW_ENFORCEMENT.contains(a.component()));
        if (!process && urgentLawEnforcement) {
          needsReview = true;
        } else if (!process) {
          prot.add(Category.DMV_SOURCE_DOCUMENTS);
          statutes.add("Cal. Veh. Code § 12801.9 (SB 244)");
        }
      }
      if (california && source.kind() == SourceKind.SCHOOL && (toImmigrationAuthority || immigrationPurpose)
          && !EnumSet.of(LegalProcessType.JUDICIAL_WARRANT, LegalProcessType.JUDICIAL_SUBPOENA,
              LegalProcessType.COURT_ORDER).contains(facts.process())) { // AB 49
        prot.addAll(asked);
        statutes.add("Cal. Educ. Code § 234.7 (AB 49)");
      }
      if (source.kind() == SourceKind.CRIMINAL_INTELLIGENCE) { // 28 CFR Part 23
        boolean lawEnforcement = facts.recipients().stream()
            .allMatch(a -> CRIMINAL_LAW_ENFORCEMENT.contains(a.component()));
        if (!lawEnforcement || !facts.predicate() || immigrationPurpose || !facts.realPurpose().isCriminal()) {
          prot.addAll(asked);
          statutes.add("28 CFR § 23.20(a), (c), (e)");
        }
      }
      if (toImmigrationAuthority) { // 8 U.S.C. § 1373: the federal floor
        prot.remove(Category.IMMIGRATION_STATUS);
      }
      protectedBySource.put(source.id(), prot);
    }
    boolean lawful = protectedBySource.values().stream().allMatch(Set::isEmpty);
    if (lawful) {
      statutes.clear();
      if (toImmigrationAuthority) {
        statutes.add("8 U.S.C. § 1373(a)–(b)");
      }
      if (needsReview) {
        statutes.add("Cal. Veh. Code § 12801.9 (SB 244): urgent health or safety need");
      }
    }
    if (!lawful && sideDoor.isEmpty()) {
      throw new IllegalStateException("the law finds these facts unlawful but the story names no side door: " + facts);
    }
    return new Label(lawful, lawful ? Optional.empty() : sideDoor, protectedBySource, new ArrayList<>(statutes),
        needsReview);
  }

  /** Civ. Code § 1798.90.5(f): the state, a California city or county, or an agency of either. */
  static boolean isCaliforniaPublicAgency(Agency a) {
    return (a.level() == AgencyLevel.STATE || a.level() == AgencyLevel.LOCAL) && a.jurisdiction().within(CALIFORNIA);
  }

  private static Set<Category> intersect(Set<Category> a, Set<Category> b) {
    Set<Category> s = EnumSet.noneOf(Category.class);
    s.addAll(a);
    s.retainAll(b);
    return s;
  }
}
