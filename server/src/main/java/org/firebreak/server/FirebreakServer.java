package org.firebreak.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.util.JavalinBindException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.firebreak.core.json.StrictJson;
import org.firebreak.gateway.Caller;
import org.firebreak.gateway.Gateway;
import org.firebreak.ledger.storage.LedgerStorage;
import org.firebreak.store.Role;

/**
 * The HTTP API on Javalin. Every route is listed once, in {@link #routes()}, with the roles that may call it (none:
 * public); {@link #start()} registers exactly those. Authentication is {@code Authorization: Bearer <token>}: an API
 * token, checked by the gateway, or (when an OIDC issuer is configured) a JWT, checked by {@link OidcAuthenticator};
 * each route then checks its roles. Errors are application/problem+json ({@link Problems}).
 *
 * <pre>{@code
 * FirebreakServer server = new FirebreakServer(gateway, new AuditFlags(store, clock), ledger.files(), verifierKey,
 *     prometheus, FirebreakServer.Options.defaults("127.0.0.1", 8080)).start();
 * ...
 * server.stop();
 * }</pre>
 */
public final class FirebreakServer implements AutoCloseable {
  /** Where to listen and how much to accept. */
  public record Options(String host, int port, long maxJsonBytes, long maxNdjsonBytes, int maxBatchRecords,
      Optional<java.nio.file.Path> reports) {
    /** 1 MiB for a JSON body. */
    public static final long MAX_JSON = 1L << 20;
    /** 32 MiB for one NDJSON ingest batch. */
    public static final long MAX_NDJSON = 32L << 20;
    /** 10,000 records in one ingest batch. */
    public static final int MAX_BATCH = 10_000;

    public Options {
      Objects.requireNonNull(host, "host");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535");
      }
      if (maxJsonBytes < 1 || maxNdjsonBytes < 1 || maxBatchRecords < 1) {
        throw new IllegalArgumentException("limits are positive");
      }
      Objects.requireNonNull(reports, "reports");
    }

    /** The given limits; no reports directory. */
    public Options(String host, int port, long maxJsonBytes, long maxNdjsonBytes, int maxBatchRecords) {
      this(host, port, maxJsonBytes, maxNdjsonBytes, maxBatchRecords, Optional.empty());
    }

    /** These options, with the transparency reports of {@code dir} published under /reports/. */
    public Options withReports(java.nio.file.Path dir) {
      return new Options(host, port, maxJsonBytes, maxNdjsonBytes, maxBatchRecords, Optional.of(dir));
    }

