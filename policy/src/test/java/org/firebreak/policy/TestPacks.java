package org.firebreak.policy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.firebreak.core.json.StrictJson;
import org.firebreak.core.model.DecisionRequest;
import org.firebreak.policy.pack.Pack;
import org.firebreak.policy.pack.PackLoader;
import org.firebreak.policy.pack.PackSet;

/** Small packs written inline, and requests in JSON, for the semantics tests. */
final class TestPacks {
  static final StrictJson JSON = new StrictJson();
  static final Policy POLICY = new Policy(JSON);

  private TestPacks() {}

  static PackLoader loader() {
    return POLICY.loader();
  }

  static Pack pack(String name, String yaml) {
    return loader().load(name, yaml.getBytes(StandardCharsets.UTF_8));
  }

  /** An engine over packs given as YAML texts, loaded in order. */
  static PolicyEngine engine(String... yamls) {
    List<Pack> packs = new ArrayList<>();
    for (int i = 0; i < yamls.length; i++) {
      packs.add(pack("test-" + i + ".yaml", yamls[i]));
    }
    return new PolicyEngine(PackSet.of(packs), new PurposeInference(new ImmigrationTextClassifier()));
  }

  /** A pack header with the given id and jurisdiction; append rules to it. */
  static String header(String id, String jurisdiction) {
    return "id: " + id + "\ntitle: Test pack " + id + "\nversion: 1.0.0\njurisdiction: " + jurisdiction
        + "\nsourcesOfLaw: [test]\nrules:\n";
  }

  /** One rule in YAML, with the given extra lines (already indented by four spaces). */
  static String rule(String id, String effect, String... extra) {
    StringBuilder sb = new StringBuilder();
    sb.append("  - id: ").append(id).append('\n')
        .append("    citation: Test § ").append(id).append('\n')
        .append("    summary: rule ").append(id).append('\n')
        .append("    confidence: confirmed\n")
        .append("    effect: ").append(effect).append('\n');
    for (String e : extra) {
      sb.append("    ").append(e).append('\n');
    }
    return sb.toString();
  }

  static final String SF_POLICE =
      "{\"id\":\"sfpd\",\"name\":\"San Francisco PD\",\"level\":\"LOCAL\",\"component\":\"POLICE\",\"jurisdiction\":\"US-CA-SF\"}";
  static final String ICE_ERO =
      "{\"id\":\"ice-ero-sf\",\"name\":\"ICE ERO San Francisco\",\"level\":\"FEDERAL\",\"component\":\"ICE_ERO\",\"jurisdiction\":\"US\"}";
  static final String ICE_HSI =
      "{\"id\":\"ice-hsi-sf\",\"name\":\"HSI San Francisco\",\"level\":\"FEDERAL\",\"component\":\"ICE_HSI\",\"jurisdiction\":\"US\"}";
  static final String CA_DMV =
      "{\"id\":\"ca-dmv\",\"kind\":\"DMV\",\"jurisdiction\":\"US-CA\",\"categories\":[\"dmv.record\",\"address.home\",\"immigration_status\"]}";

  /** A request builder over JSON fragments, so each test states only what it is about. */
  static final class Req {
    String requester = SF_POLICE;
    String onBehalfOf = "null";
    String purpose = "VIOLENT_CRIME";
    String justification = "";
    String caseNumber = "\"26-1\"";
    String legalProcess = "{\"type\":\"NONE\"}";
    String sources = "[" + CA_DMV + "]";
    String time = "2026-11-20T10:00:00Z";

    Req requester(String agencyJson) {
      requester = agencyJson;
      return this;
    }

    Req onBehalfOf(String agencyJson) {
      onBehalfOf = agencyJson;
      return this;
    }

    Req purpose(String p) {
      purpose = p;
      return this;
    }

    Req justification(String j) {
      justification = j;
      return this;
    }

    Req noCaseNumber() {
      caseNumber = "null";
      return this;
    }

    Req process(String type, String issuer, String reference) {
      legalProcess = "{\"type\":\"" + type + "\"" + (issuer == null ? "" : ",\"issuer\":\"" + issuer + "\"")
          + (reference == null ? "" : ",\"reference\":\"" + reference + "\"") + "}";
      return this;
    }

    Req sources(String... sourceJson) {
      sources = "[" + String.join(",", sourceJson) + "]";
      return this;
    }

    Req time(String t) {
      time = t;
      return this;
    }

    String json() {
      return "{\"requester\":{\"id\":\"u-1\",\"agency\":" + requester + "},\"onBehalfOf\":" + onBehalfOf
          + ",\"purpose\":\"" + purpose + "\",\"justification\":" + JSON.write(justification)
          + ",\"caseNumber\":" + caseNumber + ",\"legalProcess\":" + legalProcess + ",\"sources\":" + sources
          + ",\"time\":\"" + time + "\"}";
    }

    DecisionRequest build() {
      return JSON.read(json(), DecisionRequest.class, "test request");
    }
  }

  static Req req() {
    return new Req();
  }

  static String source(String id, String kind, String jurisdiction, String... categories) {
    return "{\"id\":\"" + id + "\",\"kind\":\"" + kind + "\",\"jurisdiction\":\"" + jurisdiction
        + "\",\"categories\":[" + String.join(",", java.util.Arrays.stream(categories).map(c -> "\"" + c + "\"")
        .toList()) + "]}";
  }
}
