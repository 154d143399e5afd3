package org.firebreak.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.firebreak.ledger.LedgerVerifier;
import org.firebreak.ledger.LogReader;
import org.firebreak.ledger.note.NoteVerifier;
import org.firebreak.ledger.storage.DirectoryStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flags go into the public log once each, across restarts, and carry no personal identifier: a real data directory
 * (SQLite file, ledger tile directory) started, used and closed three times, as {@code firebreak serve} runs it.
 */
class FlagPublisherTest {
  /** Everything personal the requests below carry: none of it may reach a flag entry. */
  private static final List<String> PERSONAL = List.of("officer-7", "colleague-7", "auditor-7", "Ana Ruiz",
      "Ben Ito", "D1234567", "D7654321", "12 Mission St", "26-01628", "26-01629", "26-01630", "26-01631",
      "armed robbery", "locate subject", "ICE ERO San Francisco", "Costa Verde PD", "req-");

  @TempDir
  Path tmp;

  /** The periodic runs are an hour apart: every run in this test is one it asks for, or the one at close. */
  private Deployment start(Path dir) throws Exception {
    return Deployment.start(new Deployment.Settings(dir, Optional.empty(), "127.0.0.1", 0, "firebreak.test/log")
        .withFlags(new FlagPublisher.Settings(Duration.ofHours(1), AuditFlags.DEFAULT_WINDOW)));
  }

  /** One flag entry: what it points at, in the order of the log. */
  private record Published(long index, long requestIndex, String detector, String severity, List<Long> evidence,
      byte[] bytes) {}

  /** The flags in the log of a stopped deployment: its directory holds the whole log. */
  private static List<Published> flags(Path dir) throws Exception {
    try (DirectoryStorage storage = new DirectoryStorage(dir.resolve(Deployment.LEDGER_DIR))) {
      return flags(dir, storage);
    }
  }

  /** The flags in the log as {@code storage} holds it (a running deployment's: {@link Deployment#logFiles}). */
  private static List<Published> flags(Path dir, org.firebreak.ledger.storage.LedgerStorage storage)
      throws Exception {
    NoteVerifier key = NoteVerifier.parse(Files.readString(dir.resolve(Deployment.VKEY_FILE)).strip());
    List<Published> out = new ArrayList<>();
    assertThat(LedgerVerifier.verify(storage, key).problem()).isEmpty();
    LogReader log = LogReader.open(storage, key);
    for (long i = 0; i < log.size(); i++) {
      byte[] bytes = log.entry(i);
      JsonNode e = Http.JSON.readTree(bytes);
      if (e.get("type").asText().equals("flag")) {
        List<Long> evidence = new ArrayList<>();
        e.get("evidence").forEach(n -> evidence.add(n.asLong()));
        out.add(new Published(i, e.get("requestIndex").asLong(), e.get("detector").asText(),
            e.get("severity").asText(), evidence, bytes));
      }
    }
    return out;
  }

  /** The ledger index of each request's decision entry, from its receipt. */
  private final Map<String, Long> indexes = new HashMap<>();

