package org.firebreak.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
import org.firebreak.core.model.LegalProcess;
import org.firebreak.core.model.Requester;
import org.firebreak.core.model.SourceDecision;
import org.firebreak.core.model.SourceRef;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Issuer;
import org.firebreak.core.vocab.LegalProcessType;
import org.firebreak.core.vocab.Purpose;
import org.firebreak.core.vocab.TaskForce;
import org.firebreak.policy.pack.Pack;
import org.firebreak.policy.pack.PackSet;

/**
 * Invariants across all shipped packs, over requests built from every agency and source of the shipped fixtures
 * (every state and city), every purpose, legal process and certification, at times before and after the laws took
 * effect.
 */
class CrossPackProperties {
  private static final PackSet SHIPPED = TestPacks.POLICY.library().shipped().packs();
  private static final PolicyEngine ENGINE = engineOf(SHIPPED.packs());
  private static final List<Agency> AGENCIES = new ArrayList<>();
  private static final List<SourceRef> SOURCES = new ArrayList<>();
  private static final Pack PERMIT_ALL = TestPacks.pack("permit-all.yaml",
      TestPacks.header("permit-all", "US") + TestPacks.rule("everything", "permit"));

  static {
    try (InputStream in = CrossPackProperties.class.getResourceAsStream("/packs/fixtures.yaml")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      JsonNode tree = TestPacks.loader().parseYaml("fixtures.yaml", text);
      for (Iterator<Map.Entry<String, JsonNode>> it = tree.get("agencies").fields(); it.hasNext(); ) {
        AGENCIES.add(TestPacks.JSON.bind(it.next().getValue(), Agency.class, "fixtures.yaml"));
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = tree.get("sources").fields(); it.hasNext(); ) {
        SOURCES.add(TestPacks.JSON.bind(it.next().getValue(), SourceRef.class, "fixtures.yaml"));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final List<String> CERTIFICATIONS = List.of("IL_ALPR_DECLARATION", "NY_DMV_CERTIFICATION",
      "CO_NO_IMMIGRATION_USE");
  private static final List<String> JUSTIFICATIONS = List.of("", "armed robbery suspect", "assist ICE ERO",
      "locate for I-200", "missing child", "possession of ice");
  private static final List<Instant> TIMES = List.of(Instant.parse("2017-06-01T10:00:00Z"),
      Instant.parse("2019-07-01T10:00:00Z"), Instant.parse("2021-07-01T10:00:00Z"),
      Instant.parse("2024-06-01T10:00:00Z"), Instant.parse("2025-10-01T10:00:00Z"),
      Instant.parse("2026-11-20T10:00:00Z"));

  private static PolicyEngine engineOf(List<Pack> packs) {
    return new PolicyEngine(PackSet.of(packs), new PurposeInference(new ImmigrationTextClassifier()));
  }

  @Provide
  Arbitrary<LegalProcess> processes() {
    return Arbitraries.of(LegalProcessType.values()).flatMap(t -> switch (t) {
      case NONE -> Arbitraries.just(LegalProcess.NONE);
      case GRAND_JURY_SUBPOENA -> Arbitraries.just(LegalProcess.of(t, Issuer.GRAND_JURY, null));
      case JUDICIAL_WARRANT, JUDICIAL_SUBPOENA, COURT_ORDER -> Arbitraries.of(Issuer.ARTICLE_III_JUDGE,
          Issuer.STATE_JUDGE, Issuer.MAGISTRATE).map(i -> LegalProcess.of(t, i, null));
      default -> Arbitraries.just(LegalProcess.of(t, Issuer.AGENCY_OFFICER, null));
    });
  }

  @Provide
  Arbitrary<DecisionRequest> requests() {
    Arbitrary<SourceRef> one = Arbitraries.of(SOURCES).flatMap(s ->
        Arbitraries.subsetOf(s.categories()).ofMinSize(1).map(cats ->
            new SourceRef(s.id(), s.kind(), s.jurisdiction(), s.categories().stream().filter(cats::contains).toList())));
    Arbitrary<List<SourceRef>> sources = one.list().ofMinSize(1).ofMaxSize(3).uniqueElements(SourceRef::id);
    Arbitrary<Requester> requester = Combinators.combine(Arbitraries.of(AGENCIES),
            Arbitraries.subsetOf(TaskForce.values()).ofMaxSize(1), Arbitraries.subsetOf(CERTIFICATIONS))
        .as((a, tf, certs) -> new Requester("u", a, List.copyOf(tf), List.copyOf(certs)));
    return Combinators.combine(requester, Arbitraries.of(AGENCIES).optional(0.3), Arbitraries.of(Purpose.values()),
            Arbitraries.of(JUSTIFICATIONS), Arbitraries.of("26-0042", "").optional(0.6), processes(), sources,
            Arbitraries.of(TIMES))
        .as((r, behalf, p, j, caseNo, lp, s, t) -> new DecisionRequest(r, behalf, p, j,
            caseNo.filter(c -> !c.isEmpty()), lp, s, t));
  }

  private static Set<String> outcome(DecisionResult r, boolean released) {
    Set<String> out = new HashSet<>();
    for (SourceDecision s : r.sources()) {
      (released ? s.released() : s.withheld()).forEach(c -> out.add(s.source() + "/" + c.wire()));
    }
    return out;
  }

  private static Set<String> referred(DecisionResult r) {
    Set<String> out = new HashSet<>();
    for (SourceDecision s : r.sources()) {
      s.referred().forEach(c -> out.add(s.source() + "/" + c.wire()));
    }
    return out;
  }

  /** 8 U.S.C. 1373/1644: whatever the baseline and the floor release of immigration status, all packs release too. */
  @Property(tries = 1000)
  void noPackReleasesImmigrationStatusLessThanTheFederalFloorAllows(@ForAll("requests") DecisionRequest request) {
    List<Pack> floorOnly = SHIPPED.packs().stream()
        .filter(p -> p.id().equals("baseline") || p.id().equals("us-federal-floor")).toList();
    Set<String> floor = new HashSet<>(outcome(engineOf(floorOnly).decide(request), true));
    floor.removeIf(k -> !k.endsWith("/" + Category.IMMIGRATION_STATUS.wire()));
    assertThat(outcome(ENGINE.decide(request), true)).containsAll(floor);
  }

  /**
   * Whatever a pack withholds or refers for a request when everything else is permitted, the packs together never
   * release: no combination of packs, in any load order, releases a category one of them forbids.
   */
  @Property(tries = 300)
  void noCombinationReleasesACategoryAPackForbids(@ForAll("requests") DecisionRequest request) {
    Set<String> released = outcome(ENGINE.decide(request), true);
    List<Pack> reversed = new ArrayList<>(SHIPPED.packs());
    java.util.Collections.reverse(reversed);
    assertThat(outcome(engineOf(reversed).decide(request), true)).as("load order").isEqualTo(released);
    for (Pack p : SHIPPED.packs()) {
      DecisionResult alone = engineOf(List.of(PERMIT_ALL, p)).decide(request);
      Set<String> forbidden = outcome(alone, false);
      forbidden.addAll(referred(alone));
      Set<String> both = new HashSet<>(released);
      both.retainAll(forbidden);
      assertThat(both).as(p.id() + " forbids or refers these, yet they were released").isEmpty();
    }
  }
}
