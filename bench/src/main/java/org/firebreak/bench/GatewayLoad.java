package org.firebreak.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.firebreak.server.Deployment;

/**
 * Issue 4's load test: {@code POST /v1/requests} against a running server on SQLite (wired by {@link Deployment}, as
 * {@code firebreak serve} does), with the same server's {@code GET /healthz} measured in the same run as the ceiling.
 *
 * <p>Setup over HTTP: a local police agency with a REQUESTER, ICE ERO with a REQUESTER, a DMV custodian and its
 * source, {@value #RECORDS} records ingested. Then connections of wrk (or, with {@code -Dclient=java}, virtual
 * threads sharing one {@link HttpClient}), each a closed loop, drive the server for {@code -Dwarmup} (180: the JIT's C2
 * compiler was still busy 70–100 s into this load, at up to a fifth of the CPU) + {@code -Dseconds} (10) seconds, at
 * each number of connections {@code -Dclients} lists ({@code 64,128}; after the first, {@value #LEVEL_WARMUP} s of
 * warm-up each): the floor is a rate at a latency (p99 under 50 ms), and a closed loop's latency grows with its
 * connections once the server is busy (Little's law), so the rate is read at more than one load and the floor is met
 * when one of them reaches both. Mix: {@code -Dice} (20)% ICE ERO civil-immigration requests for home address and
 * DMV record (DENY), the rest SFPD violent-crime requests with a case number for a random licence (PERMIT, fields
 * released). Only 2xx answers that carry a receipt (a signed checkpoint and an inclusion proof) count; the ledger's
 * size at the end must cover every counted answer. The data directory (under bench/target) is deleted at the end.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.firebreak.bench.GatewayLoad
 * </pre>
 */
public final class GatewayLoad {
  static final int RECORDS = 10_000;
  /** The numbers of connections measured, in order; the Java client, the ceiling and the in-process phase use the
   * largest. */
  private static final List<Integer> LEVELS = levels(System.getProperty("clients", "64,128"));
  private static final int CLIENTS = LEVELS.stream().mapToInt(Integer::intValue).max().orElseThrow();
  /** Warm-up of each number of connections after the first: the JIT has compiled the path by then. */
  static final int LEVEL_WARMUP = 15;
  private static final int WARMUP = Integer.getInteger("warmup", 180);
  private static final int SECONDS = Integer.getInteger("seconds", 10);
  private static final int HEALTHZ_WARMUP = 15;
  private static final int ICE_PERCENT = Integer.getInteger("ice", 20);
  /** {@code wrk} (C, from Debian; the default when it is on the PATH) or {@code java} (the JDK's HttpClient). */
  private static final String CLIENT = System.getProperty("client", Wrk.available() ? "wrk" : "java");
  /** {@code -Dinprocess=false} skips the in-process phase (the HTTP phases alone, for a quicker run). */
  private static final boolean IN_PROCESS = Boolean.parseBoolean(System.getProperty("inprocess", "true"));

  private GatewayLoad() {}

  /** What one phase measured. */
  record Result(String name, long ok, long bad, double seconds, String latency, long p50Nanos, long p99Nanos) {
    double perSecond() {
      return ok / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    Path target = Files.isDirectory(Path.of("bench", "target")) ? Path.of("bench", "target") : Path.of("target");
    Path dir = target.resolve("gateway-load-" + System.nanoTime()).toAbsolutePath();
    System.out.println(Machine.describe(target));
    try {
      run(dir);
    } finally {
      deleteTree(dir);
    }
  }

