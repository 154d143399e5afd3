package org.firebreak.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.firebreak.core.model.Agency;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Decision;
import org.firebreak.server.client.ApiClient;

/**
 * Plays a city and its month through a running Firebreak over HTTP, as its people would: the administrator registers
 * the agencies and members, each custodian registers and ingests its sources, the requesters send the month's
 * requests from several clients at once, and the auditor reviews what was held. Nothing here decides anything: the
 * answers are the gateway's.
 */
public final class Replay {
  /** Records per ingest request (the API takes at most 10,000 and 32 MiB). */
  public static final int BATCH = 5_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final City city;
  private final Map<String, ApiClient> clients = new LinkedHashMap<>();
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private Replay(URI base, City city) {
    this.base = base;
    this.city = city;
  }

  /** Registers the city's agencies, members and sources with the administrator's token. */
  public static Replay register(URI base, String adminToken, City city) {
    Replay r = new Replay(base, city);
    ApiClient admin = new ApiClient(base, adminToken);
    for (Agency a : city.agencies()) {
      ObjectNode o = JSON.createObjectNode();
      o.put("id", a.id());
      o.put("name", a.name());
      o.put("level", a.level().name());
      o.put("component", a.component().name());
      o.put("jurisdiction", a.jurisdiction().code());
      post(admin, "/v1/agencies", o);
    }
    for (Member m : city.members()) {
      ObjectNode o = JSON.createObjectNode();
      o.put("id", m.id());
      o.put("agency", m.agencyId());
      o.putArray("roles").add(m.role());
      var tf = o.putArray("taskForces");
      m.taskForces().forEach(t -> tf.add(t.wire()));
      JsonNode answer = post(admin, "/v1/users", o);
      r.tokens.put(m.id(), answer.path("token").asText());
      r.clients.put(m.id(), new ApiClient(base, answer.path("token").asText()));
    }
    for (SourceSpec s : city.sources()) {
      ObjectNode o = JSON.createObjectNode();
      o.put("id", s.id());
      o.put("kind", s.kind().name());
      o.put("jurisdiction", s.jurisdiction().code());
      o.put("agency", s.agencyId());
      ObjectNode fields = o.putObject("fields");
      s.fields().forEach((k, v) -> fields.put(k, v.wire()));
      s.searchable().forEach(o.putArray("searchable")::add);
      post(r.custodian(s), "/v1/sources", o);
    }
    return r;
  }

  public URI base() {
    return base;
  }