    /** The default limits; port 0 picks a free port. */
    public static Options defaults(String host, int port) {
      return new Options(host, port, MAX_JSON, MAX_NDJSON, MAX_BATCH);
    }
  }

  /** A handler that runs for an authenticated caller who has one of the route's roles. */
  @FunctionalInterface
  interface CallerHandler {
    void handle(Context ctx, Caller caller) throws Exception;
  }

  /** One route: method, path template (Javalin syntax), the roles allowed (empty: public) and its handler. */
  record Route(HandlerType method, String path, Set<Role> roles, CallerHandler handler) {
    Route {
      roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    boolean isPublic() {
      return roles.isEmpty();
    }
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FirebreakServer.class);
  private static final String ROUTE_ATTRIBUTE = "firebreak.route";
  private static final String BEARER = "bearer ";

  private final Authenticator apiTokens;
  private final Optional<Authenticator> jwts;
  private final PrometheusMeterRegistry prometheus;
  private final Options options;
  private final Metrics metrics;
  private final ApiHandlers api;
  private final FlagHandlers flags;
  private final LogHandlers log;
  private final ReportFiles reports;
  private final byte[] openapi;
  private final List<Route> routes;
  private final Javalin app;
  private volatile boolean started;

  /**
   * @param gateway the request pipeline
   * @param flags the detectors over the store's requests, for {@code GET /v1/flags}
   * @param ledgerFiles the ledger's files as published ({@code Ledger.files()}), read for {@code /log/}: only the
   *     checkpoint and tiles are served
   * @param verifierKey the log's verifier key text, served at {@code /log/vkey}
   * @param prometheus the registry the server's meters go to and {@code /metrics} scrapes
   */
  public FirebreakServer(Gateway gateway, AuditFlags flags, LedgerStorage ledgerFiles, String verifierKey,
      PrometheusMeterRegistry prometheus, Options options) {
    this(gateway, flags, ledgerFiles, verifierKey, prometheus, options, Optional.empty());
  }

  /**
   * @param jwts the authenticator of bearer tokens shaped like a JWT ({@link OidcAuthenticator#looksLikeJwt}); empty:
   *     API tokens only, and a JWT is an unknown API token
   */
  public FirebreakServer(Gateway gateway, AuditFlags flags, LedgerStorage ledgerFiles, String verifierKey,
      PrometheusMeterRegistry prometheus, Options options, Optional<Authenticator> jwts) {
    Objects.requireNonNull(gateway, "gateway");
    this.apiTokens = gateway::authenticate;
    this.jwts = Objects.requireNonNull(jwts, "jwts");
    this.prometheus = Objects.requireNonNull(prometheus, "prometheus");
    this.options = Objects.requireNonNull(options, "options");
    StrictJson json = new StrictJson();
    this.metrics = new Metrics(prometheus);
    this.api = new ApiHandlers(gateway, json, metrics, options);
    this.flags = new FlagHandlers(flags);
    this.reports = new ReportFiles(options.reports());
    this.log = new LogHandlers(Objects.requireNonNull(ledgerFiles, "ledgerFiles"),
        Objects.requireNonNull(verifierKey, "verifierKey"));
    this.openapi = resource("/openapi.json");
    this.routes = table();
    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = Math.max(options.maxJsonBytes(), options.maxNdjsonBytes());
      // A request spends most of its time waiting (for the grouped store commit, the ledger, its checkpoint): on a
      // virtual thread that wait parks cheaply instead of holding and switching one of a few hundred OS threads.
      config.concurrency.useVirtualThreads = true;
      config.http.prefer405over404 = false;
      config.router.ignoreTrailingSlashes = false;
      config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblems()));
      for (Route r : routes) {
        config.routes.addHttpHandler(r.method(), r.path(), ctx -> dispatch(r, ctx));
      }
      config.routes.exception(HttpResponseException.class, (e, ctx) -> Problems.handle(e, ctx));
      config.routes.exception(Exception.class, (e, ctx) -> Problems.handle(e, ctx));
      config.requestLogger.http((ctx, ms) -> {
        String route = ctx.attribute(ROUTE_ATTRIBUTE);
        metrics.request(ctx.method().name(), route == null ? Metrics.UNMATCHED : route, ctx.statusCode(),
            Duration.ofNanos((long) (ms * 1_000_000)));
      });
    });
  }

  /**
   * Every route of the API, in one place: the OpenAPI document (server/src/main/resources/openapi.json) lists the
   * same, and a test holds them equal.
   */
  private List<Route> table() {
    Set<Role> none = Set.of();
    return List.of(
        new Route(HandlerType.GET, "/healthz", none, (ctx, c) -> healthz(ctx)),
        new Route(HandlerType.GET, "/openapi.json", none, (ctx, c) -> openapi(ctx)),
        new Route(HandlerType.GET, "/metrics", Set.of(Role.ADMIN), (ctx, c) -> metrics(ctx)),
        new Route(HandlerType.GET, "/log/checkpoint", none, (ctx, c) -> log.checkpoint(ctx)),
        new Route(HandlerType.GET, "/log/vkey", none, (ctx, c) -> log.vkey(ctx)),
        new Route(HandlerType.GET, "/log/tile/<path>", none, (ctx, c) -> log.tile(ctx)),
        new Route(HandlerType.GET, "/reports/", none, (ctx, c) -> reports.index(ctx)),
        new Route(HandlerType.GET, "/reports/<path>", none, (ctx, c) -> reports.file(ctx)),
        new Route(HandlerType.POST, "/v1/agencies", Set.of(Role.ADMIN), api::createAgency),
        new Route(HandlerType.POST, "/v1/users", Set.of(Role.ADMIN), api::createUser),
        new Route(HandlerType.POST, "/v1/sources", Set.of(Role.CUSTODIAN, Role.ADMIN), api::createSource),
        new Route(HandlerType.POST, "/v1/sources/{id}/records", Set.of(Role.CUSTODIAN, Role.ADMIN), api::ingest),
        new Route(HandlerType.POST, "/v1/requests", Set.of(Role.REQUESTER), api::submit),
        new Route(HandlerType.GET, "/v1/requests/{id}", Set.of(Role.REQUESTER, Role.AUDITOR, Role.ADMIN),
            api::getRequest),
        new Route(HandlerType.GET, "/v1/reviews", Set.of(Role.AUDITOR), api::pending),
        new Route(HandlerType.POST, "/v1/requests/{id}/review", Set.of(Role.AUDITOR), api::review),
        new Route(HandlerType.GET, "/v1/flags", Set.of(Role.AUDITOR), flags::list));
  }

  /** The route table: method, path template and roles (empty: public). */
  List<Route> routes() {
    return routes;
  }

  private void dispatch(Route r, Context ctx) throws Exception {
    ctx.attribute(ROUTE_ATTRIBUTE, r.path().replace('<', '{').replace('>', '}'));
    Caller caller = null;
    if (!r.isPublic()) {
      caller = authenticate(ctx);
      caller.require(r.roles().toArray(Role[]::new));
    }
    r.handler().handle(ctx, caller);
  }

  private Caller authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw Problems.unauthenticated("this route needs an Authorization: Bearer <token> header");
    }
    if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER) || header.substring(BEARER.length()).isBlank()) {
      throw Problems.unauthenticated("the Authorization header is not 'Bearer <token>'");
    }
    String token = header.substring(BEARER.length()).strip();
    if (jwts.isPresent() && OidcAuthenticator.looksLikeJwt(token)) {
      return jwts.get().authenticate(token);
    }
    return apiTokens.authenticate(token);
  }

  private void healthz(Context ctx) {
    ApiHandlers.ok(ctx, 200, JsonNodeFactory.instance.objectNode().put("status", "ok"));
  }

  private void openapi(Context ctx) {
    ctx.header("Cache-Control", "public, max-age=300");
    ctx.contentType("application/json");
    ctx.result(openapi);
  }

  private void metrics(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
    ctx.result(prometheus.scrape());
  }

  /** Starts listening; {@link #port()} tells the port when {@link Options#port()} was 0. */
  public synchronized FirebreakServer start() {
    if (!started) {
      try {
        app.start(options.host(), options.port());
      } catch (JavalinBindException e) {
        throw new CannotListenException("cannot listen on " + options.host() + ":" + options.port()
            + ": the port is in use", e);
      }
      started = true;
      LOG.info("listening on {}:{}", options.host(), port());
    }
    return this;
  }

  /** Stops listening and waits for the requests in flight. The gateway, ledger and store stay open. */
  public synchronized void stop() {
    if (started) {
      app.stop();
      started = false;
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** The port listened on. */
  public int port() {
    return app.port();
  }

  /** The routes Javalin has registered, as "METHOD /path/{param}", for comparison with the OpenAPI document. */
  public List<String> registeredRoutes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(p -> p.endpoint.method.name() + " " + p.endpoint.path.replace('<', '{').replace('>', '}'))
        .sorted()
        .toList();
  }

  private static byte[] resource(String name) {
    try (InputStream in = FirebreakServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the server's resources");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