  private static void run(Path dir) throws Exception {
    try (Deployment d = Deployment.start(new Deployment.Settings(dir, Optional.empty(), "127.0.0.1", 0,
        Deployment.DEFAULT_ORIGIN));
        ExecutorService vts = Executors.newVirtualThreadPerTaskExecutor()) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(vts)
          .connectTimeout(Duration.ofSeconds(5)).build();
      URI base = d.url();
      String admin = Files.readString(d.adminTokenFile(), StandardCharsets.UTF_8).strip();
      System.out.println("server " + base + ", data " + dir);

      // ---- registry and data, over HTTP
      post(http, base, "/v1/agencies", admin, "application/json", """
          {"id":"sfpd","name":"San Francisco Police","level":"LOCAL","component":"POLICE","jurisdiction":"US-CA-SF"}""",
          201);
      post(http, base, "/v1/agencies", admin, "application/json", """
          {"id":"ice-ero-sf","name":"ICE ERO San Francisco","level":"FEDERAL","component":"ICE_ERO","jurisdiction":"US"}""",
          201);
      post(http, base, "/v1/agencies", admin, "application/json", """
          {"id":"ca-dmv-agency","name":"California DMV","level":"STATE","component":"DMV","jurisdiction":"US-CA"}""",
          201);
      String officer = token(post(http, base, "/v1/users", admin, "application/json", """
          {"id":"officer-1","agency":"sfpd","roles":["REQUESTER"]}""", 201));
      String agent = token(post(http, base, "/v1/users", admin, "application/json", """
          {"id":"agent-1","agency":"ice-ero-sf","roles":["REQUESTER"]}""", 201));
      String custodian = token(post(http, base, "/v1/users", admin, "application/json", """
          {"id":"custodian-1","agency":"ca-dmv-agency","roles":["CUSTODIAN"]}""", 201));
      post(http, base, "/v1/sources", custodian, "application/json", """
          {"id":"ca-dmv","kind":"DMV","jurisdiction":"US-CA","agency":"ca-dmv-agency",
           "fields":{"name":"identity","license":"dmv.record","home":"address.home",
                     "docs":"dmv.source_documents","status":"immigration_status"},
           "searchable":["name","license"]}""", 201);
      StringBuilder nd = new StringBuilder(RECORDS * 140);
      for (int i = 0; i < RECORDS; i++) {
        nd.append(String.format("{\"id\":\"r%d\",\"fields\":{\"name\":\"Person %d\",\"license\":\"D%07d\","
            + "\"home\":\"%d Mission St\",\"docs\":\"passport %d\",\"status\":\"%s\"}}%n", i, i, i, i, i,
            i % 3 == 0 ? "AB60" : "citizen"));
      }
      long t0 = System.nanoTime();
      String ingested = post(http, base, "/v1/sources/ca-dmv/records", custodian, "application/x-ndjson",
          nd.toString(), 200);
      System.out.printf("ingested in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, ingested);

      IntFunction<HttpRequest> permit = i -> json(base, "/v1/requests", officer, """
          {"purpose":"VIOLENT_CRIME","justification":"armed robbery suspect","caseNumber":"SF-26-%d",
           "sources":["ca-dmv"],"query":{"license":"D%07d"}}""".formatted(i, i % RECORDS));
      IntFunction<HttpRequest> deny = i -> json(base, "/v1/requests", agent, """
          {"purpose":"CIVIL_IMMIGRATION_ENFORCEMENT","caseNumber":"26-%d","sources":["ca-dmv"],
           "query":{"license":"D%07d"},"categories":["address.home","dmv.record"]}""".formatted(i, i % RECORDS));
      // Sanity: the two kinds decide as the mix says, each with a receipt.
      String p = http.send(permit.apply(1), HttpResponse.BodyHandlers.ofString()).body();
      String q = http.send(deny.apply(2), HttpResponse.BodyHandlers.ofString()).body();
      check(p.contains("\"decision\":\"PERMIT\"") && p.contains("\"recordId\":\"r1\"") && hasReceipt(p),
          "local police: " + p);
      check(q.contains("\"decision\":\"DENY\"") && q.contains("\"released\":[]") && hasReceipt(q), "ICE ERO: " + q);
      long ledgerBefore = treeSize(http, base);
      // What the server burns with nothing to do (background threads): a per-request CPU figure includes it.
      long idle0 = Wrk.serverCpuNanos();
      Thread.sleep(3_000);
      System.out.printf("server CPU while idle: %.1f ms per second%n", (Wrk.serverCpuNanos() - idle0) / 3e6);

      List<Result> levels = new ArrayList<>();
      Result healthz;
      long ledgerAfter;
      if (CLIENT.equals("wrk")) {
        for (int level : LEVELS) {
          Wrk wrk = new Wrk(level, levels.isEmpty() ? WARMUP : Math.min(WARMUP, LEVEL_WARMUP), SECONDS);
          levels.add(wrk.run("POST /v1/requests " + level, base,
              Wrk.requestsScript(officer, agent, ICE_PERCENT, RECORDS)));
        }
        ledgerAfter = treeSize(http, base);
        // The JIT compiled the HTTP layer during the requests phase: the ceiling needs a short warm-up only.
        healthz = new Wrk(CLIENTS, Math.min(WARMUP, HEALTHZ_WARMUP), SECONDS)
            .run("GET /healthz " + CLIENTS, base, Wrk.healthzScript());
      } else {
        IntFunction<HttpRequest> mix = i -> ThreadLocalRandom.current().nextInt(100) < ICE_PERCENT
            ? deny.apply(i) : permit.apply(i);
        levels.add(drive(http, vts, "POST /v1/requests " + CLIENTS, mix, true));
        ledgerAfter = treeSize(http, base);
        HttpRequest health = HttpRequest.newBuilder(base.resolve("/healthz")).GET().build();
        healthz = drive(http, vts, "GET /healthz " + CLIENTS, i -> health, false);
      }

      Optional<Result> inProcess = IN_PROCESS ? Optional.of(inProcess(d, officer, agent)) : Optional.empty();

      System.out.println();
      System.out.printf("%s clients (%s, HTTP/1.1 keep-alive, loopback), %d s warm-up (%d s at each further number of "
          + "clients) + %d s measured per phase; mix %d%% ICE ERO (DENY) / %d%% local police (PERMIT)%n",
          LEVELS.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")),
          CLIENT.equals("wrk") ? "wrk, 2 threads" : "virtual threads, one HttpClient", WARMUP, LEVEL_WARMUP, SECONDS,
          ICE_PERCENT, 100 - ICE_PERCENT);
      List<Result> results = new ArrayList<>(levels);
      results.add(healthz);
      inProcess.ifPresent(results::add);
      for (Result r : results) {
        System.out.printf("%-22s %,9.0f req/s  %s  (%,d counted, %d failed)%n", r.name(), r.perSecond(),
            r.latency(), r.ok(), r.bad());
      }
      Result requests = levels.getLast(); // the most connections: the ratio to the ceiling at the same load
      System.out.printf("ratio healthz / requests: %.1fx throughput; p50 %.1fx%n",
          healthz.perSecond() / requests.perSecond(), (double) requests.p50Nanos() / healthz.p50Nanos());
      long receipts = levels.stream().mapToLong(Result::ok).sum();
      boolean allLogged = ledgerAfter - ledgerBefore >= receipts;
      System.out.printf("ledger: %,d entries appended during the requests phases (warm-ups included), >= %,d receipts "
          + "counted: %s%n", ledgerAfter - ledgerBefore, receipts, allLogged ? "yes" : "NO");
      // Where the time goes, one piece: a durable SQLite write transaction (a request waits for one, grouped with
      // other requests' writes by the store's committer thread), timed alone from one thread.
      int n = 500;
      long s0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        d.store().requests().receive("officer-1", "sfpd", "{\"probe\":" + i + "}", java.time.Instant.now());
      }
      double txMs = (System.nanoTime() - s0) / 1e6 / n;
      System.out.printf("one store commit (RequestRepository.receive alone, one thread, no load): %.2f ms; a request "
          + "waits for one grouped commit, which many requests share%n", txMs);
      List<String> met = levels.stream()
          .filter(r -> r.perSecond() >= 5000 && r.p99Nanos() < 50_000_000L && allLogged)
          .map(r -> String.format("%s: %,.0f req/s, p99 %.1f ms", r.name(), r.perSecond(), r.p99Nanos() / 1e6))
          .toList();
      System.out.printf("floor (>= 5,000 req/s, every decision in the ledger, p99 < 50 ms): %s%n",
          met.isEmpty() ? "MISSED" : "MET (" + String.join("; ", met) + ")");
    }
  }

