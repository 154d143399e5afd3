package org.firebreak.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.firebreak.core.vocab.Decision;
import org.firebreak.store.RequestStatus;

/**
 * The server's meters: {@code http.server.requests} (a timer per method, route template and status, with
 * latency buckets), {@code firebreak.decisions} (requests decided, by outcome), {@code firebreak.reviews} (auditor
 * decisions, by outcome), {@code firebreak.rejections} (requests refused as bad input or unknown source) and
 * {@code firebreak.records.ingested}. Routes are the templates ({@code /v1/requests/{id}}), never raw paths, so the
 * number of series stays bounded; a path that matches no route counts as {@code unmatched}.
 */
final class Metrics {
  static final String UNMATCHED = "unmatched";
  private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

  private final MeterRegistry registry;
  private final Counter ingested;

  Metrics(MeterRegistry registry) {
    this.registry = registry;
    this.ingested = Counter.builder("firebreak.records.ingested").description("Records stored by ingest")
        .register(registry);
    for (Decision d : Decision.values()) {
      decisions(d); // present from the start, at zero
    }
  }

  void request(String method, String route, int status, Duration took) {
    Timer.builder("http.server.requests")
        .description("HTTP requests by method, route template and status")
        .tag("method", method)
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(took);
  }

  void decided(Decision d) {
    decisions(d).increment();
  }

  void reviewed(Decision d, RequestStatus after) {
    Counter.builder("firebreak.reviews").description("Auditor decisions on referred requests")
        .tag("decision", d.name()).tag("status", after.name()).register(registry).increment();
  }

  void rejected(String reason) {
    Counter.builder("firebreak.rejections").description("Requests refused before a decision")
        .tag("reason", reason).register(registry).increment();
  }

  void ingested(int records) {
    ingested.increment(records);
  }

  private Counter decisions(Decision d) {
    return Counter.builder("firebreak.decisions").description("Requests decided by the rule packs, by outcome")
        .tag("decision", d.name()).register(registry);
  }
}
