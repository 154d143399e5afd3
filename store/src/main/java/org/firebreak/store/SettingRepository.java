package org.firebreak.store;

import java.util.Objects;
import java.util.Optional;

/** Small named facts the application remembers between starts (e.g. the digests of the packs last ledgered). */
public final class SettingRepository {
  private final Db db;

  SettingRepository(Db db) {
    this.db = db;
  }

  public Optional<String> get(String name) {
    Objects.requireNonNull(name, "name");
    return db.read("read setting '" + name + "'", h -> h.createQuery("SELECT value FROM settings WHERE name = :n")
        .bind("n", name).mapTo(String.class).findOne());
  }

  /** Sets a value, replacing any earlier one. */
  public void put(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    db.write("write setting '" + name + "'", h -> {
      int n = h.createUpdate("UPDATE settings SET value = :v WHERE name = :n").bind("n", name).bind("v", value)
          .execute();
      if (n == 0) {
        h.createUpdate("INSERT INTO settings (name, value) VALUES (:n, :v)").bind("n", name).bind("v", value)
            .execute();
      }
      return null;
    });
  }
}