  static List<Integer> levels(String list) {
    List<Integer> out = new ArrayList<>();
    for (String part : list.split(",")) {
      int n;
      try {
        n = Integer.parseInt(part.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("-Dclients: a comma-separated list of numbers of connections, got '"
            + list + "'");
      }
      if (n < 1) {
        throw new IllegalArgumentException("-Dclients: a number of connections is at least 1, got " + n);
      }
      out.add(n);
    }
    return List.copyOf(out);
  }

  /**
   * The same mix without HTTP: CLIENTS platform threads (as Jetty's pool would run them) call {@code Gateway.submit}
   * directly, parsing each body as the server does. What this costs per request is the pipeline's share; the rest of
   * the HTTP figure is the HTTP layer's.
   */
  private static Result inProcess(Deployment d, String officerToken, String agentToken) throws Exception {
    org.firebreak.gateway.Gateway gateway = d.gateway();
    org.firebreak.core.json.StrictJson json = new org.firebreak.core.json.StrictJson();
    org.firebreak.gateway.Caller officer = gateway.authenticate(officerToken);
    org.firebreak.gateway.Caller agent = gateway.authenticate(agentToken);
    Latencies.Concurrent hist = new Latencies.Concurrent();
    LongAdder ok = new LongAdder();
    LongAdder bad = new LongAdder();
    long start = System.nanoTime();
    long measureFrom = start + WARMUP * 1_000_000_000L;
    long end = measureFrom + SECONDS * 1_000_000_000L;
    long[] cpu = new long[2];
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      threads.add(Thread.ofPlatform().start(() -> {
        int i = client * 1_000_000;
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (true) {
          long t = System.nanoTime();
          if (t >= end) {
            return;
          }
          boolean ice = rnd.nextInt(100) < ICE_PERCENT;
          String lic = String.format("D%07d", rnd.nextInt(RECORDS));
          String body = ice
              ? "{\"purpose\":\"CIVIL_IMMIGRATION_ENFORCEMENT\",\"caseNumber\":\"26-" + i + "\",\"sources\":"
                  + "[\"ca-dmv\"],\"query\":{\"license\":\"" + lic + "\"},\"categories\":[\"address.home\","
                  + "\"dmv.record\"]}"
              : "{\"purpose\":\"VIOLENT_CRIME\",\"justification\":\"armed robbery suspect\",\"caseNumber\":"
                  + "\"SF-26-" + i + "\",\"sources\":[\"ca-dmv\"],\"query\":{\"license\":\"" + lic + "\"}}";
          i++;
          boolean good;
          try {
            var outcome = gateway.submit(ice ? agent : officer,
                json.read(body, org.firebreak.gateway.RequestBody.class, "request"), body);
            good = outcome.receipt().isPresent();
          } catch (RuntimeException e) {
            good = false;
          }
          long done = System.nanoTime();
          if (t >= measureFrom && done <= end) {
            (good ? ok : bad).increment();
            if (good) {
              hist.record(done - t);
            }
          }
        }
      }));
    }
    Thread.sleep(WARMUP * 1000L);
    cpu[0] = Wrk.serverCpuNanos();
    for (Thread t : threads) {
      t.join();
    }
    cpu[1] = Wrk.serverCpuNanos();
    long[] snap = hist.snapshot();
    String summary = Latencies.Concurrent.summary(new long[64 * 16], snap) + String.format(
        "  server CPU %,.0f us/req", (cpu[1] - cpu[0]) / 1e3 / Math.max(1, ok.sum() + bad.sum()));
    return new Result("Gateway.submit", ok.sum(), bad.sum(), SECONDS, summary, percentile(snap, 50),
        percentile(snap, 99));
  }

