package org.firebreak.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.firebreak.store.StoreException.Kind;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;

/**
 * Records of the registered sources. Ingest is idempotent by (source, id): a record with an id the source already
 * holds replaces it. A batch is one transaction: if one record of it is refused, none is stored. The values of a
 * source's searchable fields are kept in {@code record_keys}, an index table, so a lookup reads only the matching
 * keys and records, never the whole source.
 */
public final class RecordRepository {
  /** Longest value of a searchable field (an index entry must stay small on every database). */
  public static final int MAX_SEARCHABLE_VALUE = 256;
  /** Most records one lookup returns. */
  public static final int MAX_LIMIT = 10_000;
  private static final int CHUNK = 500;

  private final Db db;
  private final SourceRepository sources;

  RecordRepository(Db db, SourceRepository sources) {
    this.db = db;
    this.sources = sources;
  }

  /**
   * Stores a batch of records of one source, replacing those with ids the source already holds.
   *
   * @throws StoreException {@code NOT_FOUND} for an unknown source; {@code INVALID} with {@link StoreException#item()}
   *     for the first record that does not fit (another source's, a field the source does not have, a searchable value
   *     over {@value #MAX_SEARCHABLE_VALUE} characters, an id twice in the batch). Nothing of the batch is stored.
   */
  public IngestResult ingest(String sourceId, List<StoredRecord> batch) {
    Objects.requireNonNull(sourceId, "sourceId");
    Checks.noNulls(batch, "batch");
    Source source = sources.get(sourceId).orElseThrow(() -> new StoreException(Kind.NOT_FOUND,
        "source '" + sourceId + "' does not exist"));
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      check(source, batch.get(i), i, seen);
    }
    if (batch.isEmpty()) {
      return new IngestResult(0, 0);
    }
    return db.write("ingest " + batch.size() + " records into source '" + sourceId + "'", h -> {
      int replaced = 0;
      for (int from = 0; from < batch.size(); from += CHUNK) {
        replaced += store(h, source, batch.subList(from, Math.min(batch.size(), from + CHUNK)));
      }
      return new IngestResult(batch.size() - replaced, replaced);
    });
  }

  /** The record with this id in this source. */
  public Optional<StoredRecord> get(String sourceId, String id) {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(id, "id");
    return db.read("read a record", h -> h.createQuery(
            "SELECT fields FROM records WHERE source_id = :s AND record_id = :id")
        .bind("s", sourceId).bind("id", id)
        .map((rs, ctx) -> new StoredRecord(sourceId, id, db.stringMap(rs.getString("fields"))))
        .findOne());
  }

  /**
   * The records of a source whose searchable fields equal every value of {@code query} (exact match), by record id,
   * at most {@code limit}.
   *
   * @throws StoreException {@code NOT_FOUND} for an unknown source; {@code INVALID} for an empty query, a field that
   *     is not searchable, or a limit outside 1..{@value #MAX_LIMIT}
   */
  public List<StoredRecord> lookup(String sourceId, Map<String, String> query, int limit) {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(query, "query");
    Source source = sources.get(sourceId).orElseThrow(() -> new StoreException(Kind.NOT_FOUND,
        "source '" + sourceId + "' does not exist"));
    if (query.isEmpty()) {
      throw new StoreException(Kind.INVALID, "a lookup names at least one searchable field of source '"
          + sourceId + "' (searchable: " + source.searchable() + ")");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new StoreException(Kind.INVALID, "limit " + limit + " is not in 1.." + MAX_LIMIT);
    }
    TreeMap<String, String> q = new TreeMap<>();
    for (Map.Entry<String, String> e : query.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new StoreException(Kind.INVALID, "a lookup has no null fields or values");
      }
      if (!source.searchable().contains(e.getKey())) {
        throw new StoreException(Kind.INVALID, "field '" + e.getKey() + "' of source '" + sourceId
            + "' is not searchable (searchable: " + source.searchable() + ")");
      }
      if (e.getValue().length() > MAX_SEARCHABLE_VALUE || e.getValue().indexOf('\0') >= 0) {
        return List.of(); // never stored, so nothing matches
      }
      q.put(e.getKey(), e.getValue());
    }
    List<String> fields = new ArrayList<>(q.keySet());
    // Plain JDBC: this runs for every source of every request, and Jdbi's statement building cost more than SQLite.
    return db.readBetweenCommits("look records up in source '" + sourceId + "'",
        positionalLookups.computeIfAbsent(fields.size(), n -> positional(lookupSql(n))), st -> {
          int p = 1;
          for (int i = 1; i < fields.size(); i++) {
            st.setString(p++, fields.get(i));
            st.setString(p++, q.get(fields.get(i)));
          }
          st.setString(p++, sourceId);
          st.setString(p++, fields.get(0));
          st.setString(p++, q.get(fields.get(0)));
          st.setInt(p, limit);
          List<StoredRecord> out = new ArrayList<>();
          try (var rs = st.executeQuery()) {
            while (rs.next()) {
              out.add(new StoredRecord(sourceId, rs.getString(1), db.stringMap(rs.getString(2))));
            }
          }
          return out;
        });
  }

  /** {@link #lookupSql} with its named parameters as JDBC's {@code ?}, in the order they appear. */
  private static String positional(String sql) {
    return sql.replaceAll(":[a-z]+[0-9]*", "?");
  }

  /** The lookup statements by number of query fields, with positional parameters. */
  private final Map<Integer, String> positionalLookups = new java.util.concurrent.ConcurrentHashMap<>();

  /** The number of records a source holds. */
  public long count(String sourceId) {
    Objects.requireNonNull(sourceId, "sourceId");
    return db.read("count records", h -> h.createQuery("SELECT COUNT(*) FROM records WHERE source_id = :s")
        .bind("s", sourceId).mapTo(Long.class).one());
  }

  /** Removes a record (e.g. at the end of its retention); true when it existed. */
  public boolean delete(String sourceId, String id) {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(id, "id");
    return db.write("delete a record", h -> {
      h.createUpdate("DELETE FROM record_keys WHERE source_id = :s AND record_id = :id")
          .bind("s", sourceId).bind("id", id).execute();
      return h.createUpdate("DELETE FROM records WHERE source_id = :s AND record_id = :id")
          .bind("s", sourceId).bind("id", id).execute() > 0;
    });
  }

  /**
   * The lookup statement for {@code n} query fields: the first field's keys drive it through the index {@code
   * record_keys_lookup}, each further field is one more index probe, and only matching records are read.
   */
  static String lookupSql(int n) {
    StringBuilder sql = new StringBuilder("SELECT r.record_id, r.fields FROM record_keys k0");
    for (int i = 1; i < n; i++) {
      sql.append(" JOIN record_keys k").append(i).append(" ON k").append(i).append(".source_id = k0.source_id AND k")
          .append(i).append(".field = :f").append(i).append(" AND k").append(i).append(".value = :v").append(i)
          .append(" AND k").append(i).append(".record_id = k0.record_id");
    }
    sql.append(" JOIN records r ON r.source_id = k0.source_id AND r.record_id = k0.record_id")
        .append(" WHERE k0.source_id = :s AND k0.field = :f0 AND k0.value = :v0")
        .append(" ORDER BY k0.record_id LIMIT :limit");
    return sql.toString();
  }

  // ---- internals

  private static void check(Source source, StoredRecord r, int i, Map<String, Integer> seen) {
    if (!r.sourceId().equals(source.id())) {
      throw refused(i, r, "belongs to source '" + r.sourceId() + "', not '" + source.id() + "'");
    }
    Integer earlier = seen.putIfAbsent(r.id(), i);
    if (earlier != null) {
      throw refused(i, r, "has the same id as record " + earlier + " of the batch");
    }
    for (Map.Entry<String, String> f : r.fields().entrySet()) {
      if (!source.fields().containsKey(f.getKey())) {
        throw refused(i, r, "field '" + f.getKey() + "' is not a field of source '" + source.id()
            + "' (its fields: " + source.fields().keySet() + ")");
      }
      if (f.getValue().length() > MAX_SEARCHABLE_VALUE && source.searchable().contains(f.getKey())) {
        throw refused(i, r, "the value of searchable field '" + f.getKey() + "' is longer than "
            + MAX_SEARCHABLE_VALUE + " characters");
      }
    }
  }

  private static StoreException refused(int i, StoredRecord r, String why) {
    return new StoreException(Kind.INVALID, "record " + i + " of the batch (id '" + r.id() + "'): " + why, i, null);
  }

  /**
   * Replaces or inserts a chunk of checked records; returns how many replaced an existing one. Plain JDBC batches
   * with positional parameters: ingest moves millions of rows, and only the ids already stored are deleted first.
   */
  private int store(Handle h, Source source, List<StoredRecord> chunk) {
    java.sql.Connection c = h.getConnection();
    try {
      List<String> existing = existingIds(c, source.id(), chunk);
      if (!existing.isEmpty()) {
        try (var dropKeys = c.prepareStatement("DELETE FROM record_keys WHERE source_id = ? AND record_id = ?");
            var dropRecords = c.prepareStatement("DELETE FROM records WHERE source_id = ? AND record_id = ?")) {
          for (String id : existing) {
            dropKeys.setString(1, source.id());
            dropKeys.setString(2, id);
            dropKeys.addBatch();
            dropRecords.setString(1, source.id());
            dropRecords.setString(2, id);
            dropRecords.addBatch();
          }
          dropKeys.executeBatch();
          dropRecords.executeBatch();
        }
      }
      Argument at = db.time(Instant.now(), "ingested_at");
      try (var records = c.prepareStatement(
              "INSERT INTO records (source_id, record_id, fields, ingested_at) VALUES (?, ?, ?, ?)");
          var keys = c.prepareStatement(
              "INSERT INTO record_keys (source_id, field, value, record_id) VALUES (?, ?, ?, ?)")) {
        boolean anyKey = false;
        for (StoredRecord r : chunk) {
          records.setString(1, source.id());
          records.setString(2, r.id());
          records.setString(3, db.toJson(r.fields()));
          at.apply(4, records, null);
          records.addBatch();
          for (String f : source.searchable()) {
            String v = r.fields().get(f);
            if (v != null) {
              keys.setString(1, source.id());
              keys.setString(2, f);
              keys.setString(3, v);
              keys.setString(4, r.id());
              keys.addBatch();
              anyKey = true;
            }
          }
        }
        records.executeBatch();
        if (anyKey) {
          keys.executeBatch();
        }
      }
      return existing.size();
    } catch (java.sql.SQLException e) {
      // As Jdbi would report it, so Db translates constraint violations and failures the same way.
      throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException(e, null);
    }
  }

  /** The ids of the chunk that the source already holds: one query per chunk. */
  private static List<String> existingIds(java.sql.Connection c, String sourceId, List<StoredRecord> chunk)
      throws java.sql.SQLException {
    StringBuilder sql = new StringBuilder("SELECT record_id FROM records WHERE source_id = ? AND record_id IN (");
    for (int i = 0; i < chunk.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    sql.append(')');
    List<String> ids = new ArrayList<>();
    try (var q = c.prepareStatement(sql.toString())) {
      q.setString(1, sourceId);
      for (int i = 0; i < chunk.size(); i++) {
        q.setString(i + 2, chunk.get(i).id());
      }
      try (var rs = q.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }
}
