package org.firebreak.server;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.firebreak.core.json.StrictJson;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Component;
import org.firebreak.gateway.Gateway;
import org.firebreak.ledger.Ledger;
import org.firebreak.ledger.LedgerException;
import org.firebreak.ledger.LedgerOptions;
import org.firebreak.ledger.note.NoteSigner;
import org.firebreak.ledger.storage.DirectoryStorage;
import org.firebreak.ledger.storage.LedgerStorage;
import org.firebreak.policy.Policy;
import org.firebreak.store.Role;
import org.firebreak.store.Store;
import org.firebreak.store.User;
import org.firebreak.store.Vendor;

/**
 * A running Firebreak service over a data directory: the wiring of {@code firebreak serve}, in one place.
 *
 * <p>On first start it creates the directory (mode 0700), the database (default {@code jdbc:sqlite:DIR/firebreak.db}),
 * the ledger's Ed25519 key in {@code DIR/ledger.key} (mode 0600), the ledger (a tile directory {@code DIR/ledger} with
 * SQLite; the database's own ledger tables with PostgreSQL), and the first administrator: agency {@value #ADMIN_AGENCY}
 * (LOCAL, component OTHER, jurisdiction US: a stand-in for whoever runs this instance, never a requester), user
 * {@value #ADMIN_USER} with the role ADMIN only, whose token goes to {@code DIR/admin-token} (mode 0600). Later starts
 * reuse all of it; if {@code admin-token} was deleted, a new token is issued for the admin and written there. With
 * {@link Settings#oidc()} the server also accepts that issuer's JWTs ({@link OidcAuthenticator}).
 *
 * <p>Detection's flags go into the public log as they are found ({@link FlagPublisher}, every few seconds).
 *
 * <p>{@link #close()} stops HTTP (requests in flight finish), publishes the last flags, then closes the ledger
 * (everything acknowledged is published), then the store.
 */
