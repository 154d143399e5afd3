package org.firebreak.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.firebreak.core.error.ErrorCode;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.DecisionRequest;
import org.firebreak.core.model.DecisionResult;
import org.firebreak.core.model.Inference;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.model.Obligation;
import org.firebreak.core.model.PackRef;
import org.firebreak.core.model.RuleMatch;
import org.firebreak.core.model.SourceDecision;
import org.firebreak.core.model.SourceRef;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Component;
import org.firebreak.core.vocab.Decision;
import org.firebreak.core.vocab.Effect;
import org.firebreak.core.vocab.Issuer;
import org.firebreak.core.vocab.LegalProcessType;
import org.firebreak.core.vocab.ObligationType;
import org.firebreak.core.vocab.Purpose;
import org.firebreak.core.vocab.SourceKind;
import org.firebreak.core.vocab.TaskForce;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StrictJsonTest {
  private static final String ORIGIN = "request.json";

  /** Copied verbatim from /work/shared/DESIGN.md, section "Decision request". */
  static final String DESIGN_EXAMPLE = """
      {
        "requester": {"id": "u-17", "agency": {"id": "ice-ero-sfr", "name": "ICE ERO San Francisco",
            "level": "FEDERAL", "component": "ICE_ERO", "jurisdiction": "US"},
          "taskForces": [], "certifications": []},
        "onBehalfOf": null,
        "purpose": "COUNTERTERRORISM",
        "justification": "free text as typed by the requester",
        "caseNumber": "26-01628",
        "legalProcess": {"type": "ADMINISTRATIVE_WARRANT", "issuer": "AGENCY_OFFICER", "reference": "I-200"},
        "sources": [{"id": "ca-dmv", "kind": "DMV", "jurisdiction": "US-CA",
            "categories": ["dmv.record", "dmv.photo", "address.home"]}],
        "time": "2026-11-20T10:00:00Z"
      }
      """;

  private final StrictJson json = new StrictJson();

  private DecisionRequest read(String text) {
    return json.read(text, DecisionRequest.class, ORIGIN);
  }

  /** Reads {@code text} expecting a failure; returns the exception after checking its general shape. */
  private InvalidInputException fail(String text) {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> read(text));
    assertThat(e).as("expected InvalidInputException for %s", text).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(e.origin()).isEqualTo(ORIGIN);
    assertThat(e.getMessage()).startsWith(ORIGIN + ": ").doesNotContain("\n").doesNotContain("\r");
    assertThat(e.getMessage()).isEqualTo(ORIGIN + ": " + e.path() + ": " + e.reason());
    return e;
  }

  private void assertError(String text, String path, String reasonPart) {
    InvalidInputException e = fail(text);
    assertThat(e.path()).as("path of: %s", e.getMessage()).isEqualTo(path);
    assertThat(e.reason()).as("reason of: %s", e.getMessage()).containsIgnoringCase(reasonPart);
  }

  /** The design example with one literal substring replaced (the substring must occur exactly once). */
  private static String example(String from, String to) {
    int i = DESIGN_EXAMPLE.indexOf(from);
    assertThat(i).as("'%s' in example", from).isNotNegative();
    assertThat(DESIGN_EXAMPLE.indexOf(from, i + 1)).as("'%s' unique in example", from).isNegative();
    return DESIGN_EXAMPLE.substring(0, i) + to + DESIGN_EXAMPLE.substring(i + from.length());
  }

  @Nested
  class DesignExample {
    private final DecisionRequest r = read(DESIGN_EXAMPLE);

    @Test
    void requesterAndAgency() {
      assertThat(r.requester().id()).isEqualTo("u-17");
      Agency a = r.requester().agency();
      assertThat(a.id()).isEqualTo("ice-ero-sfr");
      assertThat(a.name()).isEqualTo("ICE ERO San Francisco");
      assertThat(a.level()).isEqualTo(AgencyLevel.FEDERAL);
      assertThat(a.component()).isEqualTo(Component.ICE_ERO);
      assertThat(a.jurisdiction()).isEqualTo(new Jurisdiction("US"));
      assertThat(a.isImmigrationAuthority()).isTrue();
      assertThat(r.requester().taskForces()).isEmpty();
      assertThat(r.requester().certifications()).isEmpty();
    }

    @Test
    void onBehalfOfNullIsEmpty() {
      assertThat(r.onBehalfOf()).isEqualTo(Optional.empty());
    }

    @Test
    void purposeJustificationCaseNumber() {
      assertThat(r.purpose()).isEqualTo(Purpose.COUNTERTERRORISM);
      assertThat(r.justification()).isEqualTo("free text as typed by the requester");
      assertThat(r.caseNumber()).contains("26-01628");
    }

    @Test
    void legalProcess() {
      assertThat(r.legalProcess().type()).isEqualTo(LegalProcessType.ADMINISTRATIVE_WARRANT);
      assertThat(r.legalProcess().issuer()).contains(Issuer.AGENCY_OFFICER);
      assertThat(r.legalProcess().reference()).contains("I-200");
    }

    @Test
    void sourcesWithDottedCategories() {
      assertThat(r.sources()).hasSize(1);
      SourceRef s = r.sources().get(0);
      assertThat(s.id()).isEqualTo("ca-dmv");
      assertThat(s.kind()).isEqualTo(SourceKind.DMV);
      assertThat(s.jurisdiction().code()).isEqualTo("US-CA");
      assertThat(s.categories())
          .containsExactly(Category.DMV_RECORD, Category.DMV_PHOTO, Category.ADDRESS_HOME);
    }

    @Test
    void time() {
      assertThat(r.time()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    }

    @Test
    void equalsTheHandBuiltRecord() {
      Agency ice = new Agency("ice-ero-sfr", "ICE ERO San Francisco", AgencyLevel.FEDERAL, Component.ICE_ERO,
          Jurisdiction.of("US"));
      DecisionRequest expected = new DecisionRequest(
          new org.firebreak.core.model.Requester("u-17", ice, List.of(), List.of()),
          Optional.empty(), Purpose.COUNTERTERRORISM, "free text as typed by the requester",
          Optional.of("26-01628"),
          org.firebreak.core.model.LegalProcess.of(LegalProcessType.ADMINISTRATIVE_WARRANT, Issuer.AGENCY_OFFICER,
              "I-200"),
          List.of(new SourceRef("ca-dmv", SourceKind.DMV, Jurisdiction.of("US-CA"),
              List.of(Category.DMV_RECORD, Category.DMV_PHOTO, Category.ADDRESS_HOME))),
          Instant.parse("2026-11-20T10:00:00Z"));
      assertThat(r).isEqualTo(expected);
    }

    @Test
    void absentOptionalFieldsTakeDefaults() {
      String minimal = """
          {"requester": {"id": "u-1", "agency": {"id": "sfpd", "name": "SFPD", "level": "LOCAL",
             "component": "POLICE", "jurisdiction": "US-CA-SF"}},
           "purpose": "VIOLENT_CRIME",
           "sources": [{"id": "ca-dmv", "kind": "DMV", "jurisdiction": "US-CA", "categories": ["identity"]}],
           "time": "2026-11-20T10:00:00Z"}
          """;
      DecisionRequest m = read(minimal);
      assertThat(m.onBehalfOf()).isEmpty();
      assertThat(m.caseNumber()).isEmpty();
      assertThat(m.justification()).isEmpty();
      assertThat(m.legalProcess()).isEqualTo(org.firebreak.core.model.LegalProcess.NONE);
      assertThat(m.requester().taskForces()).isEmpty();
      assertThat(m.requester().certifications()).isEmpty();
    }

    @Test
    void onBehalfOfAgencyAndTaskForcesBind() {
      String text = example("\"onBehalfOf\": null",
          "\"onBehalfOf\": {\"id\": \"sfpd\", \"name\": \"SFPD\", \"level\": \"LOCAL\", \"component\": \"POLICE\","
              + " \"jurisdiction\": \"US-CA-SF\"}");
      text = text.replace("\"taskForces\": []", "\"taskForces\": [\"287G\", \"JTTF\", \"HSI_TASK_FORCE\"]")
          .replace("\"certifications\": []", "\"certifications\": [\"IL_ALPR_DECLARATION\"]");
      DecisionRequest d = read(text);
      assertThat(d.onBehalfOf()).map(Agency::component).contains(Component.POLICE);
      assertThat(d.onBehalfOf()).map(Agency::jurisdiction).contains(Jurisdiction.of("US-CA-SF"));
      assertThat(d.requester().taskForces())
          .containsExactly(TaskForce.G287, TaskForce.JTTF, TaskForce.HSI_TASK_FORCE);
      assertThat(d.requester().certifications()).containsExactly("IL_ALPR_DECLARATION");
    }

    @Test
    void writtenAgencyHasExactlyItsFields() {
      JsonNode agency = json.toTree(r).get("requester").get("agency");
      List<String> names = new java.util.ArrayList<>();
      agency.fieldNames().forEachRemaining(names::add);
      assertThat(names).containsExactlyInAnyOrder("id", "name", "level", "component", "jurisdiction");
    }

    @Test
    void writtenRequestOmitsAbsentOnBehalfOf() {
      JsonNode tree = json.toTree(r);
      assertThat(tree.has("onBehalfOf")).isFalse();
      assertThat(tree.get("caseNumber").asText()).isEqualTo("26-01628");
      assertThat(tree.get("time").asText()).isEqualTo("2026-11-20T10:00:00Z");
      assertThat(tree.get("sources").get(0).get("categories").get(0).asText()).isEqualTo("dmv.record");
    }

    @Test
    void requestRoundTrips() {
      assertThat(read(json.write(r))).isEqualTo(r);
      assertThat(read(json.writePretty(r))).isEqualTo(r);
    }
  }

  @Nested
  class UnknownFields {
    @Test
    void unknownTopLevelField() {
      assertError(example("\"purpose\":", "\"priority\": \"HIGH\", \"purpose\":"), "$.priority",
          "unknown field 'priority'");
    }

    @Test
    void unknownNestedField() {
      assertError(example("\"jurisdiction\": \"US\"}", "\"jurisdiction\": \"US\", \"colour\": \"blue\"}"),
          "$.requester.agency.colour", "unknown field 'colour'");
    }

    @Test
    void unknownFieldInListElement() {
      assertError(example("\"kind\": \"DMV\",", "\"kind\": \"DMV\", \"owner\": \"x\","),
          "$.sources[0].owner", "unknown field 'owner'");
    }

    @Test
    void unknownFieldInLegalProcess() {
      assertError(example("\"reference\": \"I-200\"", "\"reference\": \"I-200\", \"signedBy\": \"judge\""),
          "$.legalProcess.signedBy", "unknown field 'signedBy'");
    }
  }

  @Nested
  class UnknownEnumValues {
    @Test
    void purpose() {
      assertError(example("\"COUNTERTERRORISM\"", "\"TERRORISM\""), "$.purpose", "TERRORISM");
      InvalidInputException e = fail(example("\"COUNTERTERRORISM\"", "\"TERRORISM\""));
      // The reason lists what is allowed.
      assertThat(e.reason()).contains("COUNTERTERRORISM").contains("CIVIL_IMMIGRATION_ENFORCEMENT");
    }

    @Test
    void purposeIsCaseSensitive() {
      assertError(example("\"COUNTERTERRORISM\"", "\"counterterrorism\""), "$.purpose", "counterterrorism");
    }

    @Test
    void sourceKind() {
      assertError(example("\"kind\": \"DMV\"", "\"kind\": \"MOTOR_VEHICLES\""), "$.sources[0].kind",
          "MOTOR_VEHICLES");
    }

    @Test
    void category() {
      InvalidInputException e = fail(example("\"dmv.photo\"", "\"dmv.recrod\""));
      assertThat(e.path()).isEqualTo("$.sources[0].categories[1]");
      assertThat(e.reason()).contains("dmv.recrod").contains("dmv.record");
    }

    @Test
    void categoryByJavaNameIsUnknown() {
      // JSON uses the dotted wire names only (DESIGN.md: "JSON uses these exact strings").
      assertError(example("\"dmv.photo\"", "\"DMV_PHOTO\""), "$.sources[0].categories[1]", "DMV_PHOTO");
    }

    @Test
    void component() {
      assertError(example("\"component\": \"ICE_ERO\"", "\"component\": \"ICE\""), "$.requester.agency.component",
          "ICE");
    }

    @Test
    void level() {
      assertError(example("\"level\": \"FEDERAL\"", "\"level\": \"NATIONAL\""), "$.requester.agency.level",
          "NATIONAL");
    }

    @Test
    void legalProcessType() {
      assertError(example("\"ADMINISTRATIVE_WARRANT\"", "\"WARRANT\""), "$.legalProcess.type", "WARRANT");
    }

    @Test
    void taskForce() {
      assertError(example("\"taskForces\": []", "\"taskForces\": [\"JTTF\", \"G287\"]"),
          "$.requester.taskForces[1]", "G287");
    }

    @Test
    void numberForEnum() {
      InvalidInputException e = fail(example("\"COUNTERTERRORISM\"", "2"));
      assertThat(e.path()).isEqualTo("$.purpose");
      assertThat(e.reason()).contains("COUNTERTERRORISM");
    }

    @Test
    void numberForCategory() {
      InvalidInputException e = fail(example("\"dmv.photo\"", "1"));
      assertThat(e.path()).isEqualTo("$.sources[0].categories[1]");
      assertThat(e.reason()).contains("dmv.photo");
    }

    @Test
    void emptyStringForEnum() {
      InvalidInputException e = fail(example("\"COUNTERTERRORISM\"", "\"\""));
      assertThat(e.path()).isEqualTo("$.purpose");
      assertThat(e.reason()).contains("COUNTERTERRORISM");
    }

    @Test
    void emptyStringForSourceKind() {
      InvalidInputException e = fail(example("\"kind\": \"DMV\"", "\"kind\": \"\""));
      assertThat(e.path()).isEqualTo("$.sources[0].kind");
      assertThat(e.reason()).contains("ALPR");
    }
  }

  @Nested
  class MissingRequiredFields {
    @Test
    void requester() {
      String text = """
          {"purpose": "COUNTERTERRORISM",
           "sources": [{"id": "ca-dmv", "kind": "DMV", "jurisdiction": "US-CA", "categories": ["identity"]}],
           "time": "2026-11-20T10:00:00Z"}
          """;
      assertError(text, "$.requester", "required");
    }

    @Test
    void agencyJurisdiction() {
      assertError(example(", \"jurisdiction\": \"US\"}", "}"), "$.requester.agency.jurisdiction", "required");
    }

    @Test
    void agencyJurisdictionNull() {
      assertError(example("\"jurisdiction\": \"US\"}", "\"jurisdiction\": null}"), "$.requester.agency.jurisdiction",
          "required");
    }

    @Test
    void purpose() {
      assertError(example("\"purpose\": \"COUNTERTERRORISM\",", ""), "$.purpose", "required");
    }

    @Test
    void sources() {
      String text = DESIGN_EXAMPLE.replaceAll("(?s)\"sources\": \\[.*?\\]\\}\\],", "");
      assertThat(text).doesNotContain("sources");
      assertError(text, "$.sources", "required");
    }

    @Test
    void sourceKind() {
      assertError(example("\"kind\": \"DMV\",", ""), "$.sources[0].kind", "required");
    }

    @Test
    void time() {
      assertError(example(",\n  \"time\": \"2026-11-20T10:00:00Z\"", ""), "$.time", "required");
    }

    @Test
    void blankRequesterId() {
      assertError(example("\"id\": \"u-17\"", "\"id\": \"  \""), "$.requester.id", "blank");
    }
  }

  @Nested
  class Syntax {
    @Test
    void malformedJsonNamesTheLine() {
      // Line 2 misses the comma after "OTHER".
      String text = "{\n\"purpose\": \"OTHER\"\n \"time\": \"2026-11-20T10:00:00Z\"}";
      InvalidInputException e = fail(text);
      assertThat(e.path()).isEqualTo("$");
      assertThat(e.reason()).containsIgnoringCase("malformed").contains("line 3");
    }

    @Test
    void malformedJsonInsideANestedObjectNamesTheLine() {
      // Line 3 misses the comma after "FEDERAL" (inside $.requester.agency). Whatever path is reported, the reason
      // must say that the JSON is malformed and where.
      String text = "{\n\"requester\": {\"id\": \"u-17\",\n \"agency\": {\"level\": \"FEDERAL\" \"component\": \"DMV\"}},\n"
          + "\"purpose\": \"OTHER\"}";
      InvalidInputException e = fail(text);
      assertThat(e.reason()).containsIgnoringCase("malformed").contains("line 3");
    }

    @Test
    void malformedDesignExampleNamesTheLine() {
      // Drop the comma after "26-01628" (line 8 of the example); the parser meets the next key on line 9.
      InvalidInputException e = fail(example("\"26-01628\",", "\"26-01628\""));
      assertThat(e.path()).isEqualTo("$");
      assertThat(e.reason()).containsIgnoringCase("malformed").contains("line 9");
    }

    @Test
    void truncatedDocument() {
      InvalidInputException e = fail(DESIGN_EXAMPLE.substring(0, DESIGN_EXAMPLE.indexOf("\"sources\"")));
      assertThat(e.path()).isEqualTo("$");
      assertThat(e.reason()).containsIgnoringCase("malformed");
    }

    @Test
    void trailingDocument() {
      InvalidInputException e = fail(DESIGN_EXAMPLE + " {}");
      assertThat(e.path()).isEqualTo("$");
      assertThat(e.reason()).containsIgnoringCase("trailing");
    }

    @Test
    void trailingGarbage() {
      InvalidInputException e = fail(DESIGN_EXAMPLE + "garbage");
      assertThat(e.path()).isEqualTo("$");
      assertThat(e.reason()).containsIgnoringCase("malformed").contains("garbage");
    }

    @Test
    void trailingCloseBrace() {
      InvalidInputException e = fail(DESIGN_EXAMPLE + "}");
      assertThat(e.path()).isEqualTo("$");
    }

    @Test
    void duplicateTopLevelKey() {
      InvalidInputException e = fail(example("\"purpose\": \"COUNTERTERRORISM\",",
          "\"purpose\": \"COUNTERTERRORISM\", \"purpose\": \"VIOLENT_CRIME\","));
      assertThat(e.path()).isEqualTo("$");
      assertThat(e.reason()).containsIgnoringCase("duplicate").contains("purpose");
    }

    @Test
    void duplicateNestedKey() {
      InvalidInputException e = fail(example("\"kind\": \"DMV\",", "\"kind\": \"DMV\", \"kind\": \"ALPR\","));
      assertThat(e.reason()).containsIgnoringCase("duplicate").contains("kind");
    }

    @Test
    void duplicateKeyInReadTree() {
      InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
          () -> json.readTree("{\"a\": 1, \"a\": 2}", "tree.json"));
      assertThat(e).isNotNull();
      assertThat(e.getMessage()).startsWith("tree.json: ");
      assertThat(e.reason()).containsIgnoringCase("duplicate");
    }

    @Test
    void emptyDocument() {
      InvalidInputException e = fail("");
      assertThat(e.path()).isEqualTo("$");
    }

    @Test
    void arrayInsteadOfObject() {
      InvalidInputException e = fail("[]");
      assertThat(e.path()).isEqualTo("$");
    }
  }

  @Nested
  class Jurisdictions {
    @Test
    void fullStateName() {
      assertError(example("\"jurisdiction\": \"US-CA\"", "\"jurisdiction\": \"California\""),
          "$.sources[0].jurisdiction", "California");
    }

    @Test
    void lowerCase() {
      assertError(example("\"jurisdiction\": \"US-CA\"", "\"jurisdiction\": \"us-ca\""),
          "$.sources[0].jurisdiction", "us-ca");
    }

    @Test
    void agencyJurisdiction() {
      assertError(example("\"jurisdiction\": \"US\"}", "\"jurisdiction\": \"USA\"}"),
          "$.requester.agency.jurisdiction", "USA");
    }

    @Test
    void numberForJurisdiction() {
      InvalidInputException e = fail(example("\"jurisdiction\": \"US-CA\"", "\"jurisdiction\": 6"));
      assertThat(e.path()).isEqualTo("$.sources[0].jurisdiction");
    }
  }

  @Nested
  class ModelRules {
    @Test
    void emptySources() {
      String text = DESIGN_EXAMPLE.replaceAll("(?s)\"sources\": \\[.*?\\]\\}\\]", "\"sources\": []");
      assertError(text, "$.sources", "at least one");
    }

    @Test
    void duplicateSourceIds() {
      String text = example("\"categories\": [\"dmv.record\", \"dmv.photo\", \"address.home\"]}]",
          "\"categories\": [\"dmv.record\"]}, {\"id\": \"ca-dmv\", \"kind\": \"ALPR\", \"jurisdiction\": \"US-CA\","
              + " \"categories\": [\"alpr.read\"]}]");
      InvalidInputException e = fail(text);
      assertThat(e.path()).isEqualTo("$.sources");
      assertThat(e.reason()).contains("ca-dmv").containsIgnoringCase("twice");
    }

    @Test
    void duplicateCategory() {
      assertError(example("\"address.home\"", "\"dmv.record\""), "$.sources[0].categories", "twice");
    }

    @Test
    void emptyCategories() {
      assertError(example("[\"dmv.record\", \"dmv.photo\", \"address.home\"]", "[]"), "$.sources[0].categories",
          "at least one");
    }

    @Test
    void nullCategoryIsAnInputErrorOnTheCategories() {
      InvalidInputException e = fail(example("\"dmv.photo\"", "null"));
      assertThat(e.path()).startsWith("$.sources[0].categories");
      assertThat(e.reason()).doesNotContain("java.lang").doesNotContain("NullPointerException");
    }

    @Test
    void judicialWarrantFromAgencyOfficer() {
      assertError(example("\"ADMINISTRATIVE_WARRANT\"", "\"JUDICIAL_WARRANT\""), "$.legalProcess.issuer",
          "AGENCY_OFFICER");
    }

    @Test
    void administrativeWarrantFromJudge() {
      assertError(example("\"AGENCY_OFFICER\"", "\"STATE_JUDGE\""), "$.legalProcess.issuer", "STATE_JUDGE");
    }

    @Test
    void immigrationAuthorityAtLocalLevel() {
      assertError(example("\"level\": \"FEDERAL\"", "\"level\": \"LOCAL\""), "$.requester.agency.level", "FEDERAL");
    }

    @Test
    void immigrationAuthorityOnBehalfOfAtStateLevel() {
      String text = example("\"onBehalfOf\": null",
          "\"onBehalfOf\": {\"id\": \"cbp\", \"name\": \"CBP\", \"level\": \"STATE\", \"component\": \"CBP\","
              + " \"jurisdiction\": \"US\"}");
      assertError(text, "$.onBehalfOf.level", "FEDERAL");
    }

    @Test
    void badCertificationName() {
      assertError(example("\"certifications\": []", "\"certifications\": [\"il alpr\"]"),
          "$.requester.certifications", "il alpr");
    }

    @Test
    void nullCertificationIsAnInputError() {
      InvalidInputException e = fail(example("\"certifications\": []", "\"certifications\": [null]"));
      assertThat(e.path()).startsWith("$.requester.certifications");
      assertThat(e.reason()).doesNotContain("java.lang").doesNotContain("NullPointerException");
    }
  }

  @Test
  void originIsFreeText() {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
        () -> json.read("{", DecisionRequest.class, "request body"));
    assertThat(e.getMessage()).startsWith("request body: $: ").doesNotContain("\n");
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(e.code().slug()).isEqualTo("invalid-input");
  }

  @Test
  void bindFromTreeReportsTheSamePaths() {
    JsonNode tree = json.readTree(example("\"kind\": \"DMV\"", "\"kind\": \"DMW\""), "request.yaml");
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
        () -> json.bind(tree, DecisionRequest.class, "request.yaml"));
    assertThat(e).isNotNull();
    assertThat(e.origin()).isEqualTo("request.yaml");
    assertThat(e.path()).isEqualTo("$.sources[0].kind");
    assertThat(e.reason()).contains("DMW");
  }

  @Test
  void bindFromTreeAcceptsTheExample() {
    assertThat(json.bind(json.readTree(DESIGN_EXAMPLE, ORIGIN), DecisionRequest.class, ORIGIN))
        .isEqualTo(read(DESIGN_EXAMPLE));
  }

  @Nested
  class Results {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private DecisionResult sample() {
      return new DecisionResult(
          Decision.DENY,
          List.of(Purpose.COUNTERTERRORISM, Purpose.CIVIL_IMMIGRATION_ENFORCEMENT),
          List.of(new Inference(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT, "requester component ICE_ERO")),
          List.of(new SourceDecision("ca-dmv", Decision.DENY, List.of(),
              List.of(Category.DMV_RECORD, Category.DMV_PHOTO, Category.ADDRESS_HOME), List.of(),
              List.of(new RuleMatch("us-ca", "ca-values-act-personal-info", Effect.FORBID,
                  "Cal. Gov. Code § 7284.6(a)(1)(D)", "...")),
              List.of(new Obligation(ObligationType.LOG_ACCESS, "us-ca", "log-it", "Cal. Civ. Code § 1798.90.52",
                  "")))),
          List.of(new PackRef("us-ca", "2026.11.0", DIGEST)));
    }

    @Test
    void roundTrip() {
      DecisionResult r = sample();
      assertThat(json.read(json.write(r), DecisionResult.class, "result.json")).isEqualTo(r);
      assertThat(json.read(json.writePretty(r), DecisionResult.class, "result.json")).isEqualTo(r);
    }

    @Test
    void writtenJsonUsesWireNames() {
      JsonNode tree = json.readTree(json.write(sample()), "result.json");
      assertThat(tree.get("decision").asText()).isEqualTo("DENY");
      assertThat(tree.get("effectivePurposes").get(1).asText()).isEqualTo("CIVIL_IMMIGRATION_ENFORCEMENT");
      JsonNode source = tree.get("sources").get(0);
      assertThat(source.get("source").asText()).isEqualTo("ca-dmv");
      assertThat(source.get("withheld").get(0).asText()).isEqualTo("dmv.record");
      assertThat(source.get("withheld").get(2).asText()).isEqualTo("address.home");
      assertThat(source.get("rules").get(0).get("effect").asText()).isEqualTo("forbid");
      assertThat(source.get("rules").get(0).get("citation").asText()).isEqualTo("Cal. Gov. Code § 7284.6(a)(1)(D)");
      assertThat(source.get("obligations").get(0).get("type").asText()).isEqualTo("LOG_ACCESS");
      assertThat(tree.get("packs").get(0).get("digest").asText()).isEqualTo(DIGEST);
      String text = json.write(sample());
      assertThat(text).contains("\"dmv.record\"").contains("\"forbid\"").doesNotContain("DMV_RECORD")
          .doesNotContain("FORBID");
    }

    @Test
    void readsTheDesignShapeOfAResult() {
      // DESIGN.md "Decision (output)" example, with a real digest and the "referred" list this model adds.
      String text = """
          {
            "decision": "DENY",
            "effectivePurposes": ["COUNTERTERRORISM", "CIVIL_IMMIGRATION_ENFORCEMENT"],
            "inferences": [{"purpose": "CIVIL_IMMIGRATION_ENFORCEMENT", "because": "requester component ICE_ERO"}],
            "sources": [{"source": "ca-dmv", "decision": "DENY",
                "released": [], "withheld": ["dmv.record", "dmv.photo", "address.home"], "referred": [],
                "rules": [{"pack": "us-ca", "id": "ca-values-act-personal-info", "effect": "forbid",
                           "citation": "Cal. Gov. Code § 7284.6(a)(1)(D)", "message": "..."}],
                "obligations": [{"type": "LOG_ACCESS", "pack": "us-ca", "rule": "log-it",
                                 "citation": "Cal. Civ. Code § 1798.90.52", "detail": ""}]}],
            "packs": [{"id": "us-ca", "version": "2026.11.0", "digest": "%s"}]
          }
          """.formatted(DIGEST);
      assertThat(json.read(text, DecisionResult.class, "result.json")).isEqualTo(sample());
    }

    @Test
    void upperCaseEffectIsUnknown() {
      String text = json.write(sample()).replace("\"forbid\"", "\"FORBID\"");
      InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
          () -> json.read(text, DecisionResult.class, "result.json"));
      assertThat(e).isNotNull();
      assertThat(e.path()).isEqualTo("$.sources[0].rules[0].effect");
      assertThat(e.reason()).contains("FORBID").contains("forbid");
    }

    @Test
    void badPackDigest() {
      String text = json.write(sample()).replace(DIGEST, "sha256:xyz");
      InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
          () -> json.read(text, DecisionResult.class, "result.json"));
      assertThat(e).isNotNull();
      assertThat(e.path()).isEqualTo("$.packs[0].digest");
      assertThat(e.reason()).contains("sha256");
    }
  }
}
