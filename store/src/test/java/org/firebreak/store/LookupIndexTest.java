package org.firebreak.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.firebreak.store.TestDatabases.Kind;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lookup reads the index table, never the whole source: the database's own plan for the lookup statement probes
 * {@code record_keys_lookup} and reads records by primary key. The same check fails once the index is dropped, so it
 * is a real check.
 */
class LookupIndexTest extends StoreTestBase {

  @BeforeEach
  void setUp() {
    basics();
    List<StoredRecord> batch = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      batch.add(person("ca-dmv", "d-" + i, "Name" + (i % 300), "1990-01-" + (i % 28 + 1), "P" + i));
    }
    store.records().ingest("ca-dmv", batch);
    store.jdbi().useHandle(h -> h.execute(kind == Kind.SQLITE ? "ANALYZE" : "ANALYZE record_keys"));
  }

  @Test
  void everyLookupProbesTheKeyIndexAndScansNothing() {
    for (int fields = 1; fields <= 3; fields++) {
      List<String> plan = plan(fields);
      assertThat(usesIndex(plan)).as("plan for %d fields:%n%s", fields, String.join("\n", plan)).isTrue();
    }
  }

  @Test
  void withoutTheIndexTheSameCheckFails() {
    store.jdbi().useHandle(h -> h.execute("DROP INDEX record_keys_lookup"));
    List<String> plan = plan(1);
    assertThat(usesIndex(plan)).as(String.join("\n", plan)).isFalse();
  }

  private List<String> plan(int fields) {
    String sql = RecordRepository.lookupSql(fields);
    return store.jdbi().withHandle(h -> {
      if (kind == Kind.SQLITE) {
        return bind(h.createQuery("EXPLAIN QUERY PLAN " + sql), fields, h)
            .map((rs, ctx) -> rs.getString("detail")).list();
      }
      // With sequential scans priced out, a plan without a usable index still shows one.
      h.execute("SET enable_seqscan = off");
      try {
        return bind(h.createQuery("EXPLAIN " + sql), fields, h).mapTo(String.class).list();
      } finally {
        h.execute("RESET enable_seqscan");
      }
    });
  }

  private static org.jdbi.v3.core.statement.Query bind(org.jdbi.v3.core.statement.Query q, int fields, Handle h) {
    String[] names = {"name", "dob", "plate"};
    String[] values = {"Name7", "1990-01-8", "P7"};
    q.bind("s", "ca-dmv").bind("limit", 10);
    for (int i = 0; i < fields; i++) {
      q.bind("f" + i, names[i]).bind("v" + i, values[i]);
    }
    return q;
  }

  private boolean usesIndex(List<String> plan) {
    String text = String.join("\n", plan);
    if (kind == Kind.SQLITE) {
      // e.g. "SEARCH k0 USING COVERING INDEX record_keys_lookup (source_id=? AND field=? AND value=?)"
      return text.contains("INDEX record_keys_lookup") && plan.stream().noneMatch(l -> l.startsWith("SCAN"));
    }
    return text.contains("record_keys_lookup") && !text.contains("Seq Scan");
  }
}