public final class Deployment implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Deployment.class);
  public static final String ADMIN_AGENCY = "firebreak-admin";
  public static final String ADMIN_USER = "admin";
  public static final String KEY_FILE = "ledger.key";
  public static final String TOKEN_FILE = "admin-token";
  public static final String LEDGER_DIR = "ledger";
  /** Published transparency reports, one directory per period (month, quarter or year), served at /reports/. */
  public static final String REPORTS_DIR = "reports";
  /** The log's verifier key, public (as served at /log/vkey), for tools that read the data directory. */
  public static final String VKEY_FILE = "vkey";
  public static final String DEFAULT_ORIGIN = "firebreak.localhost/log";

  /**
   * What {@code firebreak serve} was given; {@code oidc} empty: API tokens are the only credential. {@code flags}: how
   * often and over how long a window detection's flags are put into the public log ({@link FlagPublisher}).
   */
  public record Settings(Path dataDir, Optional<String> dbUrl, String host, int port, String origin,
      Optional<OidcSettings> oidc, FlagPublisher.Settings flags) {
    public Settings {
      Objects.requireNonNull(dataDir, "dataDir");
      Objects.requireNonNull(dbUrl, "dbUrl");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(oidc, "oidc");
      Objects.requireNonNull(flags, "flags");
    }

    /** Flags published every second over the last 30 days. */
    public Settings(Path dataDir, Optional<String> dbUrl, String host, int port, String origin,
        Optional<OidcSettings> oidc) {
      this(dataDir, dbUrl, host, port, origin, oidc, FlagPublisher.Settings.defaults());
    }

    /** Without OIDC. */
    public Settings(Path dataDir, Optional<String> dbUrl, String host, int port, String origin) {
      this(dataDir, dbUrl, host, port, origin, Optional.empty());
    }

    public Settings withFlags(FlagPublisher.Settings f) {
      return new Settings(dataDir, dbUrl, host, port, origin, oidc, f);
    }

    public String effectiveDbUrl() {
      return dbUrl.orElse("jdbc:sqlite:" + dataDir.toAbsolutePath().normalize().resolve("firebreak.db"));
    }
  }

  private final Settings settings;
  private final Store store;
  private final Gateway gateway;
  private final Ledger ledger;
  private final FirebreakServer server;
  private final FlagPublisher flags;
  private final String verifierKey;
  private final boolean adminTokenWritten;
  private final boolean ledgerCreated;
  private final Optional<URI> oidcJwks;
  private boolean closed;

  private Deployment(Settings settings, Store store, Gateway gateway, Ledger ledger,
      FirebreakServer server, FlagPublisher flags, String verifierKey, boolean adminTokenWritten,
      boolean ledgerCreated, Optional<URI> oidcJwks) {
    this.settings = settings;
    this.store = store;
    this.gateway = gateway;
    this.ledger = ledger;
    this.server = server;
    this.flags = flags;
    this.verifierKey = verifierKey;
    this.adminTokenWritten = adminTokenWritten;
    this.ledgerCreated = ledgerCreated;
    this.oidcJwks = oidcJwks;
  }

  /** Opens (creating on first start) everything under the data directory and starts the HTTP server. */
  public static Deployment start(Settings s) throws IOException {
    Path dir = s.dataDir().toAbsolutePath().normalize(); // DirectoryStorage compares paths literally
    // The OIDC issuer's keys are found before anything is created, so a wrong issuer leaves no half-made directory.
    Optional<OidcSettings> oidcSettings = s.oidc().map(OidcAuthenticator::resolve);
    createPrivateDirectory(dir);
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      Store store = Store.open(s.effectiveDbUrl());
      opened.add(store);
      LedgerStorage storage = store.vendor() == Vendor.SQLITE ? new DirectoryStorage(dir.resolve(LEDGER_DIR))
          : store.ledgerStorage();
      boolean exists = storage.read(Ledger.CHECKPOINT).isPresent();
      NoteSigner signer = signer(dir.resolve(KEY_FILE), s.origin(), exists);
      Ledger ledger = exists ? Ledger.open(storage, signer, LedgerOptions.defaults())
          : Ledger.create(storage, signer, signer.name(), LedgerOptions.defaults());
      opened.add(0, ledger);

      StrictJson json = new StrictJson();
      // Started once the server is (below); told of every request the gateway logs from the start.
      FlagPublisher flags = new FlagPublisher(store, ledger, Clock.systemUTC(), s.flags());
      Gateway gateway = new Gateway(store, new Policy(json).shippedEngine(), ledger, json, Clock.systemUTC(),
          flags::logged);
      boolean tokenWritten = bootstrapAdmin(store, dir.resolve(TOKEN_FILE));
      Files.writeString(dir.resolve(VKEY_FILE), signer.verifier().text() + "\n", StandardCharsets.UTF_8);
      // Before serving: a crash between storing a request and recording its ledger index is repaired here.
      Gateway.Reconciled reconciled = gateway.reconcileLedger();
      if (reconciled.found() + reconciled.appended() > 0) {
        LOG.info("ledger reconciled after an unclean stop: {} request(s) found in the log, {} appended now",
            reconciled.found(), reconciled.appended());
      }
      gateway.announcePacks();

      PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new JvmMemoryMetrics().bindTo(prometheus);
      new JvmThreadMetrics().bindTo(prometheus);
      new ProcessorMetrics().bindTo(prometheus);
      new UptimeMetrics().bindTo(prometheus);
      JvmGcMetrics gc = new JvmGcMetrics();
      gc.bindTo(prometheus);
      opened.add(0, gc);
      Optional<OidcAuthenticator> oidc = oidcSettings.map(o -> OidcAuthenticator.create(o, gateway));
      FirebreakServer server = new FirebreakServer(gateway, new AuditFlags(store, Clock.systemUTC()), ledger.files(),
          signer.verifier().text(), prometheus,
          FirebreakServer.Options.defaults(s.host(), s.port()).withReports(dir.resolve(REPORTS_DIR)),
          oidc.map(Authenticator.class::cast)).start();
      opened.add(0, server::stop);
      // Closed before the ledger (its last run appends), after HTTP (so it sees every request answered).
      opened.add(0, flags.start());
      return new Deployment(s, store, gateway, ledger, server, flags, signer.verifier().text(), tokenWritten,
          !exists, oidc.map(OidcAuthenticator::jwks));
    } catch (IOException | RuntimeException e) {
      for (AutoCloseable c : opened) {
        try {
          c.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** The key in {@code keyFile}; a new one, written with mode 0600, when neither key nor log exists yet. */
  private static NoteSigner signer(Path keyFile, String origin, boolean logExists) throws IOException {
    if (Files.exists(keyFile)) {
      try {
        return NoteSigner.parse(Files.readString(keyFile, StandardCharsets.UTF_8).strip());
      } catch (IllegalArgumentException e) {
        throw new LedgerException(keyFile + ": not a private key in the x/mod note format (" + e.getMessage() + ")",
            e);
      }
    }
    if (logExists) {
      throw new LedgerException("the ledger exists but its key " + keyFile + " is missing; restore it from a backup");
    }
    NoteSigner signer = NoteSigner.generate(origin, new SecureRandom());
    writeOwnerOnly(keyFile, signer.privateKeyText() + "\n");
    return signer;
  }

  /** Creates the admin agency and user when missing, and writes a token for the admin when no token file exists. */
  private static boolean bootstrapAdmin(Store store, Path tokenFile) throws IOException {
    if (Files.exists(tokenFile)) {
      return false;
    }
    if (store.agencies().get(ADMIN_AGENCY).isEmpty()) {
      store.agencies().create(new Agency(ADMIN_AGENCY, "Firebreak administration", AgencyLevel.LOCAL,
          Component.OTHER, new Jurisdiction("US")));
    }
    String token = store.users().get(ADMIN_USER).isPresent() ? store.users().issueToken(ADMIN_USER)
        : store.users().createWithToken(new User(ADMIN_USER, ADMIN_AGENCY, Set.of(Role.ADMIN), List.of(), List.of()));
    writeOwnerOnly(tokenFile, token + "\n");
    return true;
  }

  private static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir.getParent() == null ? dir : dir.getParent());
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException e) {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      // created meanwhile
    }
  }

  /** Creates the file with mode 0600 from the start, so a secret is never readable by others. */
  static void writeOwnerOnly(Path file, String text) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  public URI url() {
    String host = settings.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
      host = "localhost";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + server.port());
  }

  public int port() {
    return server.port();
  }

  public String verifierKey() {
    return verifierKey;
  }

  public Path dataDir() {
    return settings.dataDir().toAbsolutePath().normalize();
  }

  public Path adminTokenFile() {
    return dataDir().resolve(TOKEN_FILE);
  }

  /** True when this start wrote {@code admin-token} (first start, or the file had been removed). */
  public boolean adminTokenWritten() {
    return adminTokenWritten;
  }

  /** True when this start created the ledger. */
  public boolean ledgerCreated() {
    return ledgerCreated;
  }

  /** The JWK set URL OIDC tokens are checked against (configured or discovered); empty without OIDC. */
  public Optional<URI> oidcJwks() {
    return oidcJwks;
  }

  /** The store, for tests and tools in the same process. */
  public Store store() {
    return store;
  }

  /** The request pipeline behind the HTTP API, for tests and benchmarks in the same process. */
  public Gateway gateway() {
    return gateway;
  }

  /**
   * Runs the flag publisher now and waits for it: every flag on a request answered before this call is then in the
   * log, under a signed checkpoint (for {@code firebreak demo}, before it writes the month's report).
   */
  public FlagPublisher.Run publishFlags() {
    return flags.runOnce();
  }

  /**
   * The log's files as published, read-only: the newest checkpoint and its tiles. The ledger directory (or table)
   * holds them as of the last sync point, at most a second behind while the server runs, and all of them once it
   * has stopped.
   */
  public LedgerStorage logFiles() {
    return ledger.files();
  }

  /** The flag publisher, for tests of its periodic runs. */
  FlagPublisher flagPublisher() {
    return flags;
  }

  /** Stops HTTP, publishes the last flags, closes the ledger, then the store. Safe to call twice. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    IOException failure = null;
    try {
      server.stop();
    } catch (RuntimeException e) {
      failure = new IOException("stopping HTTP failed", e);
    }
    flags.close(); // logs, never throws: a failed last run leaves its flags to the next start
    try {
      ledger.close();
    } catch (IOException e) {
      failure = failure == null ? e : failure;
    }
    store.close();
    if (failure != null) {
      throw failure;
    }
  }
}
