package org.firebreak.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.firebreak.core.json.StrictJson;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Component;
import org.firebreak.gateway.Gateway;
import org.firebreak.ledger.Ledger;
import org.firebreak.ledger.LedgerOptions;
import org.firebreak.ledger.note.NoteSigner;
import org.firebreak.ledger.storage.DirectoryStorage;
import org.firebreak.ledger.storage.LedgerStorage;
import org.firebreak.policy.Policy;
import org.firebreak.policy.PolicyEngine;
import org.firebreak.store.Role;
import org.firebreak.store.Store;
import org.firebreak.store.TestDatabases;
import org.firebreak.store.User;

/**
 * A running server over a fresh database of one kind: SQLite with the ledger in a tile directory (as {@code firebreak
 * serve} runs by default), PostgreSQL with the ledger in the database. An admin token is made directly in the store;
 * everything else goes through HTTP. One per test class and database kind: tests use fresh ids.
 */
final class Fixture implements AutoCloseable {
  static final StrictJson JSON = new StrictJson();
  private static volatile PolicyEngine engine;
  private static final AtomicInteger IDS = new AtomicInteger();

  final TestDatabases.Kind kind;
  final TestDatabases.Database db;
  final Store store;
  final Ledger ledger;
  /** The tile directory (SQLite); null when the ledger lives in the database. */
  final Path tiles;
  final NoteSigner signer;
  final PrometheusMeterRegistry prometheus;
  final FirebreakServer server;
  final Http http;
  final String admin;

  private Fixture(TestDatabases.Kind kind, Path dir, FirebreakServer.Options options) throws Exception {
    this.kind = kind;
    this.db = TestDatabases.create(kind, dir);
    this.store = Store.open(db.url());
    this.signer = NoteSigner.generate("server.test/log", new SecureRandom());
    LedgerStorage storage;
    if (kind == TestDatabases.Kind.SQLITE) {
      tiles = Files.createTempDirectory(dir, "ledger");
      storage = new DirectoryStorage(tiles);
    } else {
      tiles = null;
      storage = store.ledgerStorage();
    }
    this.ledger = Ledger.create(storage, signer, signer.name(), LedgerOptions.defaults());
    Gateway gateway = new Gateway(store, engine(), ledger, JSON, Clock.systemUTC());
    gateway.announcePacks();
    store.agencies().create(new Agency("firebreak-admin", "Firebreak administration", AgencyLevel.LOCAL,
        Component.OTHER, new Jurisdiction("US")));
    this.admin = store.users().createWithToken(new User("admin", "firebreak-admin", Set.of(Role.ADMIN), List.of(),
        List.of()));
    this.prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.server = new FirebreakServer(gateway, new AuditFlags(store, Clock.systemUTC()), ledger.files(),
        signer.verifier().text(), prometheus, options).start();
    this.http = new Http(server.port());
  }

  /** A server on a free port whose transparency reports are {@code dir/reports} (absent until a test writes it). */
  static Fixture open(TestDatabases.Kind kind, Path dir) throws Exception {
    return open(kind, dir, FirebreakServer.Options.defaults("127.0.0.1", 0).withReports(dir.resolve("reports")));
  }

  static Fixture open(TestDatabases.Kind kind, Path dir, FirebreakServer.Options options) throws Exception {
    return new Fixture(kind, dir, options);
  }

  /** The shipped packs, compiled once per test JVM. */
  static PolicyEngine engine() {
    PolicyEngine e = engine;
    if (e == null) {
      synchronized (Fixture.class) {
        if (engine == null) {
          engine = new Policy(JSON).shippedEngine();
        }
        e = engine;
      }
    }
    return e;
  }

  /** A fresh id with a readable prefix. */
  static String id(String prefix) {
    return prefix + "-" + IDS.incrementAndGet();
  }

  // ---- registry through HTTP, asserting success

  void agency(String id, String level, String component, String jurisdiction) {
    Http.Response r = http.postJson("/v1/agencies", admin, """
        {"id":"%s","name":"%s","level":"%s","component":"%s","jurisdiction":"%s"}"""
        .formatted(id, id, level, component, jurisdiction));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  /** Registers a user and returns their token. */
  String user(String id, String agency, String... roles) {
    StringBuilder rs = new StringBuilder();
    for (String role : roles) {
      rs.append(rs.isEmpty() ? "" : ",").append('"').append(role).append('"');
    }
    Http.Response r = http.postJson("/v1/users", admin, """
        {"id":"%s","agency":"%s","roles":[%s]}""".formatted(id, agency, rs));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.json().get("id").asText()).isEqualTo(id);
    return r.json().get("token").asText();
  }

  /** A DMV source of {@code agency} with an immigration_status field, searchable by name and license. */
  void dmvSource(String token, String id, String agency) {
    Http.Response r = http.postJson("/v1/sources", token, """
        {"id":"%s","kind":"DMV","jurisdiction":"US-CA","agency":"%s",
         "fields":{"name":"identity","license":"dmv.record","home":"address.home",
                   "docs":"dmv.source_documents","status":"immigration_status"},
         "searchable":["name","license"]}""".formatted(id, agency));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  static final String DMV_RECORDS = """
      {"id":"r1","fields":{"name":"Ana Ruiz","license":"D1234567","home":"12 Mission St",\
      "docs":"passport MX 123","status":"AB60"}}
      {"id":"r2","fields":{"name":"Ben Ito","license":"D7654321","home":"3 Oak Ave",\
      "docs":"birth certificate","status":"citizen"}}
      """;

  @Override
  public void close() throws IOException, SQLException {
    server.stop();
    ledger.close();
    store.close();
    db.drop();
  }
}