  private String submit(Http http, String token, String body) {
    Http.Response r = http.postJson("/v1/requests", token, body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    indexes.put(r.json().get("id").asText(), r.json().at("/receipt/index").asLong());
    return r.json().get("id").asText();
  }

  private static String register(Http http, String admin) {
    for (String agency : List.of(
        "{\"id\":\"cvpd\",\"name\":\"Costa Verde PD\",\"level\":\"LOCAL\",\"component\":\"POLICE\","
            + "\"jurisdiction\":\"US-CA-COSTA_VERDE\"}",
        "{\"id\":\"dmv\",\"name\":\"California DMV\",\"level\":\"STATE\",\"component\":\"DMV\","
            + "\"jurisdiction\":\"US-CA\"}")) {
      assertThat(http.postJson("/v1/agencies", admin, agency).status()).isEqualTo(201);
    }
    Http.Response s = http.postJson("/v1/sources", admin, """
        {"id":"ca-dmv","kind":"DMV","jurisdiction":"US-CA","agency":"dmv",
         "fields":{"name":"identity","license":"dmv.record","home":"address.home"},
         "searchable":["name","license"]}""");
    assertThat(s.status()).as(s.toString()).isEqualTo(201);
    assertThat(http.postNdjson("/v1/sources/ca-dmv/records", admin, """
        {"id":"r1","fields":{"name":"Ana Ruiz","license":"D1234567","home":"12 Mission St"}}
        {"id":"r2","fields":{"name":"Ben Ito","license":"D7654321","home":"3 Oak Ave"}}
        """).status()).isEqualTo(200);
    return admin;
  }

  private static String user(Http http, String admin, String id) {
    Http.Response r = http.postJson("/v1/users", admin, "{\"id\":\"" + id + "\",\"agency\":\"cvpd\","
        + "\"roles\":[\"REQUESTER\"]}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().get("token").asText();
  }

  /** A fresh deployment's agencies, source and records registered, and a requester of the local police: their token. */
  private static String registeredOfficer(Deployment d, Http http, String id) throws java.io.IOException {
    return user(http, register(http, Files.readString(d.adminTokenFile()).strip()), id);
  }

  private static final String FOR_ICE = """
      "onBehalfOf":{"id":"ice-ero-sfr","name":"ICE ERO San Francisco","level":"FEDERAL","component":"ICE_ERO",
                    "jurisdiction":"US"},""";

  @Test
  void periodicRunsPublishPerRequestFlagsAtOnceAndWindowFlagsAtTheNextFullRun() throws Exception {
    Path dir = tmp.resolve("incremental");
    try (Deployment d = start(dir)) {
      FlagPublisher publisher = d.flagPublisher();
      Http http = new Http(d.port());
      String officer = registeredOfficer(d, http, "officer-9");
      // The first periodic run is a full one (there was none before); nothing to flag yet.
      assertThat(publisher.runScheduled().published()).isZero();
      String search = submit(http, officer, """
          {"purpose":"VIOLENT_CRIME","caseNumber":"26-01700","justification":"armed robbery suspect",
           "sources":["ca-dmv"],"query":{"license":"D1234567"}}""");
      String forIce = submit(http, officer, "{\"purpose\":\"VIOLENT_CRIME\",\"caseNumber\":\"26-01701\","
          + "\"justification\":\"locate subject\"," + FOR_ICE + "\"sources\":[\"ca-dmv\"],"
          + "\"query\":{\"name\":\"Ana Ruiz\"}}");

      // Within the full interval (an hour here): only the detectors that judge one request at a time run, over the
      // requests since the last run. The request for ICE is flagged now; the relay needs the window.
      FlagPublisher.Run quick = publisher.runScheduled();
      assertThat(quick.requests()).isEqualTo(2);
      List<Published> afterQuick = flags(dir, d.logFiles());
      assertThat(afterQuick).extracting(Published::detector).contains("immigration-agency")
          .doesNotContain("relay");
      assertThat(afterQuick).filteredOn(f -> f.detector().equals("immigration-agency"))
          .extracting(Published::requestIndex).containsOnly(indexes.get(forIce));
      assertThat(quick.judged()).isEqualTo(2);
      // Nothing arrived since, and both were settled (logged) when read: the next quick run reads nothing.
      assertThat(publisher.runScheduled().requests()).isZero();
      assertThat(flags(dir, d.logFiles())).hasSize(afterQuick.size());
      // One more arrives: the quick run judges it alone. It may read the two before again (those received shortly
      // before the last run, in case one was stored late), but they were settled then and are not judged twice.
      submit(http, officer, """
          {"purpose":"VIOLENT_CRIME","caseNumber":"26-01702","justification":"armed robbery suspect",
           "sources":["ca-dmv"],"query":{"license":"D7654321"}}""");
      FlagPublisher.Run next = publisher.runScheduled();
      assertThat(next.requests()).isBetween(1L, 3L);
      assertThat(next.judged()).isEqualTo(1);
      assertThat(flags(dir, d.logFiles())).hasSize(afterQuick.size());

      // A full run (asked for, as the demo and close do) adds the relay and repeats nothing.
      assertThat(publisher.runOnce().published()).isPositive();
      List<Published> afterFull = flags(dir, d.logFiles());
      assertThat(afterFull).filteredOn(f -> f.detector().equals("relay")).singleElement()
          .satisfies(f -> assertThat(f.evidence()).contains(indexes.get(search), indexes.get(forIce)));
      assertThat(afterFull).hasSize(afterQuick.size() + 1);
      assertThat(afterFull.subList(0, afterQuick.size())).extracting(Published::index, Published::detector)
          .isEqualTo(afterQuick.stream().map(f -> org.assertj.core.groups.Tuple.tuple(f.index(), f.detector()))
              .toList());
    }
  }

  /**
   * A full run's length spaces the next one once ten times it outgrows the interval, so full runs over a crowded
   * window take at most about a tenth of a core (hand-computed: 2 minutes x 10 = 20 minutes).
   */
  @Test
  void aLongFullRunPutsTheNextOffByTenTimesItsLength() {
    java.time.Instant t = java.time.Instant.parse("2026-11-29T12:00:00Z");
    Duration five = Duration.ofMinutes(5);
    assertThat(FlagPublisher.nextFull(t, Duration.ofSeconds(3), five)).isEqualTo(t.plus(five));
    assertThat(FlagPublisher.nextFull(t, Duration.ofSeconds(30), five)).isEqualTo(t.plus(five));
    assertThat(FlagPublisher.nextFull(t, Duration.ofSeconds(31), five)).isEqualTo(t.plus(Duration.ofSeconds(310)));
    assertThat(FlagPublisher.nextFull(t, Duration.ofMinutes(2), five)).isEqualTo(t.plus(Duration.ofMinutes(20)));
  }

  @Test
  void quickRunsJudgeWhatTheGatewayHandsOverAndReadTheStoreOnlyWhenSomeWasNotKept() throws Exception {
    Path dir = tmp.resolve("handover");
    try (Deployment d = start(dir)) {
      FlagPublisher publisher = d.flagPublisher();
      Http http = new Http(d.port());
      String officer = registeredOfficer(d, http, "officer-8");
      assertThat(publisher.runScheduled().requests()).isZero(); // the first run is a full one

      // A request stored without the gateway (as an import would) is not handed over: quick runs do not see it ...
      d.store().requests().receive("officer-8", "cvpd", "{\"purpose\":\"VIOLENT_CRIME\"}", java.time.Instant.now());
      assertThat(publisher.runScheduled()).isEqualTo(new FlagPublisher.Run(0, 0, 0, 0, 0));
      // ... while one decided by the gateway is judged by the next quick run, and flagged at once.
      String forIce = submit(http, officer, "{\"purpose\":\"VIOLENT_CRIME\",\"caseNumber\":\"26-01800\","
          + FOR_ICE + "\"sources\":[\"ca-dmv\"],\"query\":{\"name\":\"Ana Ruiz\"}}");
      FlagPublisher.Run quick = publisher.runScheduled();
      assertThat(quick.requests()).isEqualTo(1);
      assertThat(quick.judged()).isEqualTo(1);
      assertThat(quick.published()).isEqualTo(1);
      assertThat(flags(dir, d.logFiles())).singleElement().satisfies(f -> {
        assertThat(f.detector()).isEqualTo("immigration-agency");
        assertThat(f.requestIndex()).isEqualTo(indexes.get(forIce));
      });

      // More handed over than are kept: the next quick run reads the store instead (everything it received since the
      // full run: the request stored directly and the one for ICE), not the copies that were kept.
      org.firebreak.store.AuditedRequest stored = d.store().requests().get(forIce)
          .map(org.firebreak.store.AuditedRequest::of).orElseThrow();
      for (int i = 0; i <= FlagPublisher.MAX_HANDED_OVER; i++) {
        publisher.logged(stored);
      }
      FlagPublisher.Run read = publisher.runScheduled();
      assertThat(read.requests()).isEqualTo(2);
      assertThat(read.published()).isZero(); // the flag on the request for ICE is in the log already
      // Then quick runs take handovers again: none came since, so nothing is read.
      assertThat(publisher.runScheduled().requests()).isZero();
      // A full run reads the store: both requests, and still no flag twice.
      FlagPublisher.Run full = publisher.runOnce();
      assertThat(full.requests()).isEqualTo(2);
      assertThat(full.published()).isZero();
      assertThat(flags(dir, d.logFiles())).hasSize(1);
    }
  }

  @Test
  void eachFlagIsLedgeredOnceAcrossRestartsAndNamesNoOne() throws Exception {
    Path dir = tmp.resolve("data");
    String officer;
    String colleague;
    String earlier;
    String relay;
    List<Published> first;
    try (Deployment d = start(dir)) {
      Http http = new Http(d.port());
      String admin = register(http, Files.readString(d.adminTokenFile()).strip());
      officer = user(http, admin, "officer-7");
      colleague = user(http, admin, "colleague-7");
      earlier = submit(http, officer, """
          {"purpose":"VIOLENT_CRIME","caseNumber":"26-01628","justification":"armed robbery suspect",
           "sources":["ca-dmv"],"query":{"license":"D1234567"}}""");
      submit(http, colleague, """
          {"purpose":"VIOLENT_CRIME","caseNumber":"26-01630","justification":"armed robbery suspect",
           "sources":["ca-dmv"],"query":{"license":"D7654321"}}""");
      relay = submit(http, officer, "{\"purpose\":\"VIOLENT_CRIME\",\"caseNumber\":\"26-01629\","
          + "\"justification\":\"locate subject\"," + FOR_ICE + "\"sources\":[\"ca-dmv\"],"
          + "\"query\":{\"name\":\"Ana Ruiz\"}}");

      FlagPublisher.Run run = d.publishFlags();
      assertThat(run.requests()).isEqualTo(3);
      assertThat(run.waiting()).isZero();
      assertThat(run.published()).isPositive();
      // Nothing happened since: the next run reads nothing and appends nothing.
      assertThat(d.publishFlags()).isEqualTo(new FlagPublisher.Run(0, 0, 0, 0, 0));
    }
    first = flags(dir);
    // The officer's earlier search, followed by the same officer's request for ICE: a relay, pointing at both; the
    // request for ICE itself is flagged by the immigration-agency detector. The colleague's request raises nothing.
    assertThat(first).anySatisfy(f -> {
      assertThat(f.requestIndex()).isEqualTo(indexes.get(earlier));
      assertThat(f.detector()).isEqualTo("relay");
      assertThat(f.severity()).isEqualTo("MEDIUM");
      assertThat(f.evidence()).containsExactly(indexes.get(earlier), indexes.get(relay));
    });
    assertThat(first).anySatisfy(f -> {
      assertThat(f.requestIndex()).isEqualTo(indexes.get(relay));
      assertThat(f.detector()).isEqualTo("immigration-agency");
      assertThat(f.severity()).isEqualTo("HIGH");
    });
    assertThat(first).allSatisfy(f -> assertThat(f.requestIndex()).isIn(indexes.get(earlier), indexes.get(relay)));
    assertOncePerRequestAndDetector(first);

    // A restart: the new publisher reads what the log holds and appends none of it again, even though its detectors
    // find every one of those flags again (and the closing run of the first start found them too).
    String another;
    try (Deployment d = start(dir)) {
      FlagPublisher.Run run = d.publishFlags();
      assertThat(run.requests()).isEqualTo(3);
      assertThat(run.flags()).isGreaterThanOrEqualTo(first.size());
      assertThat(run.published()).isZero();
      // A new request for ICE, for the licence of the officer's first search: flagged itself, once; the first search
      // is a relay again (now HIGH: the same licence searched for ICE), but that flag is in the log already.
      another = submit(new Http(d.port()), officer, "{\"purpose\":\"VIOLENT_CRIME\",\"caseNumber\":\"26-01631\","
          + FOR_ICE + "\"sources\":[\"ca-dmv\"],\"query\":{\"license\":\"D1234567\"}}");
      FlagPublisher.Run after = d.publishFlags();
      assertThat(after.requests()).isEqualTo(4);
      assertThat(after.published()).isPositive();
    }
    List<Published> second = flags(dir);
    assertThat(second.subList(0, first.size())).usingRecursiveFieldByFieldElementComparatorIgnoringFields("bytes")
        .isEqualTo(first);
    assertThat(second.subList(first.size(), second.size())).isNotEmpty()
        .allSatisfy(f -> assertThat(f.requestIndex()).isEqualTo(indexes.get(another)))
        .anySatisfy(f -> assertThat(f.detector()).isEqualTo("immigration-agency"));
    assertOncePerRequestAndDetector(second);

    // A third start, closed without a request: its closing run publishes nothing.
    try (Deployment d = start(dir)) {
      assertThat(d.publishFlags().published()).isZero();
    }
    List<Published> third = flags(dir);
    assertThat(third).hasSameSizeAs(second);

    for (Published f : third) {
      String text = new String(f.bytes(), StandardCharsets.UTF_8);
      for (String personal : PERSONAL) {
        assertThat(text).as("flag entry %d", f.index()).doesNotContain(personal);
      }
      for (String requestId : indexes.keySet()) {
        assertThat(text).doesNotContain(requestId);
      }
      JsonNode e = Http.JSON.readTree(f.bytes());
      List<String> fields = new ArrayList<>();
      e.fieldNames().forEachRemaining(fields::add);
      assertThat(fields).containsExactly("citations", "day", "detector", "evidence", "requestIndex", "severity",
          "type", "v");
    }
  }

  private static void assertOncePerRequestAndDetector(List<Published> flags) {
    assertThat(flags.stream().map(f -> f.requestIndex() + " " + f.detector()).toList()).doesNotHaveDuplicates();
  }
}
