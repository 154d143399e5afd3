package org.firebreak.store;

import java.util.Locale;
import java.util.Optional;

/** The databases the store runs on. Both get the same repositories; migrations live in one folder per vendor. */
public enum Vendor {
  /** The embedded default: one file, WAL, {@code synchronous=FULL}, foreign keys on. */
  SQLITE("jdbc:sqlite:", "sqlite"),
  /** The production database, for several gateway nodes sharing one store. */
  POSTGRESQL("jdbc:postgresql:", "postgresql");

  private final String urlPrefix;
  private final String folder;

  Vendor(String urlPrefix, String folder) {
    this.urlPrefix = urlPrefix;
    this.folder = folder;
  }

  /** The Flyway location of this vendor's migrations. */
  public String migrations() {
    return "classpath:db/migration/" + folder;
  }

  /** The vendor of a JDBC URL, or empty when the store does not support it. */
  public static Optional<Vendor> of(String jdbcUrl) {
    if (jdbcUrl == null) {
      return Optional.empty();
    }
    String lower = jdbcUrl.toLowerCase(Locale.ROOT);
    for (Vendor v : values()) {
      if (lower.startsWith(v.urlPrefix)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