  /** Closed loop: CLIENTS virtual threads, each sending the next request when the last answer is in. */
  private static Result drive(HttpClient http, ExecutorService vts, String name, IntFunction<HttpRequest> next,
      boolean needReceipt) throws Exception {
    Latencies.Concurrent hist = new Latencies.Concurrent();
    LongAdder ok = new LongAdder();
    LongAdder bad = new LongAdder();
    List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    long measureFrom = start + WARMUP * 1_000_000_000L;
    long end = measureFrom + SECONDS * 1_000_000_000L;
    List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      fs.add(vts.submit(() -> {
        int i = client * 1_000_000;
        while (true) {
          long t = System.nanoTime();
          if (t >= end) {
            return null;
          }
          boolean good;
          String error = null;
          try {
            HttpResponse<String> r = http.send(next.apply(i++), HttpResponse.BodyHandlers.ofString());
            good = r.statusCode() / 100 == 2 && (!needReceipt || hasReceipt(r.body()));
            if (!good) {
              error = r.statusCode() + " " + r.body();
            }
          } catch (IOException e) {
            good = false;
            error = e.toString();
          }
          long done = System.nanoTime();
          if (t >= measureFrom && done <= end) {
            if (good) {
              ok.increment();
              hist.record(done - t);
            } else {
              bad.increment();
              if (firstErrors.size() < 3) {
                firstErrors.add(error);
              }
            }
          }
        }
      }));
    }
    for (var f : fs) {
      f.get();
    }
    firstErrors.forEach(e -> System.out.println(name + " failed: " + e));
    long[] none = new long[64 * 16];
    long[] snap = hist.snapshot();
    String summary = Latencies.Concurrent.summary(none, snap);
    return new Result(name, ok.sum(), bad.sum(), SECONDS, summary, percentile(snap, 50), percentile(snap, 99));
  }

  private static long percentile(long[] counts, double p) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    long want = Math.max(1, (long) Math.ceil(p / 100.0 * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= want) {
        // the upper bound of bucket i, as Latencies does
        if (i < 64) {
          return i;
        }
        int exp = i / 16;
        int sub = i % 16;
        return ((long) (16 + sub + 1) << (exp - 4)) - 1;
      }
    }
    return 0;
  }

  /** A receipt with its signed checkpoint and inclusion proof. */
  private static boolean hasReceipt(String body) {
    int r = body.indexOf("\"receipt\":{");
    return r >= 0 && body.indexOf("\"checkpoint\":", r) > 0 && body.indexOf("\"inclusionProof\":", r) > 0;
  }

  private static long treeSize(HttpClient http, URI base) throws Exception {
    String note = http.send(HttpRequest.newBuilder(base.resolve("/log/checkpoint")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return Long.parseLong(note.split("\n")[1].strip());
  }

  private static HttpRequest json(URI base, String path, String token, String body) {
    return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static String post(HttpClient http, URI base, String path, String token, String type, String body,
      int expect) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
        .header("Content-Type", type).timeout(Duration.ofMinutes(2))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> a = http.send(r, HttpResponse.BodyHandlers.ofString());
    check(a.statusCode() == expect, path + " -> " + a.statusCode() + " " + a.body());
    return a.body();
  }

  private static String token(String userJson) {
    int i = userJson.indexOf("\"token\":\"") + 9;
    return userJson.substring(i, userJson.indexOf('"', i));
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("unexpected answer: " + what);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
