package org.firebreak.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.detect.AuditEvent;
import org.firebreak.detect.Detection;
import org.firebreak.detect.Detector;
import org.firebreak.detect.Flag;
import org.firebreak.detect.Settings;
import org.firebreak.detect.importer.FirebreakEvents;
import org.firebreak.detect.importer.ImportSink;
import org.firebreak.detect.importer.Problem;
import org.firebreak.policy.ImmigrationTextClassifier;
import org.firebreak.store.Store;

/**
 * The flags of {@code GET /v1/flags}: every detector over the requests the store received in a window, computed when
 * asked.
 *
 * <p>Why from the store on each call, not a detection pipeline fed as requests arrive: the store already holds every
 * request the moment the gateway answers, so the flags are as current either way; the relay and volume-spike
 * detectors match events against later ones and so need the whole window, which a bounded in-memory stream would cut
 * at an arbitrary point; and flags computed from the store are the same after a restart and on every node behind a
 * load balancer. The cost is one read of the window per call (the demo's month: 596 requests, milliseconds), bounded
 * by {@link #MAX_WINDOW} and {@link #MAX_REQUESTS}; auditors call it, not requesters.
 */
public final class AuditFlags {
  /** The window when none is asked for: the last 30 days. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
  /** The longest window: a quarter. */
  public static final Duration MAX_WINDOW = Duration.ofDays(92);
  /** The most requests one call reads; more is a 400 asking for a narrower window. */
  public static final int MAX_REQUESTS = 200_000;

  /** The flags of a window, ordered by the flagged request's time, then its id, then detector. */
  public record Result(Instant from, Instant to, long requests, List<Flag> flags, Map<String, Instant> receivedAt) {
    public Result {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      flags = List.copyOf(flags);
      receivedAt = Map.copyOf(receivedAt);
    }
  }

  private final Store store;
  private final Clock clock;
  private final ImmigrationTextClassifier classifier = new ImmigrationTextClassifier();

  public AuditFlags(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Now, as this instance's clock says: the default end of a window. */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Runs every detector over the requests received from {@code from} (inclusive) to {@code to} (exclusive).
   *
   * @throws InvalidInputException (query parameter {@code from}) for an empty or too long window, or one holding more
   *     than {@link #MAX_REQUESTS} requests
   */
  public Result flags(Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw new InvalidInputException("query", "from", "must be before to (" + to + ")", null);
    }
    if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
      throw new InvalidInputException("query", "from", "the window from " + from + " to " + to + " is longer than "
          + MAX_WINDOW.toDays() + " days", null);
    }
    Detection detection = Detection.standard(classifier, Settings.defaults());
    List<Flag> flags = new ArrayList<>();
    Map<String, Instant> times = new HashMap<>();
    long requests = new FirebreakEvents(store, "firebreak").read(from, to, new ImportSink() {
      @Override
      public void event(AuditEvent event) {
        if (times.size() >= MAX_REQUESTS) {
          throw new InvalidInputException("query", "from", "the window holds more than " + MAX_REQUESTS
              + " requests: ask for a shorter one", null);
        }
        event.time().ifPresent(t -> times.put(event.id(), t));
        detection.accept(event, flags::add);
      }

      @Override
      public void problem(Problem problem) {
        // A body rejected as malformed JSON names nothing a detector reads (the rejection is in the ledger).
      }
    });
    detection.finish(flags::add);
    Map<String, Integer> order = new HashMap<>();
    for (Detector d : detection.detectors()) {
      order.put(d.id(), order.size());
    }
    flags.sort(Comparator.comparing((Flag f) -> times.getOrDefault(f.eventId(), Instant.MIN))
        .thenComparing(Flag::eventId).thenComparingInt(f -> order.getOrDefault(f.detector(), order.size())));
    Map<String, Instant> flagged = new HashMap<>();
    for (Flag f : flags) {
      flagged.put(f.eventId(), times.get(f.eventId()));
    }
    return new Result(from, to, requests, flags, flagged);
  }
}
