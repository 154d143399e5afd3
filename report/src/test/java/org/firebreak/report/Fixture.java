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
 * {@link TransparencyReportTest}. Entries 0 to 3 are version 1 (written before the gateway counted records per source
 * and cited rules in the entry); the restart of 1 November (entry 4) brought version 2. Indexes and what each entry
 * is:
 *
 * <pre>
 *  0 packs     2026-05-20  us-ca 2026.9.0 (A), us-federal-floor 1.0 (B)       before the months covered: context
 *  1 decision  2026-05-21  LOCAL POLICE, VIOLENT_CRIME, PERMIT, 1 record       before: the range's first entry
 *  2 decision  2026-10-15  LOCAL POLICE, VIOLENT_CRIME, DMV released, PERMIT, 2 records
 *  3 decision  2026-10-20  FEDERAL ICE_ERO, declared COUNTERTERRORISM, effective +CIVIL_IMMIGRATION, DENY
 *  4 packs     2026-11-01  A, B again (a restart: no change)
 *  5 decision  2026-11-02  LOCAL POLICE, VIOLENT_CRIME, JUDICIAL_WARRANT, DMV released dmv.record+dmv.photo,
 *                          PERMIT, 1 record (the DMV's)
 *  6 decision  2026-11-03  LOCAL POLICE, PROPERTY_CRIME, NONE, ALPR released alpr.read, PERMIT, 3 records
 *  7 decision  2026-11-05  FEDERAL ICE_ERO, COUNTERTERRORISM -> +CIVIL_IMMIGRATION, ADMINISTRATIVE_WARRANT,
 *                          DMV withheld dmv.record+address.home and UTILITY withheld utility.account, both under
 *                          us-ca/ca-values-act-personal-info, DENY
 *  8 decision  2026-11-06  LOCAL SHERIFF on behalf of FEDERAL ICE_ERO, task force 287G, OTHER -> +CIVIL_IMMIGRATION,
 *                          NONE, JAIL_BOOKING withheld custody.release_date under ca-values-act-release-dates, DENY
 *  9 decision  2026-11-10  LOCAL POLICE, task force JTTF, COUNTERTERRORISM, NONE, DMV referred
 *                          dmv.source_documents under us-ca/dmv-source-docs-refer, REFER
 * 10 rejected  2026-11-11  FEDERAL CBP, not-found
 * 11 review    2026-11-12  of entry 9: PERMIT, the DMV's dmv.source_documents, 1 record
 * 12 packs     2026-11-20  us-ca 2026.11.0 (C), us-federal-floor 1.0 (B): us-ca changed
 * 13 decision  2026-11-25  STATE STATE_POLICE, NARCOTICS, COURT_ORDER, SCHOOL released education.record (4 records)
 *                          and POLICE_RECORDS released criminal_history (2 records), both under the permit rule
 *                          us-ca/permit-court-order, PERMIT, 6 records
 * 14 flag      2026-11-26  immigration-agency HIGH on 7
 * 15 flag      2026-11-26  immigration-agency MEDIUM on 8
 * 16 flag      2026-11-26  task-force HIGH on 8
 * 17 flag      2026-11-27  relay MEDIUM on 5, evidence 5 and 8
 * 18 flag      2026-11-27  missing-case-number LOW on 6
 * 19 decision  2026-12-01  LOCAL POLICE, VIOLENT_CRIME, PERMIT, 1 record       after: the range's last entry
 * 20 decision  2026-12-02  LOCAL POLICE, VIOLENT_CRIME, PERMIT, 1 record       after, outside the range
 * 21 flag      2026-12-02  immigration-agency HIGH on 3: published in December, counted in December
 * </pre>
 *
 * {@link #entries(int)} with version 1 writes every decision and review as version 1 (as a log from before issue 7
 * would hold them), the flags unchanged. {@link #intoNextYear()} adds two entries of 2027, so that a report of the
 * last quarter or of the year 2026 has an entry after it:
 *
 * <pre>
 * 22 decision  2027-01-04  LOCAL POLICE, VIOLENT_CRIME, JUDICIAL_WARRANT, DMV released dmv.record, PERMIT, 1 record
 * 23 decision  2027-02-01  the same
 * </pre>
 */
final class Fixture {
  static final String A = "sha256:" + "a".repeat(64);
  static final String B = "sha256:" + "b".repeat(64);
  static final String C = "sha256:" + "c".repeat(64);
  static final String Z = "sha256:" + "f".repeat(64);
  static final String PERSONAL_INFO = "us-ca/ca-values-act-personal-info";
  static final String RELEASE_DATES = "us-ca/ca-values-act-release-dates";
  static final String DOCS_REFER = "us-ca/dmv-source-docs-refer";
  static final String COURT_ORDER = "us-ca/permit-court-order";
  static final String VALUES_ACT = "Cal. Gov. Code § 7284.6(a)(1)";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  /** What the rule packs say about the fixture's rules: effect and citation. */
  private static final Map<String, List<String>> RULES = Map.of(
      PERSONAL_INFO, List.of("forbid", "Cal. Gov. Code § 7284.6(a)(1)(D)"),
      RELEASE_DATES, List.of("forbid", "Cal. Gov. Code § 7284.6(a)(1)(C)"),
      DOCS_REFER, List.of("refer", "Cal. Veh. Code § 12800.7"),
      COURT_ORDER, List.of("permit", "Cal. Penal Code § 1524"));

  final Path dir;
  final String vkey;

  private Fixture(Path dir, String vkey) {
    this.dir = dir;
    this.vkey = vkey;
  }

  /** The fixture as listed above: version 1 before November, version 2 from entry 4 on. */
  static List<byte[]> entries() {
    return entries(2);
  }

  /** The fixture with the decisions and reviews from entry 4 on in version {@code v}. */
  static List<byte[]> entries(int v) {
    List<String> packsAB = List.of("us-ca@2026.9.0 " + A, "us-federal-floor@1.0 " + B);
    List<String> packsCB = List.of("us-ca@2026.11.0 " + C, "us-federal-floor@1.0 " + B);
    List<ObjectNode> e = new ArrayList<>();
    e.add(packs(1, "2026-05-20", List.of(pack("us-ca", "2026.9.0", A), pack("us-federal-floor", "1.0", B))));
    e.add(decision(1, "2026-05-21", agency("LOCAL", "POLICE"), null, List.of(), "VIOLENT_CRIME",
        List.of("VIOLENT_CRIME"), "JUDICIAL_WARRANT",
        List.of(source(1, "DMV", "PERMIT", List.of("dmv.record"), List.of(), List.of(), List.of(), 1)), "PERMIT",
        packsAB));
    e.add(decision(1, "2026-10-15", agency("LOCAL", "POLICE"), null, List.of(), "VIOLENT_CRIME",
        List.of("VIOLENT_CRIME"), "JUDICIAL_WARRANT",
        List.of(source(1, "DMV", "PERMIT", List.of("dmv.record"), List.of(), List.of(), List.of(), 2)), "PERMIT",
        packsAB));
    e.add(decision(1, "2026-10-20", agency("FEDERAL", "ICE_ERO"), null, List.of(), "COUNTERTERRORISM",
        List.of("COUNTERTERRORISM", "CIVIL_IMMIGRATION_ENFORCEMENT"), "ADMINISTRATIVE_WARRANT",
        List.of(source(1, "DMV", "DENY", List.of(), List.of("dmv.record"), List.of(), List.of(PERSONAL_INFO), 0)),
        "DENY", packsAB));
    e.add(packs(2, "2026-11-01", List.of(pack("us-ca", "2026.9.0", A), pack("us-federal-floor", "1.0", B))));
    e.add(decision(v, "2026-11-02", agency("LOCAL", "POLICE"), null, List.of(), "VIOLENT_CRIME",
        List.of("VIOLENT_CRIME"), "JUDICIAL_WARRANT", List.of(source(v, "DMV", "PERMIT",
            List.of("dmv.record", "dmv.photo"), List.of(), List.of(), List.of(), 1)), "PERMIT", packsAB));
    e.add(decision(v, "2026-11-03", agency("LOCAL", "POLICE"), null, List.of(), "PROPERTY_CRIME",
        List.of("PROPERTY_CRIME"), "NONE",
        List.of(source(v, "ALPR", "PERMIT", List.of("alpr.read"), List.of(), List.of(), List.of(), 3)), "PERMIT",
        packsAB));
    e.add(decision(v, "2026-11-05", agency("FEDERAL", "ICE_ERO"), null, List.of(), "COUNTERTERRORISM",
        List.of("COUNTERTERRORISM", "CIVIL_IMMIGRATION_ENFORCEMENT"), "ADMINISTRATIVE_WARRANT",
        List.of(source(v, "DMV", "DENY", List.of(), List.of("dmv.record", "address.home"), List.of(),
                List.of(PERSONAL_INFO), 0),
            source(v, "UTILITY", "DENY", List.of(), List.of("utility.account"), List.of(), List.of(PERSONAL_INFO),
                0)), "DENY", packsAB));
    e.add(decision(v, "2026-11-06", agency("LOCAL", "SHERIFF"), agency("FEDERAL", "ICE_ERO"), List.of("287G"),
        "OTHER", List.of("OTHER", "CIVIL_IMMIGRATION_ENFORCEMENT"), "NONE",
        List.of(source(v, "JAIL_BOOKING", "DENY", List.of(), List.of("custody.release_date"), List.of(),
            List.of(RELEASE_DATES), 0)), "DENY", packsAB));
    e.add(decision(v, "2026-11-10", agency("LOCAL", "POLICE"), null, List.of("JTTF"), "COUNTERTERRORISM",
        List.of("COUNTERTERRORISM"), "NONE",
        List.of(source(v, "DMV", "REFER", List.of(), List.of(), List.of("dmv.source_documents"), List.of(DOCS_REFER),
            0)), "REFER", packsAB));
    e.add(rejected(2, "2026-11-11", agency("FEDERAL", "CBP"), "not-found"));
    e.add(review(v, "2026-11-12", 9, "PERMIT", List.of(reviewed("DMV", List.of("dmv.source_documents"), List.of(),
        1))));
    e.add(packs(2, "2026-11-20", List.of(pack("us-ca", "2026.11.0", C), pack("us-federal-floor", "1.0", B))));
    e.add(decision(v, "2026-11-25", agency("STATE", "STATE_POLICE"), null, List.of(), "NARCOTICS",
        List.of("NARCOTICS"), "COURT_ORDER",
        List.of(source(v, "SCHOOL", "PERMIT", List.of("education.record"), List.of(), List.of(), List.of(COURT_ORDER),
                4),
            source(v, "POLICE_RECORDS", "PERMIT", List.of("criminal_history"), List.of(), List.of(),
                List.of(COURT_ORDER), 2)), "PERMIT", packsCB));
    e.add(flag("2026-11-26", "immigration-agency", "HIGH", 7, List.of(7L),
        List.of(VALUES_ACT, "Cal. Gov. Code § 7284.8(b)")));
    e.add(flag("2026-11-26", "immigration-agency", "MEDIUM", 8, List.of(8L), List.of()));
    e.add(flag("2026-11-26", "task-force", "HIGH", 8, List.of(8L),
        List.of("Cal. Gov. Code § 7284.6(b)(3)", "8 U.S.C. § 1357(g)")));
    e.add(flag("2026-11-27", "relay", "MEDIUM", 5, List.of(5L, 8L), List.of(VALUES_ACT)));
    e.add(flag("2026-11-27", "missing-case-number", "LOW", 6, List.of(6L), List.of("Cal. Civ. Code § 1798.90.52")));
    e.add(decision(v, "2026-12-01", agency("LOCAL", "POLICE"), null, List.of(), "VIOLENT_CRIME",
        List.of("VIOLENT_CRIME"), "JUDICIAL_WARRANT",
        List.of(source(v, "DMV", "PERMIT", List.of("dmv.record"), List.of(), List.of(), List.of(), 1)), "PERMIT",
        packsCB));
    e.add(decision(v, "2026-12-02", agency("LOCAL", "POLICE"), null, List.of(), "VIOLENT_CRIME",
        List.of("VIOLENT_CRIME"), "JUDICIAL_WARRANT",
        List.of(source(v, "DMV", "PERMIT", List.of("dmv.record"), List.of(), List.of(), List.of(), 1)), "PERMIT",
        packsCB));
    e.add(flag("2026-12-02", "immigration-agency", "HIGH", 3, List.of(3L), List.of(VALUES_ACT)));
    return e.stream().map(o -> CanonicalJson.canonicalize(o.toString())).toList();
  }

  /** The fixture, then entries 22 and 23 of January and February 2027. */
  static List<byte[]> intoNextYear() {
    List<String> packsCB = List.of("us-ca@2026.11.0 " + C, "us-federal-floor@1.0 " + B);
    List<byte[]> e = new ArrayList<>(entries());
    for (String day : List.of("2027-01-04", "2027-02-01")) {
      e.add(CanonicalJson.canonicalize(decision(2, day, agency("LOCAL", "POLICE"), null, List.of(), "VIOLENT_CRIME",
          List.of("VIOLENT_CRIME"), "JUDICIAL_WARRANT",
          List.of(source(2, "DMV", "PERMIT", List.of("dmv.record"), List.of(), List.of(), List.of(), 1)), "PERMIT",
          packsCB).toString()));
    }
    return e;
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

  private static ObjectNode header(int v, String type, String day) {
    return F.objectNode().put("v", v).put("type", type).put("day", day);
  }

  static ObjectNode agency(String level, String component) {
    return F.objectNode().put("agency", "agency-" + component.toLowerCase()).put("level", level)
        .put("component", component).put("jurisdiction", level.equals("FEDERAL") ? "US" : "US-CA");
  }

  /** A source of a decision; version 1 names rules by id only and counts no records per source. */
  static ObjectNode source(int v, String kind, String decision, List<String> released, List<String> withheld,
      List<String> referred, List<String> rules, int records) {
    ObjectNode s = F.objectNode().put("source", kind.toLowerCase() + "-1").put("kind", kind)
        .put("jurisdiction", "US-CA").put("decision", decision);
    s.set("released", strings(released));
    s.set("withheld", strings(withheld));
    s.set("referred", strings(referred));
    if (v == 1) {
      s.set("rules", strings(rules));
    } else {
      ArrayNode a = s.putArray("rules");
      rules.forEach(r -> a.addObject().put("rule", r).put("effect", RULES.get(r).get(0))
          .put("citation", RULES.get(r).get(1)));
    }
    s.put("releasedRecords", records); // dropped from a version-1 source by decision(), which sums it first
    s.set("obligations", strings(List.of()));
    return s;
  }

  /** A decision; its releasedRecords is the sum of its sources'. */
  static ObjectNode decision(int v, String day, ObjectNode requester, ObjectNode onBehalfOf, List<String> taskForces,
      String purpose, List<String> effective, String legalProcess, List<ObjectNode> sources, String decision,
      List<String> packs) {
    ObjectNode o = header(v, "decision", day);
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
    int records = 0;
    for (ObjectNode source : sources) {
      records += source.get("releasedRecords").asInt();
      if (v == 1) {
        source.remove("releasedRecords");
      }
      s.add(source);
    }
    o.put("decision", decision);
    o.put("releasedRecords", records);
    o.set("packs", strings(packs));
    o.put("commitment", "c29tZSBjb21taXRtZW50IGJ5dGVzIGhlcmUgMDAwMDA=");
    return o;
  }

  /** A source a review released (or kept withheld), with its records. */
  static ObjectNode reviewed(String kind, List<String> released, List<String> withheld, int records) {
    ObjectNode s = F.objectNode().put("source", kind.toLowerCase() + "-1").put("kind", kind);
    s.set("released", strings(released));
    s.set("withheld", strings(withheld));
    return s.put("releasedRecords", records);
  }

  static ObjectNode review(int v, String day, long requestIndex, String decision, List<ObjectNode> sources) {
    ObjectNode o = header(v, "review", day).put("requestIndex", requestIndex).put("decision", decision);
    int records = sources.stream().mapToInt(s -> s.get("releasedRecords").asInt()).sum();
    if (v > 1) {
      ArrayNode a = o.putArray("sources");
      sources.forEach(a::add);
    }
    return o.put("releasedRecords", records).put("commitment", "cmV2aWV3IGNvbW1pdG1lbnQ=");
  }

  static ObjectNode rejected(int v, String day, ObjectNode requester, String reason) {
    ObjectNode o = header(v, "rejected", day);
    o.set("requester", requester);
    return o.put("reason", reason).put("commitment", "cmVqZWN0ZWQgY29tbWl0bWVudA==");
  }

  static ObjectNode packs(int v, String day, List<ObjectNode> packs) {
    ObjectNode o = header(v, "packs", day);
    ArrayNode a = o.putArray("packs");
    packs.forEach(a::add);
    return o;
  }

  static ObjectNode pack(String id, String version, String digest) {
    return F.objectNode().put("id", id).put("version", version).put("digest", digest);
  }

  static ObjectNode flag(String day, String detector, String severity, long requestIndex, List<Long> evidence,
      List<String> citations) {
    ObjectNode o = header(2, "flag", day).put("detector", detector).put("severity", severity)
        .put("requestIndex", requestIndex);
    ArrayNode ev = o.putArray("evidence");
    evidence.forEach(ev::add);
    o.set("citations", strings(citations));
    return o;
  }

  private static ArrayNode strings(List<String> list) {
    ArrayNode a = F.arrayNode();
    list.forEach(a::add);
    return a;
  }
}
