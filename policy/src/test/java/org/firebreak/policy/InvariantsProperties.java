package org.firebreak.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.DecisionRequest;
import org.firebreak.core.model.DecisionResult;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.model.LegalProcess;
import org.firebreak.core.model.Requester;
import org.firebreak.core.model.SourceDecision;
import org.firebreak.core.model.SourceRef;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Component;
import org.firebreak.core.vocab.Decision;
import org.firebreak.core.vocab.Issuer;
import org.firebreak.core.vocab.LegalProcessType;
import org.firebreak.core.vocab.Purpose;
import org.firebreak.core.vocab.SourceKind;
import org.firebreak.core.vocab.TaskForce;
import org.firebreak.policy.pack.Pack;
import org.firebreak.policy.pack.PackSet;

/** Invariants of the issue, checked over generated requests against the shipped packs. */
class InvariantsProperties {
  private static final PackLibrary.Loaded SHIPPED = TestPacks.POLICY.library().shipped();
  private static final PolicyEngine ENGINE = TestPacks.POLICY.engine(SHIPPED);

  private static final List<Agency> AGENCIES = List.of(
      agency("ice-ero", AgencyLevel.FEDERAL, Component.ICE_ERO, "US"),
      agency("ice-hsi", AgencyLevel.FEDERAL, Component.ICE_HSI, "US"),
      agency("cbp", AgencyLevel.FEDERAL, Component.CBP, "US"),
      agency("usbp", AgencyLevel.FEDERAL, Component.USBP, "US"),
      agency("uscis", AgencyLevel.FEDERAL, Component.USCIS, "US"),
      agency("fbi", AgencyLevel.FEDERAL, Component.FBI, "US"),
      agency("dea", AgencyLevel.FEDERAL, Component.DEA, "US"),
      agency("sfpd", AgencyLevel.LOCAL, Component.POLICE, "US-CA-SF"),
      agency("lasd", AgencyLevel.LOCAL, Component.SHERIFF, "US-CA-LA"),
      agency("chp", AgencyLevel.STATE, Component.STATE_POLICE, "US-CA"),
      agency("stac", AgencyLevel.STATE, Component.FUSION_CENTER, "US-CA"),
      agency("sfda", AgencyLevel.LOCAL, Component.PROSECUTOR, "US-CA-SF"),
      agency("tx-dps", AgencyLevel.STATE, Component.STATE_POLICE, "US-TX"),
      agency("phx", AgencyLevel.LOCAL, Component.POLICE, "US-AZ"),
      agency("sfusd", AgencyLevel.LOCAL, Component.SCHOOL_DISTRICT, "US-CA-SF"));

  private static final List<SourceRef> SOURCES = List.of(
      src("ca-dmv", SourceKind.DMV, "US-CA", Category.IDENTITY, Category.DMV_RECORD, Category.DMV_PHOTO,
          Category.DMV_SOURCE_DOCUMENTS, Category.ADDRESS_HOME, Category.IMMIGRATION_STATUS, Category.PLACE_OF_BIRTH),
      src("sf-alpr", SourceKind.ALPR, "US-CA-SF", Category.ALPR_READ, Category.ALPR_HOTLIST),
      src("sf-school", SourceKind.SCHOOL, "US-CA-SF", Category.IDENTITY, Category.EDUCATION_RECORD,
          Category.SCHOOL_INCIDENT_REPORT, Category.ADDRESS_HOME, Category.SCHEDULE),
      src("sf-jail", SourceKind.JAIL_BOOKING, "US-CA-SF", Category.IDENTITY, Category.CUSTODY_RELEASE_DATE,
          Category.IMMIGRATION_STATUS, Category.CRIMINAL_HISTORY, Category.ADDRESS_HOME),
      src("sfpd-rec", SourceKind.POLICE_RECORDS, "US-CA-SF", Category.IDENTITY, Category.ADDRESS_HOME,
          Category.CRIMINAL_HISTORY, Category.ASSOCIATES, Category.CONTACT),
      src("ca-util", SourceKind.UTILITY, "US-CA-SF", Category.IDENTITY, Category.UTILITY_ACCOUNT,
          Category.ADDRESS_HOME),
      src("ca-intel", SourceKind.CRIMINAL_INTELLIGENCE, "US-CA", Category.IDENTITY,
          Category.CRIMINAL_INTELLIGENCE, Category.ASSOCIATES),
      src("tx-dmv", SourceKind.DMV, "US-TX", Category.IDENTITY, Category.DMV_RECORD, Category.ADDRESS_HOME,
          Category.IMMIGRATION_STATUS),
      src("tx-alpr", SourceKind.ALPR, "US-TX", Category.ALPR_READ));

