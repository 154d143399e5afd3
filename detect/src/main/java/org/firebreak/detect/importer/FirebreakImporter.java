package org.firebreak.detect.importer;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import org.firebreak.core.error.FirebreakException;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.error.UnreadableFileException;
import org.firebreak.store.Store;

/**
 * {@code --format firebreak}: the requests of a Firebreak data directory ({@code firebreak serve --data DIR},
 * {@code firebreak demo --data DIR}), read from its SQLite database {@code DIR/firebreak.db} (or that file named
 * directly) by {@link FirebreakEvents}. The database must exist: this never creates one. Opening it brings its schema
 * up to date, as {@code firebreak serve} would; nothing else is written. A server may be running on it (SQLite WAL:
 * readers do not block it).
 */
public final class FirebreakImporter implements Importer {
  /** The whole range the store keeps times in. */
  static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
  static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");

  @Override
  public void read(Path input, String label, ImportSink sink) {
    Path db = database(input, label);
    Store store;
    try {
      store = Store.open("jdbc:sqlite:" + db.toAbsolutePath().normalize());
    } catch (FirebreakException e) {
      throw new InvalidInputException(label, db.getFileName().toString(), "not a Firebreak database: "
          + e.getMessage(), e);
    }
    try (store) {
      new FirebreakEvents(store, label).read(FIRST, LAST, sink);
    }
  }

  /** DIR/firebreak.db for a directory, else the file itself; it must exist. */
  static Path database(Path input, String label) {
    if (Files.isDirectory(input)) {
      Path db = input.resolve(FirebreakEvents.DATABASE_FILE);
      if (!Files.isRegularFile(db)) {
        throw new InvalidInputException(label, FirebreakEvents.DATABASE_FILE, "not a Firebreak data directory: it has"
            + " no " + FirebreakEvents.DATABASE_FILE, null);
      }
      return db;
    }
    if (!Files.isRegularFile(input)) {
      throw new UnreadableFileException(label, new NoSuchFileException(input.toString()));
    }
    return input;
  }
}
