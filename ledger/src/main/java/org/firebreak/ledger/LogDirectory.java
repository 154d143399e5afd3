package org.firebreak.ledger;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Properties;
import org.firebreak.ledger.note.NoteSigner;
import org.firebreak.ledger.storage.DirectoryStorage;

/**
 * A log kept in a directory: the tlog-tiles files, {@code journal/}, {@code ledger.properties} (origin and which
 * key signs) and, unless another key file was named, {@code ledger.key} with owner-only permissions. Serve only
 * {@code checkpoint} and {@code tile/} to the public, never the key.
 */
public final class LogDirectory {
  public static final String PROPERTIES = "ledger.properties";
  public static final String KEY = "ledger.key";

  private LogDirectory() {}

  /** Creates a log in {@code dir}; returns the verifier key text. */
  public static String init(Path dir, String origin, Optional<Path> keyFile) throws IOException {
    if (origin == null || origin.isBlank() || origin.contains("\n") || !origin.equals(origin.strip())) {
      throw new LedgerException("the origin must be one line without leading or trailing spaces");
    }
    Files.createDirectories(dir);
    if (Files.exists(dir.resolve(Ledger.CHECKPOINT)) || Files.exists(dir.resolve(PROPERTIES))) {
      throw new LedgerException(dir + " already holds a log");
    }
    NoteSigner signer;
    Path keyPath;
    if (keyFile.isPresent()) {
      keyPath = keyFile.get().toAbsolutePath();
      signer = readKey(keyPath);
    } else {
      signer = NoteSigner.generate(origin, new SecureRandom());
      keyPath = dir.resolve(KEY);
      writeOwnerOnly(keyPath, signer.privateKeyText() + "\n");
    }
    Properties p = new Properties();
    p.setProperty("origin", origin);
    p.setProperty("key", keyFile.isPresent() ? keyPath.toString() : KEY);
    p.setProperty("vkey", signer.verifier().text());
    try (Writer w = Files.newBufferedWriter(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
      p.store(w, "Firebreak ledger");
    }
    Ledger.create(new DirectoryStorage(dir), signer, origin, LedgerOptions.defaults()).close();
    return signer.verifier().text();
  }

  /** Opens the log in {@code dir} for appending. */
  public static Ledger open(Path dir, LedgerOptions options) throws IOException {
    return Ledger.open(new DirectoryStorage(dir), signer(dir), options);
  }

  /** The signer named by the directory's properties. */
  public static NoteSigner signer(Path dir) throws IOException {
    Properties p = properties(dir);
    Path key = dir.resolve(p.getProperty("key", KEY));
    return readKey(key);
  }

  /** The verifier key recorded when the log was created. */
  public static String verifierKey(Path dir) throws IOException {
    return properties(dir).getProperty("vkey", "");
  }

  private static Properties properties(Path dir) throws IOException {
    Path f = dir.resolve(PROPERTIES);
    if (!Files.isRegularFile(f)) {
      throw new LedgerException(dir + " is not a log (no " + PROPERTIES + "; create one with ledger init)");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }

  private static NoteSigner readKey(Path key) throws IOException {
    if (!Files.isRegularFile(key)) {
      throw new LedgerException(key + ": no such key file");
    }
    try {
      return NoteSigner.parse(Files.readString(key, StandardCharsets.UTF_8).strip());
    } catch (IllegalArgumentException e) {
      throw new LedgerException(key + ": not a private key in the x/mod note format (" + e.getMessage() + ")", e);
    }
  }

  /** Creates the file with permissions 0600 from the start, so the key is never readable by others. */
  static void writeOwnerOnly(Path file, String text) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      throw new LedgerException(file + " already exists; refusing to overwrite a key", e);
    } catch (UnsupportedOperationException e) {
      Files.createFile(file); // not POSIX: the platform's default ACLs apply
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