  private static final List<String> JUSTIFICATIONS = List.of("", "armed robbery suspect", "assist ICE ERO",
      "hotplate removal", "possession of ice", "locate for I-200", "missing child", "bank robbery, FBI assist");

  private static Agency agency(String id, AgencyLevel level, Component c, String j) {
    return new Agency(id, id, level, c, new Jurisdiction(j));
  }

  private static SourceRef src(String id, SourceKind kind, String j, Category... cats) {
    return new SourceRef(id, kind, new Jurisdiction(j), List.of(cats));
  }

  @Provide
  Arbitrary<LegalProcess> processes() {
    return Arbitraries.of(LegalProcessType.values()).map(t -> switch (t) {
      case NONE -> LegalProcess.NONE;
      case JUDICIAL_WARRANT, JUDICIAL_SUBPOENA, COURT_ORDER -> LegalProcess.of(t, Issuer.MAGISTRATE, null);
      case GRAND_JURY_SUBPOENA -> LegalProcess.of(t, Issuer.GRAND_JURY, null);
      default -> LegalProcess.of(t, Issuer.AGENCY_OFFICER, null);
    });
  }

  @Provide
  Arbitrary<LegalProcess> nonJudicialProcesses() {
    return processes().filter(p -> !p.type().isJudicial());
  }

  @Provide
  Arbitrary<List<SourceRef>> sourceLists() {
    Arbitrary<SourceRef> one = Arbitraries.of(SOURCES).flatMap(s ->
        Arbitraries.subsetOf(s.categories()).ofMinSize(1).map(cats ->
            new SourceRef(s.id(), s.kind(), s.jurisdiction(), s.categories().stream().filter(cats::contains).toList())));
    return one.list().ofMinSize(1).ofMaxSize(3).uniqueElements(SourceRef::id);
  }

  @Provide
  Arbitrary<List<SourceRef>> californiaSourceLists() {
    return sourceLists().filter(l -> l.stream().allMatch(s -> s.jurisdiction().within(new Jurisdiction("US-CA"))));
  }

  @Provide
  Arbitrary<DecisionRequest> requests() {
    return Combinators.combine(Arbitraries.of(AGENCIES), Arbitraries.of(AGENCIES).optional(0.3),
            Arbitraries.of(Purpose.values()), Arbitraries.of(JUSTIFICATIONS),
            Arbitraries.of("26-0042", "").optional(0.5), processes(), sourceLists(),
            Arbitraries.subsetOf(TaskForce.values()).ofMaxSize(2))
        .as((a, behalf, p, j, caseNo, lp, sources, tfs) -> new DecisionRequest(
            new Requester("u", a, List.copyOf(tfs), List.of()), behalf, p, j, caseNo.filter(c -> !c.isEmpty()),
            lp, sources, Instant.parse("2026-11-20T10:00:00Z")));
  }

  @Provide
  Arbitrary<Pack> forbidPacks() {
    Arbitrary<Set<Category>> cats = Arbitraries.subsetOf(Category.values()).ofMinSize(1).ofMaxSize(4);
    Arbitrary<Set<SourceKind>> kinds = Arbitraries.subsetOf(SourceKind.values()).ofMaxSize(3);
    return Combinators.combine(cats, kinds, Arbitraries.of("US", "US-CA", "US-TX")).as((c, k, j) -> {
      String yaml = TestPacks.header("extra-forbid", j) + TestPacks.rule("extra", "forbid",
          "categories: [" + String.join(", ", c.stream().map(Category::wire).toList()) + "]",
          k.isEmpty() ? "" : "kinds: [" + String.join(", ", k.stream().map(Enum::name).toList()) + "]");
      return TestPacks.pack("extra.yaml", yaml);
    });
  }

