package org.firebreak.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.firebreak.core.vocab.Decision;
import org.firebreak.ledger.Ledger;
import org.firebreak.ledger.LedgerVerifier;
import org.firebreak.ledger.SignedCheckpoint;
import org.firebreak.ledger.note.NoteVerifier;
import org.firebreak.ledger.storage.DirectoryStorage;
import org.firebreak.server.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small city's month through a real server (SQLite file, HTTP on a free port), as {@code firebreak demo} plays
 * it: no unlawful release, nearly every lawful request served and the rest explained, one ledger entry per request
 * and per review (after the packs-in-force entry), every receipt and the whole ledger verified.
 */
class DemoMonthEndToEndTest {
  @TempDir
  Path tmp;

  @Test
  void smallMonthReleasesNothingUnlawfulServesTheLawfulAndLedgersEverything() throws Exception {
    City city = CityGenerator.generate(7, Size.SMALL, n -> {});
    Scenario scenario = ScenarioGenerator.generate(city, 7);
    Path dir = tmp.resolve("data");
    List<Outcome> outcomes;
    String vkey;
    try (Deployment d = Deployment.start(new Deployment.Settings(dir, Optional.empty(), "127.0.0.1", 0,
        Deployment.DEFAULT_ORIGIN))) {
      vkey = d.verifierKey();
      String admin = Files.readString(d.adminTokenFile(), StandardCharsets.UTF_8).strip();
      Replay replay = Replay.register(d.url(), admin, city);
      for (SourceSpec s : city.sources()) {
        replay.ingest(s, n -> {});
        assertThat(d.store().records().count(s.id())).as(s.id()).isEqualTo(city.recordCount(s.id()));
      }
      outcomes = replay.run(scenario, 6, n -> {});
    }
    Summary summary = Summary.of(outcomes);
    summary.lines().forEach(System.out::println);

    assertThat(outcomes).hasSize(scenario.requests().size());
    assertThat(summary.unlawfulReleases()).as("unlawful releases").isEmpty();
    assertThat(summary.unlawfulReleased()).isZero();
    assertThat(summary.unlawful()).isGreaterThan(100);
    assertThat((double) summary.lawfulReleased() / summary.lawful()).as("share of lawful requests served")
        .isGreaterThanOrEqualTo(0.95);
    for (Outcome o : summary.lawfulWithheld()) {
      assertThat(o.whyNothing()).as("lawful request #" + o.request().seq() + " got nothing").isPresent();
    }
    for (SideDoor door : SideDoor.values()) {
      assertThat(summary.sideDoors()).as("every side door is tried").containsKey(door);
    }

    NoteVerifier key = NoteVerifier.parse(vkey);
    long reviews = outcomes.stream().filter(o -> o.review().isPresent()).count();
    assertThat(reviews).as("held requests reviewed").isEqualTo((long) summary.decisions().get(Decision.REFER));
    long receipts = 0;
    for (Outcome o : outcomes) {
      for (JsonNode r : o.receipts()) {
        Receipts.verify(r, key);
        receipts++;
      }
    }
    assertThat(receipts).isEqualTo(outcomes.size() + reviews);

    DirectoryStorage storage = new DirectoryStorage(dir.resolve(Deployment.LEDGER_DIR));
    LedgerVerifier.Result verified = LedgerVerifier.verify(storage, key);
    assertThat(verified.problem()).isEmpty();
    // One entry for the packs in force, then one per request, one per review and one per flag detection raised.
    org.firebreak.ledger.LogReader reader = org.firebreak.ledger.LogReader.open(storage, key);
    long flags = 0;
    for (long i = 0; i < verified.size(); i++) {
      if (new String(reader.entry(i), StandardCharsets.UTF_8).contains("\"type\":\"flag\"")) {
        flags++;
      }
    }
    assertThat(flags).as("the month's side doors raise flags").isPositive();
    assertThat(verified.size()).isEqualTo(1 + outcomes.size() + reviews + flags);
    String note = new String(storage.read(Ledger.CHECKPOINT).orElseThrow(), StandardCharsets.UTF_8);
    assertThat(SignedCheckpoint.parse(note, List.of(key)).checkpoint().size()).isEqualTo(verified.size());
  }
}
