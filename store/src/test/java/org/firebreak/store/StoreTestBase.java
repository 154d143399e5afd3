package org.firebreak.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Component;
import org.firebreak.core.vocab.SourceKind;
import org.firebreak.store.TestDatabases.Database;
import org.firebreak.store.TestDatabases.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every store test class extends this and so runs twice, once per database; each test gets a fresh database (a new
 * SQLite file, a new PostgreSQL schema) with the migrations applied.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Kind.class)
abstract class StoreTestBase {
  @Parameter
  Kind kind;

  @TempDir
  Path tmp;

  Database database;
  Store store;
  private final List<Store> others = new ArrayList<>();

  @BeforeEach
  void openStore() throws Exception {
    database = TestDatabases.create(kind, tmp);
    store = Store.open(database.url());
  }

  @AfterEach
  void closeStore() throws Exception {
    others.forEach(Store::close);
    if (store != null) {
      store.close();
    }
    if (database != null) {
      database.drop();
    }
  }

  /** Another store on the same database: a restart, or a second process or gateway node. */
  Store openAgain() {
    Store s = Store.open(database.url());
    others.add(s);
    return s;
  }

  static final Instant T0 = Instant.parse("2026-11-20T10:00:00.123456Z");

  static Agency agency(String id) {
    return new Agency(id, "Agency " + id, AgencyLevel.LOCAL, Component.POLICE, Jurisdiction.of("US-CA-SF"));
  }

  static Agency ice() {
    return new Agency("ice-ero-sfr", "ICE ERO San Francisco", AgencyLevel.FEDERAL, Component.ICE_ERO,
        Jurisdiction.of("US"));
  }

  static User user(String id, String agencyId, Role... roles) {
    return new User(id, agencyId, Set.of(roles), List.of(), List.of());
  }

  static Source dmv(String id, String agencyId) {
    return new Source(id, SourceKind.DMV, Jurisdiction.of("US-CA"), agencyId,
        Map.of("name", Category.IDENTITY, "dob", Category.IDENTITY, "plate", Category.DMV_RECORD,
            "address", Category.ADDRESS_HOME, "photo", Category.DMV_PHOTO),
        List.of("name", "dob", "plate"));
  }

  static StoredRecord person(String sourceId, String id, String name, String dob, String plate) {
    return new StoredRecord(sourceId, id, Map.of("name", name, "dob", dob, "plate", plate,
        "address", id + " Main St", "photo", "photo-" + id));
  }

  /** An agency, a requester, a custodian's DMV source: what most tests start from. */
  void basics() {
    store.agencies().create(agency("sfpd"));
    store.agencies().create(ice());
    store.users().create(user("officer", "sfpd", Role.REQUESTER));
    store.users().create(user("agent", "ice-ero-sfr", Role.REQUESTER));
    store.users().create(user("auditor", "sfpd", Role.AUDITOR));
    store.sources().create(dmv("ca-dmv", "sfpd"));
  }
}
