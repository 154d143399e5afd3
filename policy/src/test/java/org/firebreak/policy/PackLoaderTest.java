package org.firebreak.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.firebreak.policy.TestPacks.header;
import static org.firebreak.policy.TestPacks.pack;
import static org.firebreak.policy.TestPacks.rule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.firebreak.core.error.ErrorCode;
import org.firebreak.core.error.InvalidPackException;
import org.firebreak.policy.pack.Pack;
import org.firebreak.policy.pack.PackSet;
import org.junit.jupiter.api.Test;

/** PACKS.md § 2: what the loader refuses, and that it names the file and line. */
class PackLoaderTest {
  // Line numbers below are counted by hand in these texts: header() is 6 lines, a rule() is 5 lines + extras.
  private static final String HEADER = header("t", "US"); // lines 1-6, "rules:" is line 6

  private static InvalidPackException refused(String yaml) {
    try {
      pack("bad.yaml", yaml);
    } catch (InvalidPackException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PACK);
      assertThat(e.file()).isEqualTo("bad.yaml");
      assertThat(e.getMessage()).doesNotContain("\n");
      return e;
    }
    throw new AssertionError("the pack was accepted");
  }

  @Test
  void aValidPackLoadsWithItsRulesAndDigest() throws Exception {
    String yaml = HEADER + rule("a", "permit") + rule("b", "forbid", "categories: [address.home]");
    Pack p = pack("ok.yaml", yaml);
    assertThat(p.rules()).extracting(r -> r.id()).containsExactly("a", "b");
    assertThat(p.rules().get(1).line()).isEqualTo(12); // 6 header lines + 5 lines of rule a, then "- id: b"
    String expected = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8)));
    assertThat(p.ref().digest()).isEqualTo("sha256:" + expected);
    assertThat(p.ref().version()).isEqualTo("1.0.0");
  }

  @Test
  void yamlThatDoesNotParse() {
    InvalidPackException e = refused("id: t\ntitle: [unclosed\nversion: 1\n");
    assertThat(e.reason()).contains("YAML does not parse");
    assertThat(e.line()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void anUnknownKeyNamesItsLine() {
    InvalidPackException e = refused(HEADER + rule("a", "permit", "colour: red"));
    assertThat(e.line()).isEqualTo(12);
    assertThat(e.reason()).contains("$.rules[0]").contains("unknown field 'colour'");
  }

  @Test
  void anUnknownEffect() {
    InvalidPackException e = refused(HEADER + rule("a", "allow"));
    assertThat(e.line()).isEqualTo(11);
    assertThat(e.reason()).contains("$.rules[0].effect").contains("unknown value 'allow'");
  }

  @Test
  void anUnknownCategoryKindOrObligation() {
    assertThat(refused(HEADER + rule("a", "permit", "categories: [dmv.recrod]")).reason())
        .contains("$.rules[0].categories[0]").contains("dmv.recrod");
    assertThat(refused(HEADER + rule("a", "permit", "kinds: [DMVS]")).reason())
        .contains("$.rules[0].kinds[0]");
    assertThat(refused(HEADER + rule("a", "obligate", "obligations: [{type: TELL_EVERYONE, detail: x}]")).reason())
        .contains("$.rules[0].obligations[0].type");
  }

  @Test
  void aRuleWithoutCitation() {
    String yaml = HEADER + "  - id: a\n    summary: s\n    confidence: confirmed\n    effect: permit\n";
    InvalidPackException e = refused(yaml);
    assertThat(e.reason()).contains("$.rules[0].citation").contains("required");
    assertThat(e.line()).isEqualTo(7);
  }

  @Test
  void aBlankCitation() {
    String yaml = HEADER + "  - id: a\n    citation: '  '\n    summary: s\n    confidence: confirmed\n    effect: permit\n";
    assertThat(refused(yaml).reason()).contains("$.rules[0].citation").contains("blank");
  }

  @Test
  void aDuplicateRuleId() {
    InvalidPackException e = refused(HEADER + rule("a", "permit") + rule("a", "forbid"));
    assertThat(e.reason()).contains("duplicate rule id 'a'");
    assertThat(e.line()).isEqualTo(12);
  }

  @Test
  void aDuplicatePackIdInOneSet() {
    Pack one = pack("one.yaml", HEADER + rule("a", "permit"));
    Pack two = pack("two.yaml", HEADER + rule("b", "permit"));
    assertThatThrownBy(() -> PackSet.of(List.of(one, two)))
        .isInstanceOf(InvalidPackException.class)
        .hasMessageStartingWith("two.yaml:1:")
        .hasMessageContaining("pack id 't' is already loaded");
  }

  @Test
  void aConditionThatDoesNotTypeCheckNamesTheLineInsideTheCondition() {
    String yaml = HEADER + rule("a", "forbid", "when: |", "  purpose == 'OTHER' &&", "  purposes + 1");
    InvalidPackException e = refused(yaml);
    assertThat(e.reason()).startsWith("when: ").contains("no matching overload");
    assertThat(e.line()).isEqualTo(14); // "when: |" is line 12, the condition's second line is line 14
  }

  @Test
  void aConditionOverAnUndeclaredVariable() {
    InvalidPackException e = refused(HEADER + rule("a", "forbid", "when: \"requester.agnecy.component == 'ICE_ERO'\""));
    assertThat(e.reason()).contains("undeclared reference");
    assertThat(e.line()).isEqualTo(12);
  }

  @Test
  void aScopeThatLooksAtTheRequest() {
    InvalidPackException e = refused(HEADER + rule("a", "forbid", "scope: \"purpose == 'OTHER'\""));
    assertThat(e.reason()).startsWith("scope: ").contains("undeclared reference").contains("scope");
  }

  @Test
  void aConditionThatIsNotABool() {
    assertThat(refused(HEADER + rule("a", "forbid", "when: \"purpose\"")).reason()).contains("bool");
  }

  @Test
  void aMisspelledVocabularyValueInACondition() {
    InvalidPackException e = refused(HEADER + rule("a", "forbid",
        "when: \"requester.agency.component == 'ICE_ER0'\""));
    assertThat(e.reason()).contains("'ICE_ER0' is not a vocabulary value");
    assertThat(e.line()).isEqualTo(12);
  }

  @Test
  void declaredCertificationsAndJurisdictionsAreAllowedLiterals() {
    String yaml = header("t", "US-IL").replace("rules:\n", "certifications: [IL_ALPR_DECLARATION]\nrules:\n")
        + rule("a", "permit", "when: \"'IL_ALPR_DECLARATION' in requester.certifications"
            + " && within(requester.agency.jurisdiction, 'US-IL')\"");
    assertThat(pack("ok.yaml", yaml).rules()).hasSize(1);
    assertThat(refused(header("t", "US") + rule("a", "permit",
        "when: \"'IL_ALPR_DECLARATION' in requester.certifications\"")).reason())
        .contains("IL_ALPR_DECLARATION");
  }

  @Test
  void anObligateRuleWithoutObligations() {
    assertThat(refused(HEADER + rule("a", "obligate")).reason()).contains("obligations");
  }

  @Test
  void aForbidWithObligations() {
    assertThat(refused(HEADER + rule("a", "forbid", "obligations: [{type: LOG_ACCESS, detail: x}]")).reason())
        .contains("releases nothing");
  }

  @Test
  void effectiveMustPrecedeExpires() {
    assertThat(refused(HEADER + rule("a", "permit", "effective: 2026-01-01", "expires: 2026-01-01")).reason())
        .contains("expires");
  }

  @Test
  void aBadJurisdictionOrId() {
    assertThat(refused(header("t", "California") + rule("a", "permit")).reason()).contains("$.jurisdiction");
    assertThat(refused(header("T_T", "US") + rule("a", "permit")).reason()).contains("$.id");
  }

  @Test
  void notUtf8() {
    byte[] latin1 = (HEADER + rule("a", "permit", "message: caf\u00e9")).getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> TestPacks.loader().load("latin1.yaml", latin1))
        .isInstanceOf(InvalidPackException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void aDuplicateKey() {
    assertThat(refused(HEADER.replace("version: 1.0.0\n", "version: 1.0.0\nversion: 2.0.0\n")
        + rule("a", "permit")).reason()).containsIgnoringCase("duplicate");
  }
}