  /**
   * Ingests every record of one source through {@code POST /v1/sources/{id}/records} as its custodian, in batches;
   * two batches are in flight at once so the server parses one while the database stores the other.
   * {@code progress} hears the records of each stored batch.
   */
  public void ingest(SourceSpec source, LongConsumer progress) {
    ApiClient custodian = custodian(source);
    String path = "/v1/sources/" + source.id() + "/records";
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> inFlight = new ArrayList<>();
      Iterator<SimRecord> it = city.records(source.id());
      while (it.hasNext()) {
        StringBuilder body = new StringBuilder(BATCH * 200);
        int n = 0;
        while (it.hasNext() && n < BATCH) {
          SimRecord rec = it.next();
          ObjectNode line = JSON.createObjectNode();
          line.put("id", rec.id());
          ObjectNode f = line.putObject("fields");
          rec.fields().forEach(f::put);
          body.append(line).append('\n');
          n++;
        }
        int count = n;
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        if (inFlight.size() == 2) {
          await(inFlight.remove(0));
        }
        inFlight.add(pool.submit(() -> {
          custodian.post(path, "application/x-ndjson", bytes);
          progress.accept(count);
        }));
      }
      for (Future<?> f : inFlight) {
        await(f);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Sends the month's requests from {@code concurrency} clients at once, then has the auditor review every held
   * request (the auditor knows the facts: a lawful one is released, an unlawful one denied). Outcomes come back in
   * scenario order; {@code progress} hears each request answered.
   */
  public List<Outcome> run(Scenario scenario, int concurrency, LongConsumer progress) {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (ScenarioRequest r : scenario.requests()) {
        futures.add(pool.submit(() -> {
          Outcome o = send(r);
          progress.accept(1);
          return o;
        }));
      }
      List<Outcome> decided = new ArrayList<>();
      for (Future<Outcome> f : futures) {
        decided.add(await(f));
      }
      List<Future<Outcome>> reviews = new ArrayList<>();
      for (Outcome o : decided) {
        reviews.add(pool.submit(() -> o.status().equals("HELD") ? review(o) : o));
      }
      List<Outcome> out = new ArrayList<>();
      for (Future<Outcome> f : reviews) {
        out.add(await(f));
      }
      out.sort(Comparator.comparingInt(o -> o.request().seq()));
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private Outcome send(ScenarioRequest r) {
    ApiClient client = clients.get(r.memberId());
    JsonNode a = post(client, "/v1/requests", r.body());
    Decision decision = Decision.valueOf(a.at("/decision/decision").asText());
    List<String> closing = new ArrayList<>();
    for (JsonNode s : a.at("/decision/sources")) {
      for (JsonNode rule : s.path("rules")) {
        String effect = rule.path("effect").asText();
        if (effect.equals("forbid") || effect.equals("refer")) {
          String c = rule.path("pack").asText() + "/" + rule.path("id").asText() + " — "
              + rule.path("citation").asText();
          if (!closing.contains(c)) {
            closing.add(c);
          }
        }
      }
    }
    if (closing.isEmpty() && decision == Decision.DENY) {
      closing.add("no rule permits it — the data-sharing agreement (baseline) needs law-enforcement recipients, a"
          + " criminal purpose and a case number");
    }
    return new Outcome(r, a.path("id").asText(), decision, a.path("status").asText(), released(a.path("released")),
        closing, List.of(a.path("receipt")), Optional.empty());
  }

  private Outcome review(Outcome held) {
    Member auditor = city.members().stream().filter(m -> m.role().equals("AUDITOR")).findFirst().orElseThrow();
    boolean lawful = held.request().label().lawful();
    ObjectNode body = JSON.createObjectNode();
    body.put("decision", lawful ? "PERMIT" : "DENY");
    body.put("note", lawful ? "Urgency confirmed with the watch commander" : "No urgent need shown");
    JsonNode a = post(clients.get(auditor.id()), "/v1/requests/" + held.id() + "/review", body);
    Map<String, Set<Category>> released = new LinkedHashMap<>(held.released());
    // The review's answer lists no released fields to the auditor; the held request's referred categories are what
    // a PERMIT releases, and the requester fetches them with GET. Read them as the requester would.
    if (lawful) {
      JsonNode mine = get(held.request().memberId(), "/v1/requests/" + held.id());
      released(mine.path("released")).forEach((k, v) -> released.merge(k, v, (x, y) -> {
        Set<Category> s = EnumSet.noneOf(Category.class);
        s.addAll(x);
        s.addAll(y);
        return s;
      }));
    }
    List<JsonNode> receipts = new ArrayList<>(held.receipts());
    receipts.add(a.path("receipt"));
    return new Outcome(held.request(), held.id(), held.decision(), a.path("status").asText(), released,
        held.closingRules(), receipts, Optional.of(lawful ? Decision.PERMIT : Decision.DENY));
  }

  /** The categories of the fields released, per source. */
  private Map<String, Set<Category>> released(JsonNode releasedArray) {
    Map<String, Set<Category>> out = new LinkedHashMap<>();
    for (JsonNode rel : releasedArray) {
      String source = rel.path("source").asText();
      SourceSpec spec = city.source(source);
      Set<Category> cats = out.computeIfAbsent(source, k -> EnumSet.noneOf(Category.class));
      rel.path("fields").fieldNames().forEachRemaining(f -> {
        Category c = spec.fields().get(f);
        if (c == null) {
          throw new IllegalStateException("source " + source + " released a field it does not have: " + f);
        }
        cats.add(c);
      });
    }
    return out;
  }

  private ApiClient custodian(SourceSpec s) {
    Member m = city.members().stream()
        .filter(x -> x.role().equals("CUSTODIAN") && x.agencyId().equals(s.agencyId())).findFirst()
        .orElseThrow(() -> new IllegalStateException("no custodian for " + s.agencyId()));
    return clients.get(m.id());
  }

  private static JsonNode post(ApiClient client, String path, JsonNode body) {
    return client.post(path, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** A GET with the member's token (the server's client only posts). */
  private JsonNode get(String memberId, String path) {
    HttpRequest req = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(1))
        .header("Authorization", "Bearer " + tokens.get(memberId)).GET().build();
    try {
      HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (res.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + ": HTTP " + res.statusCode() + " " + res.body());
      }
      return JSON.readTree(res.body());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
