package org.firebreak.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.SourceKind;
import org.firebreak.store.StoreException.Kind;
import org.jdbi.v3.core.Handle;

/**
 * The source registry. Sources are written once and never changed, so a source read once is kept in memory: the
 * gateway looks its sources up on every request.
 */
public final class SourceRepository {
  private final Db db;
  private final Map<String, Source> cache = new ConcurrentHashMap<>();

  SourceRepository(Db db) {
    this.db = db;
  }

  /**
   * Registers a new source.
   *
   * @throws StoreException {@code DUPLICATE} for a taken id, {@code UNKNOWN_REFERENCE} for an unknown agency
   */
  public void create(Source source) {
    Objects.requireNonNull(source, "source");
    db.write("store source '" + source.id() + "'", h -> {
      if (!AgencyRepository.exists(h, source.agencyId())) {
        throw new StoreException(Kind.UNKNOWN_REFERENCE, "source '" + source.id() + "': agency '"
            + source.agencyId() + "' does not exist");
      }
      if (exists(h, source.id())) {
        throw new StoreException(Kind.DUPLICATE, "source '" + source.id() + "' already exists");
      }
      h.createUpdate("INSERT INTO sources (id, kind, jurisdiction, agency_id) VALUES (:id, :kind, :j, :agency)")
          .bind("id", source.id())
          .bind("kind", source.kind().name())
          .bind("j", source.jurisdiction().code())
          .bind("agency", source.agencyId())
          .execute();
      var fields = h.prepareBatch("INSERT INTO source_fields (source_id, field, category, position) "
          + "VALUES (:s, :f, :c, :p)");
      int p = 0;
      for (Map.Entry<String, Category> f : source.fields().entrySet()) {
        fields.bind("s", source.id()).bind("f", f.getKey()).bind("c", f.getValue().wire()).bind("p", p++).add();
      }
      fields.execute();
      if (!source.searchable().isEmpty()) {
        var searchable = h.prepareBatch("INSERT INTO source_searchable (source_id, field, position) "
            + "VALUES (:s, :f, :p)");
        p = 0;
        for (String f : source.searchable()) {
          searchable.bind("s", source.id()).bind("f", f).bind("p", p++).add();
        }
        searchable.execute();
      }
      return null;
    });
  }

  public Optional<Source> get(String id) {
    Objects.requireNonNull(id, "id");
    Source cached = cache.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    List<Source> found = db.read("read source '" + id + "'", h -> load(h, " WHERE s.id = :id", id));
    found.forEach(s -> cache.put(s.id(), s));
    return found.stream().findFirst();
  }

  /** All sources, by id. */
  public List<Source> list() {
    return db.read("list sources", h -> load(h, "", null));
  }

  static boolean exists(Handle h, String id) {
    return h.createQuery("SELECT 1 FROM sources WHERE id = :id").bind("id", id).mapTo(Integer.class)
        .findOne().isPresent();
  }

  private record Row(String id, String kind, String jurisdiction, String agency, String field, String category,
      int position, Integer searchPosition) {}

  /** One statement, so a source is read whole even outside a transaction. */
  private static List<Source> load(Handle h, String where, String id) {
    var q = h.createQuery("SELECT s.id, s.kind, s.jurisdiction, s.agency_id, f.field, f.category, f.position, "
        + "x.position AS search_position FROM sources s "
        + "JOIN source_fields f ON f.source_id = s.id "
        + "LEFT JOIN source_searchable x ON x.source_id = f.source_id AND x.field = f.field"
        + where + " ORDER BY s.id, f.position");
    if (id != null) {
      q.bind("id", id);
    }
    List<Row> rows = q.map((rs, ctx) -> {
      int sp = rs.getInt("search_position");
      Integer searchPosition = rs.wasNull() ? null : sp;
      return new Row(rs.getString("id"), rs.getString("kind"), rs.getString("jurisdiction"),
          rs.getString("agency_id"), rs.getString("field"), rs.getString("category"), rs.getInt("position"),
          searchPosition);
    }).list();
    Map<String, List<Row>> bySource = new LinkedHashMap<>();
    for (Row r : rows) {
      bySource.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r);
    }
    List<Source> out = new ArrayList<>();
    for (List<Row> rs : bySource.values()) {
      Row first = rs.get(0);
      Map<String, Category> fields = new LinkedHashMap<>();
      TreeMap<Integer, String> searchable = new TreeMap<>();
      for (Row r : rs) {
        fields.put(r.field(), Category.fromWire(r.category()).orElseThrow(() -> new StoreFailureException(
            "a stored category '" + r.category() + "' is not in the vocabulary", null)));
        if (r.searchPosition() != null) {
          searchable.put(r.searchPosition(), r.field());
        }
      }
      out.add(new Source(first.id(), SourceKind.valueOf(first.kind()), Jurisdiction.of(first.jurisdiction()),
          first.agency(), fields, List.copyOf(searchable.values())));
    }
    return out;
  }
}
