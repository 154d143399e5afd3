package org.firebreak.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.firebreak.core.json.CanonicalJson;
import org.firebreak.core.vocab.Effect;
import org.firebreak.ledger.Ledger;
import org.firebreak.ledger.LedgerOptions;
import org.firebreak.ledger.LogDirectory;
import org.firebreak.ledger.LogReader;
import org.firebreak.ledger.note.NoteVerifier;
import org.firebreak.ledger.storage.DirectoryStorage;

/**
 * A small hand-built ledger in the gateway's PublicEntry format, whose counts are worked out by hand in
 * {@link TransparencyReportTest}. Indexes and what each entry is:
 *
 * <pre>
 *  0 packs     2026-05-20  us-ca 2026.9.0 (A), us-federal-floor 1.0 (B)       before the months covered: context
 *  1 decision  2026-05-21  LOCAL POLICE, VIOLENT_CRIME, PERMIT, 1 record       before: the range's first entry
 *  2 decision  2026-10-15  LOCAL POLICE, VIOLENT_CRIME, DMV released, PERMIT, 2 records
 *  3 decision  2026-10-20  FEDERAL ICE_ERO, declared COUNTERTERRORISM, effective +CIVIL_IMMIGRATION, DENY
 *  4 packs     2026-11-01  A, B again (a restart: no change)
 *  5 decision  2026-11-02  LOCAL POLICE, VIOLENT_CRIME, JUDICIAL_WARRANT, DMV released dmv.record+dmv.photo,
 *                          PERMIT, 1 record
 *  6 decision  2026-11-03  LOCAL POLICE, PROPERTY_CRIME, NONE, ALPR released alpr.read, PERMIT, 3 records
 *  7 decision  2026-11-05  FEDERAL ICE_ERO, COUNTERTERRORISM -> +CIVIL_IMMIGRATION, ADMINISTRATIVE_WARRANT,
 *                          DMV withheld dmv.record+address.home and UTILITY withheld utility.account, both under
 *                          us-ca/ca-values-act-personal-info, DENY
 *  8 decision  2026-11-06  LOCAL SHERIFF on behalf of FEDERAL ICE_ERO, task force 287G, OTHER -> +CIVIL_IMMIGRATION,
 *                          NONE, JAIL_BOOKING withheld custody.release_date under ca-values-act-release-dates, DENY
 *  9 decision  2026-11-10  LOCAL POLICE, task force JTTF, COUNTERTERRORISM, NONE, DMV referred
 *                          dmv.source_documents under us-ca/dmv-source-docs-refer, REFER
 * 10 rejected  2026-11-11  FEDERAL CBP, not-found
 * 11 review    2026-11-12  of entry 9: PERMIT, 1 record
 * 12 packs     2026-11-20  us-ca 2026.11.0 (C), us-federal-floor 1.0 (B): us-ca changed
 * 13 decision  2026-11-25  STATE STATE_POLICE, NARCOTICS, COURT_ORDER, SCHOOL released education.record (rule
 *                          us-ca/permit-court-order), PERMIT, 4 records
 * 14 decision  2026-12-01  LOCAL POLICE, VIOLENT_CRIME, PERMIT, 1 record       after: the range's last entry
 * 15 decision  2026-12-02  LOCAL POLICE, VIOLENT_CRIME, PERMIT, 1 record       after, outside the range
 * </pre>
 */
final class Fixture {
  static final String A = "sha256:" + "a".repeat(64);
  static final String B = "sha256:" + "b".repeat(64);
  static final String C = "sha256:" + "c".repeat(64);
  static final String Z = "sha256:" + "f".repeat(64);
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  final Path dir;
  final String vkey;

  private Fixture(Path dir, String vkey) {
    this.dir = dir;
    this.vkey = vkey;
  }

