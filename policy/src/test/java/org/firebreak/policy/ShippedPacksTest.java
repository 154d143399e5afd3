package org.firebreak.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.firebreak.policy.pack.Pack;
import org.firebreak.policy.pack.PackSpec.TestSpec;
import org.firebreak.policy.pack.Rule;
import org.firebreak.policy.testing.PackTestRunner;
import org.firebreak.policy.testing.TestOutcome;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The shipped packs load, their own tests pass, and every rule is tested both ways. */
class ShippedPacksTest {
  private static final PackLibrary.Loaded SHIPPED = TestPacks.POLICY.library().shipped();

  @TestFactory
  List<DynamicTest> everyPackTestPasses() {
    PackTestRunner runner = new PackTestRunner(TestPacks.POLICY.engine(SHIPPED), TestPacks.JSON,
        SHIPPED.fixtures(), TestPacks.loader());
    return runner.runAll().stream()
        .map(o -> DynamicTest.dynamicTest(o.pack() + ": " + o.name(),
            () -> assertThat(o.failures()).as(o.describe()).isEmpty()))
        .toList();
  }

  @Test
  void theIssueFloorOfTwoHundredPackTestsIsMet() {
    int tests = SHIPPED.packs().packs().stream().mapToInt(p -> p.tests().size()).sum();
    assertThat(tests).isGreaterThanOrEqualTo(200);
  }

  @Test
  void thePacksOfTheIssuesAreShippedInOrder() {
    assertThat(SHIPPED.packs().packs()).extracting(Pack::id)
        .containsExactly("baseline", "us-federal-floor", "us-28cfr23", "us-ferpa", "us-cjis", "us-ca", "us-ca-sf",
            "us-il", "us-il-chicago", "us-ny", "us-ny-nyc", "us-wa", "us-or", "us-co", "us-nj");
  }

  @Test
  void everyRuleHasATestWhereItFiresAndOneWhereItMustNot() {
    Set<String> fires = new HashSet<>();
    Set<String> mustNot = new HashSet<>();
    for (Pack p : SHIPPED.packs().packs()) {
      for (TestSpec t : p.tests()) {
        t.expect().rules().forEach(r -> fires.add(PackTestRunner.qualify(p, r)));
        t.expect().absentRules().forEach(r -> mustNot.add(PackTestRunner.qualify(p, r)));
      }
    }
    List<String> all = SHIPPED.packs().rules().stream().map(Rule::qualifiedId).toList();
    assertThat(all).as("rules with a test where they fire").allMatch(fires::contains);
    assertThat(all).as("rules with a test where they must not fire").allMatch(mustNot::contains);
  }

  @Test
  void everyRuleCitesTheLawAndSaysWhatItDoes() {
    for (Rule r : SHIPPED.packs().rules()) {
      assertThat(r.citation()).as(r.qualifiedId()).isNotBlank();
      assertThat(r.summary()).as(r.qualifiedId()).isNotBlank();
    }
  }

  @Test
  void aBrokenExpectationIsReportedAsAFailure() {
    // The runner itself must be able to fail: flip one expected decision and run that pack's tests.
    Pack ca = SHIPPED.packs().packs().stream().filter(p -> p.id().equals("us-ca")).findFirst().orElseThrow();
    TestSpec first = ca.tests().get(0);
    var flipped = new org.firebreak.policy.pack.Expectation(
        first.expect().decision() == org.firebreak.core.vocab.Decision.PERMIT
            ? org.firebreak.core.vocab.Decision.DENY : org.firebreak.core.vocab.Decision.PERMIT,
        first.expect().sources(), first.expect().rules(), first.expect().absentRules(),
        first.expect().obligations(), first.expect().absentObligations(), first.expect().effectivePurposes());
    Pack broken = new Pack(ca.file(), ca.ref(), ca.title(), ca.jurisdiction(), ca.sourcesOfLaw(), ca.rules(),
        List.of(new TestSpec(first.name(), first.request(), flipped)), ca.fixtures(), ca.sourceMap());
    PackTestRunner runner = new PackTestRunner(TestPacks.POLICY.engine(SHIPPED), TestPacks.JSON,
        SHIPPED.fixtures(), TestPacks.loader());
    List<TestOutcome> outcomes = runner.run(broken);
    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).passed()).isFalse();
    assertThat(outcomes.get(0).describe()).startsWith("FAIL ").contains("decision is");
  }
}