  private static Set<String> released(DecisionResult r) {
    Set<String> out = new java.util.HashSet<>();
    for (SourceDecision s : r.sources()) {
      s.released().forEach(c -> out.add(s.source() + "/" + c.wire()));
    }
    return out;
  }

  @Property(tries = 300)
  void addingAForbidRuleNeverReleasesMore(@ForAll("requests") DecisionRequest request,
      @ForAll("forbidPacks") Pack extra) {
    List<Pack> packs = new ArrayList<>(SHIPPED.packs().packs());
    packs.add(extra);
    PolicyEngine stricter = new PolicyEngine(PackSet.of(packs),
        new PurposeInference(new ImmigrationTextClassifier()));
    Set<String> before = released(ENGINE.decide(request));
    Set<String> after = released(stricter.decide(request));
    assertThat(before).containsAll(after);
  }

  @Property(tries = 300)
  void relabellingThePurposeNeverTurnsADenyForAnImmigrationAuthorityIntoAPermit(
      @ForAll("nonJudicialProcesses") LegalProcess process,
      @ForAll("californiaSourceLists") List<SourceRef> sources,
      @ForAll Purpose relabelled) {
    for (Agency ia : AGENCIES.stream().filter(Agency::isImmigrationAuthority).toList()) {
      DecisionRequest honest = new DecisionRequest(new Requester("u", ia, List.of(), List.of()), Optional.empty(),
          Purpose.CIVIL_IMMIGRATION_ENFORCEMENT, "", Optional.of("26-1"), process, sources,
          Instant.parse("2026-11-20T10:00:00Z"));
      DecisionRequest relabel = new DecisionRequest(honest.requester(), Optional.empty(), relabelled,
          "", honest.caseNumber(), process, sources, honest.time());
      DecisionResult a = ENGINE.decide(honest);
      DecisionResult b = ENGINE.decide(relabel);
      if (a.decision() == Decision.DENY) {
        assertThat(b.decision()).as(ia.component() + " relabelled as " + relabelled).isNotEqualTo(Decision.PERMIT);
      }
      assertThat(released(a)).as(ia.component() + " relabelled as " + relabelled).isEqualTo(released(b));
    }
  }

  // The side door of the S.T.O.P. report: a state or local agency relays for someone else. (An immigration
  // authority relaying for the FBI still receives status information itself under 8 U.S.C. 1373; that is not a
  // proxy getting more, it is the requester's own entitlement.)
  @Property(tries = 300)
  void aProxyRequestNeverGetsMoreThanItsBeneficiaryWould(@ForAll("requests") DecisionRequest request) {
    Agency local = request.requester().agency();
    if (local.level() == AgencyLevel.FEDERAL) {
      local = AGENCIES.get(7); // sfpd
    }
    for (Agency beneficiary : AGENCIES) {
      DecisionRequest proxy = new DecisionRequest(new Requester("u", local, request.requester().taskForces(),
          List.of()), Optional.of(beneficiary), request.purpose(), request.justification(), request.caseNumber(),
          request.legalProcess(), request.sources(), request.time());
      DecisionRequest direct = new DecisionRequest(new Requester("u", beneficiary, request.requester().taskForces(),
          List.of()), Optional.empty(), request.purpose(), request.justification(), request.caseNumber(),
          request.legalProcess(), request.sources(), request.time());
      String label = local.id() + " for " + beneficiary.id();
      assertThat(released(ENGINE.decide(direct))).as(label)
          .containsAll(released(ENGINE.decide(proxy)));
    }
  }

  @Property(tries = 200)
  void everyWithheldOrReferredCategoryWasRequestedAndEachRequestedCategoryHasOneFate(
      @ForAll("requests") DecisionRequest request) {
    DecisionResult r = ENGINE.decide(request);
    for (int i = 0; i < request.sources().size(); i++) {
      SourceDecision s = r.sources().get(i);
      EnumSet<Category> fates = EnumSet.noneOf(Category.class);
      List<Category> all = new ArrayList<>(s.released());
      all.addAll(s.withheld());
      all.addAll(s.referred());
      fates.addAll(all);
      assertThat(all).hasSize(fates.size());
      assertThat(fates).containsExactlyInAnyOrderElementsOf(request.sources().get(i).categories());
    }
  }
}