  static List<byte[]> entries() {
    List<String> packsAB = List.of("us-ca@2026.9.0 " + A, "us-federal-floor@1.0 " + B);
    List<String> packsCB = List.of("us-ca@2026.11.0 " + C, "us-federal-floor@1.0 " + B);
    List<ObjectNode> e = new ArrayList<>();
    e.add(packs("2026-05-20", List.of(pack("us-ca", "2026.9.0", A), pack("us-federal-floor", "1.0", B))));
    e.add(decision("2026-05-21", agency("LOCAL", "POLICE"), null, List.of(), "VIOLENT_CRIME", List.of("VIOLENT_CRIME"),
        "JUDICIAL_WARRANT", List.of(source("DMV", "PERMIT", List.of("dmv.record"), List.of(), List.of(), List.of())),
        "PERMIT", 1, packsAB));
    e.add(decision("2026-10-15", agency("LOCAL", "POLICE"), null, List.of(), "VIOLENT_CRIME", List.of("VIOLENT_CRIME"),
        "JUDICIAL_WARRANT", List.of(source("DMV", "PERMIT", List.of("dmv.record"), List.of(), List.of(), List.of())),
        "PERMIT", 2, packsAB));
    e.add(decision("2026-10-20", agency("FEDERAL", "ICE_ERO"), null, List.of(), "COUNTERTERRORISM",
        List.of("COUNTERTERRORISM", "CIVIL_IMMIGRATION_ENFORCEMENT"), "ADMINISTRATIVE_WARRANT",
        List.of(source("DMV", "DENY", List.of(), List.of("dmv.record"), List.of(),
            List.of("us-ca/ca-values-act-personal-info"))), "DENY", 0, packsAB));
    e.add(packs("2026-11-01", List.of(pack("us-ca", "2026.9.0", A), pack("us-federal-floor", "1.0", B))));
    e.add(decision("2026-11-02", agency("LOCAL", "POLICE"), null, List.of(), "VIOLENT_CRIME", List.of("VIOLENT_CRIME"),
        "JUDICIAL_WARRANT", List.of(source("DMV", "PERMIT", List.of("dmv.record", "dmv.photo"), List.of(), List.of(),
            List.of())), "PERMIT", 1, packsAB));
    e.add(decision("2026-11-03", agency("LOCAL", "POLICE"), null, List.of(), "PROPERTY_CRIME",
        List.of("PROPERTY_CRIME"), "NONE",
        List.of(source("ALPR", "PERMIT", List.of("alpr.read"), List.of(), List.of(), List.of())), "PERMIT", 3,
        packsAB));
    e.add(decision("2026-11-05", agency("FEDERAL", "ICE_ERO"), null, List.of(), "COUNTERTERRORISM",
        List.of("COUNTERTERRORISM", "CIVIL_IMMIGRATION_ENFORCEMENT"), "ADMINISTRATIVE_WARRANT",
        List.of(source("DMV", "DENY", List.of(), List.of("dmv.record", "address.home"), List.of(),
                List.of("us-ca/ca-values-act-personal-info")),
            source("UTILITY", "DENY", List.of(), List.of("utility.account"), List.of(),
                List.of("us-ca/ca-values-act-personal-info"))), "DENY", 0, packsAB));
    e.add(decision("2026-11-06", agency("LOCAL", "SHERIFF"), agency("FEDERAL", "ICE_ERO"), List.of("287G"), "OTHER",
        List.of("OTHER", "CIVIL_IMMIGRATION_ENFORCEMENT"), "NONE",
        List.of(source("JAIL_BOOKING", "DENY", List.of(), List.of("custody.release_date"), List.of(),
            List.of("us-ca/ca-values-act-release-dates"))), "DENY", 0, packsAB));
    e.add(decision("2026-11-10", agency("LOCAL", "POLICE"), null, List.of("JTTF"), "COUNTERTERRORISM",
        List.of("COUNTERTERRORISM"), "NONE",
        List.of(source("DMV", "REFER", List.of(), List.of(), List.of("dmv.source_documents"),
            List.of("us-ca/dmv-source-docs-refer"))), "REFER", 0, packsAB));
    e.add(rejected("2026-11-11", agency("FEDERAL", "CBP"), "not-found"));
    e.add(review("2026-11-12", 9, "PERMIT", 1));
    e.add(packs("2026-11-20", List.of(pack("us-ca", "2026.11.0", C), pack("us-federal-floor", "1.0", B))));
    e.add(decision("2026-11-25", agency("STATE", "STATE_POLICE"), null, List.of(), "NARCOTICS", List.of("NARCOTICS"),
        "COURT_ORDER", List.of(source("SCHOOL", "PERMIT", List.of("education.record"), List.of(), List.of(),
            List.of("us-ca/permit-court-order"))), "PERMIT", 4, packsCB));
    e.add(decision("2026-12-01", agency("LOCAL", "POLICE"), null, List.of(), "VIOLENT_CRIME", List.of("VIOLENT_CRIME"),
        "JUDICIAL_WARRANT", List.of(source("DMV", "PERMIT", List.of("dmv.record"), List.of(), List.of(), List.of())),
        "PERMIT", 1, packsCB));
    e.add(decision("2026-12-02", agency("LOCAL", "POLICE"), null, List.of(), "VIOLENT_CRIME", List.of("VIOLENT_CRIME"),
        "JUDICIAL_WARRANT", List.of(source("DMV", "PERMIT", List.of("dmv.record"), List.of(), List.of(), List.of())),
        "PERMIT", 1, packsCB));
    return e.stream().map(o -> CanonicalJson.canonicalize(o.toString())).toList();
  }

