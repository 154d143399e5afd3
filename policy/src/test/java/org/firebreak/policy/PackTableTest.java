package org.firebreak.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.firebreak.policy.pack.Pack;
import org.firebreak.policy.pack.PackSet;
import org.firebreak.policy.testing.Coverage;
import org.junit.jupiter.api.Test;

/** The packs README's table is the one the packs generate, and coverage finds rules lacking a kind of test. */
class PackTableTest {
  private static final PackSet SHIPPED = TestPacks.POLICY.library().shipped().packs();

  private static String readme() throws IOException {
    try (InputStream in = PackTableTest.class.getResourceAsStream("/packs/README.md")) {
      assertThat(in).as("packs/README.md on the classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theCommittedTableIsTheGeneratedOne() throws IOException {
    assertThat(PackTable.extract(readme()))
        .as("regenerate with: firebreak policy table --readme policy/src/main/resources/packs/README.md")
        .contains(new PackTable().render(SHIPPED));
  }

  @Test
  void theTableFollowsThePacks() {
    List<Pack> packs = new ArrayList<>(SHIPPED.packs());
    packs.add(TestPacks.pack("x.yaml", TestPacks.header("us-tx", "US-TX") + TestPacks.rule("tx-dmv", "forbid",
        "kinds: [DMV]", "categories: [address.home]",
        "when: \"recipients.components.exists(c, isImmigrationAuthority(c)) && legalProcess.type != 'COURT_ORDER'\"")));
    String table = new PackTable().render(PackSet.of(packs));
    assertThat(table).isNotEqualTo(new PackTable().render(SHIPPED))
        .contains("| US-TX | us-tx | `tx-dmv` | forbid | DMV | address.home | COURT_ORDER | — | confirmed | — |");
  }

  @Test
  void overridesAreReadFromTheConditions() {
    String table = new PackTable().render(SHIPPED);
    // VTL 201(12)(a): only an Article III judge's court order or warrant.
    assertThat(table).contains("| `ny-green-light-immigration-agencies` | forbid | DMV | all but immigration_status"
        + " | JUDICIAL_WARRANT (ARTICLE_III_JUDGE), COURT_ORDER (ARTICLE_III_JUDGE) |");
    // 625 ILCS 5/2-130: no warrant exception.
    assertThat(table).contains("| `il-alpr-immigration-abortion` | forbid | ALPR | all but immigration_status | none |");
  }

  @Test
  void spliceReplacesOnlyTheTable() {
    String doc = "intro\n" + PackTable.BEGIN + "\nold\n" + PackTable.END + "\nafter\n";
    String out = new PackTable().splice(doc, SHIPPED);
    assertThat(out).startsWith("intro\n" + PackTable.BEGIN).endsWith(PackTable.END + "\nafter\n")
        .doesNotContain("\nold\n");
  }

  @Test
  void everyShippedRuleIsCoveredBothWays() {
    assertThat(Coverage.of(SHIPPED).incomplete()).extracting(c -> c.rule().qualifiedId()).isEmpty();
  }

  @Test
  void coverageNamesARuleWithoutATestWhereItMustNotFire() {
    Pack p = TestPacks.pack("c.yaml", TestPacks.header("c", "US") + TestPacks.rule("a", "permit")
        + TestPacks.rule("b", "forbid", "categories: [dmv.photo]") + """
        tests:
          - name: t
            request: {requester: {agency: {id: x, name: X, level: LOCAL, component: POLICE, jurisdiction: US-CA}},
                      purpose: OTHER, sources: [{id: s, kind: DMV, jurisdiction: US-CA, categories: [dmv.photo]}]}
            expect: {decision: DENY, rules: [b], absentRules: [a]}
        """);
    Coverage c = Coverage.of(PackSet.of(List.of(p)));
    assertThat(c.incomplete()).hasSize(2);
    assertThat(c.incomplete().get(0).missing()).isEqualTo("no test where it fires");
    assertThat(c.incomplete().get(1).missing()).isEqualTo("no test where it must not fire");
    assertThat(c.rules().get(1).fires()).containsExactly("c: t");
  }
}
