package org.firebreak.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Component;
import org.firebreak.store.StoreException.Kind;
import org.jdbi.v3.core.Handle;

/** Agencies: who asks for data, who owns sources, on whose behalf a request is made. */
public final class AgencyRepository {
  private final Db db;

  AgencyRepository(Db db) {
    this.db = db;
  }

  /**
   * Stores a new agency.
   *
   * @throws StoreException {@code DUPLICATE} when the id is taken
   */
  public void create(Agency agency) {
    Objects.requireNonNull(agency, "agency");
    Checks.idArg(agency.id(), "agency id");
    Checks.textArg(agency.name(), "agency name");
    db.write("store agency '" + agency.id() + "'", h -> {
      if (exists(h, agency.id())) {
        throw new StoreException(Kind.DUPLICATE, "agency '" + agency.id() + "' already exists");
      }
      return h.createUpdate("INSERT INTO agencies (id, name, level, component, jurisdiction) "
              + "VALUES (:id, :name, :level, :component, :jurisdiction)")
          .bind("id", agency.id())
          .bind("name", agency.name())
          .bind("level", agency.level().name())
          .bind("component", agency.component().name())
          .bind("jurisdiction", agency.jurisdiction().code())
          .execute();
    });
  }

  public Optional<Agency> get(String id) {
    Objects.requireNonNull(id, "id");
    return db.read("read agency '" + id + "'", h -> h.createQuery("SELECT * FROM agencies WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> map(rs))
        .findOne());
  }

  /** All agencies, by id. */
  public List<Agency> list() {
    return db.read("list agencies", h -> h.createQuery("SELECT * FROM agencies ORDER BY id")
        .map((rs, ctx) -> map(rs))
        .list());
  }

  static boolean exists(Handle h, String id) {
    return h.createQuery("SELECT 1 FROM agencies WHERE id = :id").bind("id", id).mapTo(Integer.class)
        .findOne().isPresent();
  }

  private static Agency map(ResultSet rs) throws SQLException {
    return new Agency(rs.getString("id"), rs.getString("name"), AgencyLevel.valueOf(rs.getString("level")),
        Component.valueOf(rs.getString("component")), Jurisdiction.of(rs.getString("jurisdiction")));
  }
}