  /** The rule packs' word on the rules the fixture names (and one from a pack the log never recorded). */
  static RuleCatalog catalog() {
    return new RuleCatalog(Map.of(
        "us-ca/ca-values-act-personal-info", new RuleCatalog.Rule(Effect.FORBID, "Cal. Gov. Code § 7284.6(a)(1)(D)",
            "us-ca@2026.9.0", A),
        "us-ca/ca-values-act-release-dates", new RuleCatalog.Rule(Effect.FORBID, "Cal. Gov. Code § 7284.6(a)(1)(C)",
            "us-ca@2026.9.0", A),
        "us-ca/dmv-source-docs-refer", new RuleCatalog.Rule(Effect.REFER, "Cal. Veh. Code § 12800.7", "us-ca@2026.9.0",
            A),
        "us-ca/permit-court-order", new RuleCatalog.Rule(Effect.PERMIT, "Cal. Penal Code § 1524", "us-ca@2026.11.0",
            C),
        "us-ca/never-recorded", new RuleCatalog.Rule(Effect.FORBID, "nowhere", "us-ca@0.0.1", Z)));
  }

  /** Writes the fixture into a new log in {@code dir}. */
  static Fixture create(Path dir) throws IOException {
    return create(dir, entries());
  }

  static Fixture create(Path dir, List<byte[]> entries) throws IOException {
    String vkey = LogDirectory.init(dir, "example.org/firebreak-test", Optional.empty());
    try (Ledger ledger = LogDirectory.open(dir, LedgerOptions.defaults())) {
      List<CompletableFuture<Long>> acks = new ArrayList<>();
      entries.forEach(b -> acks.add(ledger.append(b)));
      long last = 0;
      for (CompletableFuture<Long> a : acks) {
        last = a.join();
      }
      ledger.checkpointCovering(last + 1).join();
    }
    return new Fixture(dir, vkey);
  }

  LogReader reader() throws IOException {
    return LogReader.open(new DirectoryStorage(dir), key());
  }

  NoteVerifier key() {
    return NoteVerifier.parse(vkey);
  }

  // ---- entries, field for field as gateway/PublicEntry writes them ----

  private static ObjectNode header(String type, String day) {
    return F.objectNode().put("v", 1).put("type", type).put("day", day);
  }

  static ObjectNode agency(String level, String component) {
    return F.objectNode().put("agency", "agency-" + component.toLowerCase()).put("level", level)
        .put("component", component).put("jurisdiction", level.equals("FEDERAL") ? "US" : "US-CA");
  }

  static ObjectNode source(String kind, String decision, List<String> released, List<String> withheld,
      List<String> referred, List<String> rules) {
    ObjectNode s = F.objectNode().put("source", kind.toLowerCase() + "-1").put("kind", kind)
        .put("jurisdiction", "US-CA").put("decision", decision);
    s.set("released", strings(released));
    s.set("withheld", strings(withheld));
    s.set("referred", strings(referred));
    s.set("rules", strings(rules));
    s.set("obligations", strings(List.of()));
    return s;
  }

  static ObjectNode decision(String day, ObjectNode requester, ObjectNode onBehalfOf, List<String> taskForces,
      String purpose, List<String> effective, String legalProcess, List<ObjectNode> sources, String decision,
      int records, List<String> packs) {
    ObjectNode o = header("decision", day);
    o.set("requester", requester);
    if (onBehalfOf != null) {
      o.set("onBehalfOf", onBehalfOf);
    }
    o.set("taskForces", strings(taskForces));
    o.put("purpose", purpose);
    o.set("effectivePurposes", strings(effective));
    o.put("legalProcess", legalProcess);
    o.put("caseNumberGiven", true);
    ArrayNode s = o.putArray("sources");
    sources.forEach(s::add);
    o.put("decision", decision);
    o.put("releasedRecords", records);
    o.set("packs", strings(packs));
    o.put("commitment", "c29tZSBjb21taXRtZW50IGJ5dGVzIGhlcmUgMDAwMDA=");
    return o;
  }

  static ObjectNode review(String day, long requestIndex, String decision, int records) {
    return header("review", day).put("requestIndex", requestIndex).put("decision", decision)
        .put("releasedRecords", records).put("commitment", "cmV2aWV3IGNvbW1pdG1lbnQ=");
  }

  static ObjectNode rejected(String day, ObjectNode requester, String reason) {
    ObjectNode o = header("rejected", day);
    o.set("requester", requester);
    return o.put("reason", reason).put("commitment", "cmVqZWN0ZWQgY29tbWl0bWVudA==");
  }

  static ObjectNode packs(String day, List<ObjectNode> packs) {
    ObjectNode o = header("packs", day);
    ArrayNode a = o.putArray("packs");
    packs.forEach(a::add);
    return o;
  }

  static ObjectNode pack(String id, String version, String digest) {
    return F.objectNode().put("id", id).put("version", version).put("digest", digest);
  }

  private static ArrayNode strings(List<String> list) {
    ArrayNode a = F.arrayNode();
    list.forEach(a::add);
    return a;
  }
}
