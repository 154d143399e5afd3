package org.firebreak.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.firebreak.server.Deployment;
import org.firebreak.server.OidcSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code firebreak serve}: runs the HTTP API over a data directory ({@link Deployment} does the wiring). Blocks until
 * SIGTERM or Ctrl-C (a shutdown hook stops HTTP, then closes the ledger and the store) or until its thread is
 * interrupted (tests).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the Firebreak HTTP API.",
        "On first start creates DIR (mode 0700), the database, the ledger and its key (DIR/ledger.key, mode 0600),"
            + " and an ADMIN user (agency firebreak-admin) whose token is written to DIR/admin-token (mode 0600):"
            + " its path is printed, never the token.",
        "With SQLite the ledger's tiles live in DIR/ledger; with --db jdbc:postgresql:... in the database.",
        "With --oidc-issuer and --oidc-audience the API also takes that issuer's JWTs as bearer tokens (API tokens"
            + " keep working): signed RS/PS/ES by a key of the issuer's JWK set, iss, aud, exp and nbf checked"
            + " (60 s skew), sub a registered user, the agency claim that user's registered agency; the caller gets"
            + " the roles both the roles claim and the registry give the user."})
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "DIR", defaultValue = "firebreak-data",
      description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--db", paramLabel = "URL",
      description = "JDBC URL (default: jdbc:sqlite:DIR/firebreak.db; or jdbc:postgresql://HOST:PORT/DB?user=...).")
  String db;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
      description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface, behind TLS).")
  String host;

  @Option(names = "--origin", paramLabel = "ORIGIN", defaultValue = Deployment.DEFAULT_ORIGIN,
      description = "The log's origin line and key name, used when the ledger is created (default: ${DEFAULT-VALUE}).")
  String origin;

  @Option(names = "--oidc-issuer", paramLabel = "URL",
      description = "Accept JWTs of this OIDC issuer, exactly as their iss claim spells it (https; http only to"
          + " localhost). Needs --oidc-audience.")
  String oidcIssuer;

  @Option(names = "--oidc-jwks", paramLabel = "URL",
      description = "The issuer's JWK set URL (default: the jwks_uri of ISSUER/.well-known/openid-configuration,"
          + " read at start).")
  URI oidcJwks;

  @Option(names = "--oidc-audience", paramLabel = "AUD",
      description = "This API's audience at the issuer: a token's aud must contain it.")
  String oidcAudience;

  @Option(names = "--oidc-roles-claim", paramLabel = "CLAIM", defaultValue = OidcSettings.DEFAULT_ROLES_CLAIM,
      description = "The claim listing the caller's roles: REQUESTER, CUSTODIAN, AUDITOR, ADMIN in any case;"
          + " others are ignored (default: ${DEFAULT-VALUE}).")
  String oidcRolesClaim;

  @Option(names = "--oidc-agency-claim", paramLabel = "CLAIM", defaultValue = OidcSettings.DEFAULT_AGENCY_CLAIM,
      description = "The claim naming the caller's registered agency (default: ${DEFAULT-VALUE}).")
  String oidcAgencyClaim;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** The OIDC settings, when an issuer is given; the other --oidc-* options mean nothing without one. */
  private Optional<OidcSettings> oidc() {
    if (oidcIssuer == null) {
      if (oidcJwks != null || oidcAudience != null) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--oidc-jwks and --oidc-audience need --oidc-issuer");
      }
      return Optional.empty();
    }
    if (oidcAudience == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--oidc-issuer needs --oidc-audience");
    }
    return Optional.of(new OidcSettings(oidcIssuer, Optional.ofNullable(oidcJwks), oidcAudience, oidcRolesClaim,
        oidcAgencyClaim));
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Deployment d = Deployment.start(new Deployment.Settings(data, Optional.ofNullable(db), host, port, origin,
        oidc()));
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      try {
        d.close();
      } catch (IOException | RuntimeException e) {
        System.err.println("firebreak: stopping failed: " + Main.oneLine(String.valueOf(e.getMessage())));
      } finally {
        stopped.countDown();
      }
    }, "firebreak-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    out.println("firebreak: serving " + d.url());
    out.println("  data directory: " + d.dataDir());
    out.println("  database:       " + (db == null ? "SQLite " + d.dataDir().resolve("firebreak.db")
        : db.startsWith("jdbc:postgresql:") ? "PostgreSQL" : "SQLite"));
    out.println("  ledger:         " + (db == null || db.startsWith("jdbc:sqlite:")
        ? d.dataDir().resolve(Deployment.LEDGER_DIR) : "in the database") + (d.ledgerCreated() ? " (created)" : ""));
    out.println("  admin token:    " + d.adminTokenFile() + (d.adminTokenWritten() ? " (written now; keep it secret)"
        : ""));
    out.println("  verifier key:   " + d.verifierKey());
    d.oidcJwks().ifPresent(jwks -> out.println("  OIDC:           issuer " + oidcIssuer + ", audience " + oidcAudience
        + ", keys " + jwks));
    out.println("Stop with Ctrl-C.");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
      d.close();
      out.println("firebreak: stopped");
      out.flush();
    }
    return 0;
  }
}
