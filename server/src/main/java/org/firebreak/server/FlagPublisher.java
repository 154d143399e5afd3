package org.firebreak.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.firebreak.detect.AuditEvent;
import org.firebreak.detect.Detection;
import org.firebreak.detect.Detector;
import org.firebreak.detect.Flag;
import org.firebreak.detect.importer.FirebreakEvents;
import org.firebreak.detect.importer.ImportSink;
import org.firebreak.detect.importer.Problem;
import org.firebreak.gateway.PublicEntry;
import org.firebreak.ledger.Ledger;
import org.firebreak.ledger.LedgerException;
import org.firebreak.ledger.LogReader;
import org.firebreak.policy.ImmigrationTextClassifier;
import org.firebreak.store.LedgerRef;
import org.firebreak.store.RequestRepository;
import org.firebreak.store.RequestStatus;
import org.firebreak.store.Store;
import org.firebreak.store.AuditedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts detection's flags into the public log, so that the transparency report can count them (issue 7): one
 * {@code flag} entry per flag on a ledgered request, holding the detector, severity, the ledger indexes of the flagged
 * request and of the evidence, and the laws cited — nothing a requester typed, nobody's name ({@link
 * PublicEntry#flag}).
 *
 * <p>A full run reads the requests the store received in the last {@link Settings#lookback()} (30 days, as {@code GET
 * /v1/flags} does: the relay detector matches a search against later ones within 7 days and the volume-spike detector
 * compares a day with the requester's median day), runs every detector over them, and appends the flags not yet
 * ledgered. Their cost grows with the window, so periodic runs are full only every {@link Settings#fullInterval()}
 * (or {@link #FULL_RUN_SPACING} times the last full run's length, when that is longer);
 * in between, a quick run shows only the requests decided since the last run to the detectors that judge one request
 * at a time ({@link Detection#perEvent}). The gateway hands those over as it logs them ({@link #logged}), so a quick
 * run reads nothing back from the store; requests stored any other way are read by the next full run (and when more
 * than {@link #MAX_HANDED_OVER} wait, the quick run reads the store instead). A flag is identified by the flagged
 * request's ledger index and the detector: a detector flags a request at most once in the public log, at the severity
 * it first had. Relay and volume-spike flags need later requests, so
 * they are published in the run that first finds them, which may be days after the flagged request.
 *
 * <p>What was published is read back from the log itself, not remembered elsewhere: on its first run an instance
 * reads the flag entries from the window's first ledgered request to the end of the log, and adds every flag it
 * appends afterwards. So a restart never ledgers a flag twice, and a crash between appending a flag and remembering
 * it cannot either. Exactly one publisher may write to a log (the one process of {@code firebreak serve}; behind
 * several nodes, run it only where the ledger is sequenced).
 *
 * <p>Flags on requests that are not in the log are not published: a rejected request has no decision entry (its
 * {@code rejected} entry is not linked to the store), and a request still being logged is retried on the next run.
 * Evidence not in the log is left out of the entry's evidence.
 *
 * <p>{@link #start()} runs it every {@link Settings#interval()} on a thread of its own; {@link #close()} stops that
 * thread and runs once more, so everything decided before the server closed is covered. Thread-safe.
 */
public final class FlagPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlagPublisher.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long LEDGER_TIMEOUT_SECONDS = 30;
  /**
   * How long after it was received a request is normally stored and logged: a quick run that reads the store reads
   * this far back before its window, and an idle check this far back for requests it has not seen settled (a request
   * is dated when it arrives and stored after it has been decided). Every such run reads it again, so it is kept
   * short: under load a
   * request is stored and logged within tens of milliseconds (the slowest answer in a thousand at 5,000 requests a
   * second took under 100 ms), and with 1 s every quick run read twice what arrived; a request that takes longer is
   * flagged by the next full run instead. Quick runs come every second: each is a burst of work on one core, and at
   * 5,000 requests a second one every 5 s held a core for a quarter of a second, which the answers of those moments
   * waited for (p99.9 ~180 ms against ~70 ms).
   */
  static final Duration SETTLING = Duration.ofMillis(250);

  /**
   * The most requests handed over ({@link #logged}) that wait for a run, about 1 KB each: 40 s of requests at 5,000 a
   * second, far more than come between two runs. Past it they are not kept, and the next quick run reads the store.
   */
  static final int MAX_HANDED_OVER = 200_000;

  /**
   * A full run's cost grows with its window, and it holds the flag thread and a core while it lasts (under the load
   * test, five minutes filled the window with ~2 million requests and the run took ~2 minutes): the next full run
   * starts no sooner than this many times the last one's length after it started, so full runs take at most about a
   * tenth of a core however full the window is. Relay and volume-spike flags then reach the log later, not never.
   */
  static final int FULL_RUN_SPACING = 10;

  /**
   * @param interval how often the publisher runs the detectors that judge one request at a time, over the requests
   *     that arrived since its last run
   * @param lookback how far back a full run reads requests (the window detectors' context)
   * @param fullInterval how often a run is a full one: every detector, relay and volume-spike included, over the
   *     whole lookback (their cost grows with the window, so they run less often)
   */
  public record Settings(Duration interval, Duration lookback, Duration fullInterval) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_FULL_INTERVAL = Duration.ofMinutes(5);

    public Settings {
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(lookback, "lookback");
      Objects.requireNonNull(fullInterval, "fullInterval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("the flag interval must be positive, got " + interval);
      }
      if (fullInterval.compareTo(interval) < 0) {
        throw new IllegalArgumentException("the full-run interval (" + fullInterval
            + ") must not be shorter than the flag interval (" + interval + ")");
      }
      if (lookback.compareTo(Duration.ofDays(8)) < 0 || lookback.compareTo(AuditFlags.MAX_WINDOW) > 0) {
        // Shorter than the relay detector's 7-day window would miss relays; longer than GET /v1/flags allows, slow.
        throw new IllegalArgumentException("the flag lookback must be 8 to " + AuditFlags.MAX_WINDOW.toDays()
            + " days, got " + lookback);
      }
    }

    /** Full runs every {@link #DEFAULT_FULL_INTERVAL}, or every {@code interval} when that is longer. */
    public Settings(Duration interval, Duration lookback) {
      this(interval, lookback, interval.compareTo(DEFAULT_FULL_INTERVAL) > 0 ? interval : DEFAULT_FULL_INTERVAL);
    }

    public static Settings defaults() {
      return new Settings(DEFAULT_INTERVAL, AuditFlags.DEFAULT_WINDOW);
    }
  }

  /**
   * What one run did.
   *
   * @param requests requests read (0 when nothing had changed since the last run and detection was skipped)
   * @param judged requests shown to the detectors: a quick run that reads the store reads again those settled at the
   *     last read (a request stored late must not be missed) but does not judge them twice
   * @param flags flags the detectors raised over them
   * @param published flag entries appended now
   * @param waiting flags on requests that were not in the log yet (retried on the next run)
   */
  public record Run(long requests, long judged, int flags, int published, int waiting) {
    static final Run IDLE = new Run(0, 0, 0, 0, 0);
  }

  /** A flag as the public log identifies it: one per detector and flagged request. */
  private record Key(long requestIndex, String detector) {}

  private final Store store;
  private final Ledger ledger;
  private final Clock clock;
  private final Settings settings;
  private final ImmigrationTextClassifier classifier = new ImmigrationTextClassifier();
  private final ScheduledExecutorService timer;
  /** Flags in the log, for requests from ledger index {@link #readFrom} on. */
  private final Set<Key> published = new HashSet<>();
  /** Every flag entry from this ledger index on is in {@link #published}; MAX_VALUE until the first run. */
  private long readFrom = Long.MAX_VALUE;
  /** Flags on requests below this ledger index were forgotten (their requests left the window). */
  private long forgottenBelow = 0;
  /** The end of the last run's window, and the requests from {@link #SETTLING} before it that were settled then. */
  private Optional<Instant> lastEnd = Optional.empty();
  private Set<String> settled = Set.of();
  /** When the last full run (every detector over the whole lookback) started, and how long it took. */
  private Optional<Instant> lastFull = Optional.empty();
  private Duration lastFullTook = Duration.ZERO;
  /** True when a quick run read requests that no full run has read since. */
  private boolean windowBehind;
  private boolean started;
  private boolean closed;
  /** Requests handed over by the gateway since the last run ({@link #logged}), and how many. */
  private final ConcurrentLinkedQueue<AuditedRequest> handedOver = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waitingCount = new AtomicInteger();
  /** True when a request was not kept since the last run: the next quick run reads the store. */
  private final AtomicBoolean missed = new AtomicBoolean();

  public FlagPublisher(Store store, Ledger ledger, Clock clock, Settings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "firebreak-flags");
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs every {@link Settings#interval()} from now on, the first time one interval from now. */
  public synchronized FlagPublisher start() {
    if (started || closed) {
      throw new IllegalStateException(closed ? "closed" : "already started");
    }
    started = true;
    long every = settings.interval().toMillis();
    timer.scheduleWithFixedDelay(this::runLogged, every, every, TimeUnit.MILLISECONDS);
    return this;
  }

  private void runLogged() {
    try {
      Run r = runScheduled();
      if (r.published() > 0) {
        LOG.info("published {} flag(s) to the log ({} requests read)", r.published(), r.requests());
      }
    } catch (RuntimeException e) {
      // The next run tries again; nothing was remembered that was not ledgered.
      LOG.warn("publishing flags failed: {}", e.getMessage());
    }
  }

  /**
   * Runs the detectors over the requests of the lookback window and ledgers the new flags, waiting until they are
   * durable and under a signed checkpoint. Does nothing when no request arrived or was logged since the last run.
   *
   * @throws IllegalStateException after {@link #close()}
   * @throws LedgerException when the log cannot be read or does not take an entry in time
   */
  public synchronized Run runOnce() {
    return run(true);
  }

  /**
   * A periodic run: a full one when {@link Settings#fullInterval()} has passed since the last, otherwise only the
   * detectors that judge one request at a time, over the requests handed over since the last run (or, when some were
   * not kept, over those the store received since the last read of it, from {@link #SETTLING} before its end, so a
   * request stored late is still seen). Relay and volume-spike flags therefore reach the log within a full interval,
   * the others within a few seconds.
   */
  synchronized Run runScheduled() {
    boolean full = lastFull.isEmpty()
        || !clock.instant().isBefore(nextFull(lastFull.get(), lastFullTook, settings.fullInterval()));
    return run(full);
  }

  /**
   * When the next periodic full run is due: {@code fullInterval} after the last one started, or {@link
   * #FULL_RUN_SPACING} times its length when that is longer.
   */
  static Instant nextFull(Instant lastStarted, Duration lastTook, Duration fullInterval) {
    Duration spaced = lastTook.multipliedBy(FULL_RUN_SPACING);
    return lastStarted.plus(spaced.compareTo(fullInterval) > 0 ? spaced : fullInterval);
  }

  private Run run(boolean full) {
    if (closed) {
      throw new IllegalStateException("the flag publisher is closed");
    }
    // Whatever was handed over so far is stored and logged: a full run reads it from the store with the rest, a quick
    // run judges it as handed over, unless some was not (too many waited), when it reads the store as a full run does.
    List<AuditedRequest> handed = takeHandedOver();
    boolean someNotKept = missed.getAndSet(false); // reset by every run: a full run reads them all from the store
    boolean fromStore = full || someNotKept;
    Instant now = clock.instant();
    // Idle when nothing came since the last run, checked before any detector is set up.
    if (!fromStore && handed.isEmpty()) {
      return Run.IDLE;
    }
    if (fromStore) {
      // Ledger indexes are recorded after the answer, in a later commit: let those of requests answered by now land.
      store.awaitQueuedWrites();
      now = clock.instant();
      // Idle too when the store holds nothing new, unless this full run must show the window detectors requests
      // that only the quick detectors have seen.
      if (lastEnd.isPresent() && !(full && windowBehind) && unchangedSince(lastEnd.get(), now)) {
        return Run.IDLE;
      }
    }
    Map<String, Seen> requests = new HashMap<>();
    List<Flag> flags = new ArrayList<>();
    org.firebreak.detect.Settings detectSettings = org.firebreak.detect.Settings.defaults();
    org.firebreak.detect.Screening screening = new org.firebreak.detect.Screening(classifier);
    Detection detection = new Detection(screening, full ? Detection.all(screening, detectSettings)
        : Detection.perEvent(screening, detectSettings));
    FirebreakEvents events = new FirebreakEvents(store, "firebreak");
    ImportSink sink = new ImportSink() {
      @Override
      public void event(AuditEvent event) {
        detection.accept(event, flags::add);
      }

      @Override
      public void problem(Problem problem) {
        // A body rejected as malformed JSON names nothing a detector reads.
      }
    };
    long judged = 0;
    long row = 0;
    if (!fromStore) {
      for (AuditedRequest r : handed) {
        if (requests.putIfAbsent(r.id(), Seen.of(r)) == null) {
          events.accept(r, ++row, sink);
          judged++;
        }
      }
    } else {
      Instant windowStart = now.minus(settings.lookback());
      Instant from = full || lastEnd.isEmpty() ? windowStart : max(windowStart, lastEnd.get().minus(SETTLING));
      Optional<AuditedRequest> after = Optional.empty();
      while (true) {
        List<AuditedRequest> page = store.requests().received(from, now, after, RequestRepository.MAX_LIMIT);
        for (AuditedRequest r : page) {
          requests.put(r.id(), Seen.of(r));
          ++row;
          // A quick run's detectors judge one request at a time: one settled at the last run was judged then, and its
          // flags are published or were refused. Only a full run shows it to the detectors again.
          if (full || !settled.contains(r.id())) {
            events.accept(r, row, sink);
            judged++;
          }
        }
        if (page.size() < RequestRepository.MAX_LIMIT) {
          break;
        }
        after = Optional.of(page.getLast());
      }
    }
    if (full) {
      lastFull = Optional.of(now);
      windowBehind = false;
    }
    detection.finish(flags::add);

    long first = requests.values().stream().filter(Seen::logged).mapToLong(Seen::index).min()
        .orElse(Long.MAX_VALUE);
    readPublished(first);

    Map<String, Integer> order = new HashMap<>();
    for (Detector d : detection.detectors()) {
      order.put(d.id(), order.size());
    }
    List<Flag> ledgered = new ArrayList<>();
    int waiting = 0;
    for (Flag f : flags) {
      Seen r = requests.get(f.eventId());
      if (r == null || r.rejected()) {
        continue; // not a decided request: nothing in the log to point at
      }
      if (!r.logged()) {
        waiting++;
        continue;
      }
      ledgered.add(f);
    }
    ledgered.sort(Comparator.comparingLong((Flag f) -> index(requests, f.eventId()))
        .thenComparingInt(f -> order.getOrDefault(f.detector(), order.size())));
    List<CompletableFuture<Long>> acks = new ArrayList<>();
    List<Key> keys = new ArrayList<>();
    Set<Key> thisRun = new HashSet<>();
    LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    try {
      for (Flag f : ledgered) {
        Key key = new Key(index(requests, f.eventId()), f.detector());
        if (published.contains(key) || !thisRun.add(key)) {
          continue;
        }
        List<Long> evidence = new ArrayList<>();
        for (String id : f.evidence()) {
          Seen e = requests.get(id);
          if (e != null && e.logged() && !evidence.contains(e.index())) {
            evidence.add(e.index());
          }
        }
        byte[] entry;
        try {
          entry = PublicEntry.flag(day, f.detector(), f.severity().name(), key.requestIndex(), evidence,
              f.citations());
        } catch (IllegalArgumentException refused) {
          // A detector id or citation that could carry free text never enters the log; the others still do.
          LOG.warn("flag of {} on ledger entry {} not published: {}", f.detector(), key.requestIndex(),
              refused.getMessage());
          continue;
        }
        acks.add(ledger.append(entry));
        keys.add(key);
      }
      long last = -1;
      for (int i = 0; i < acks.size(); i++) {
        last = Math.max(last, await(acks.get(i)));
        published.add(keys.get(i));
      }
      if (last >= 0) {
        await(ledger.checkpointCovering(last + 1));
      }
    } catch (RuntimeException e) {
      // An entry appended but not acknowledged in time may still be in the log: forget what was read and read the
      // log again on the next run.
      published.clear();
      readFrom = Long.MAX_VALUE;
      forgottenBelow = 0;
      throw e;
    }
    if (full && first != Long.MAX_VALUE && first > forgottenBelow) {
      // Requests before the window's first one cannot be flagged again: forget their flags (memory stays bounded).
      published.removeIf(k -> k.requestIndex() < first);
      forgottenBelow = first;
    }
    if (fromStore) {
      // The window the store was read to, for the next read of it (a quick run from a handover reads none).
      lastEnd = Optional.of(now);
      Instant recent = now.minus(SETTLING);
      Set<String> done = new HashSet<>();
      requests.forEach((id, r) -> {
        if (!r.receivedAt().isBefore(recent) && (r.logged() || r.rejected())) {
          done.add(id);
        }
      });
      settled = done;
    }
    if (!full && !requests.isEmpty()) {
      windowBehind = true;
    }
    if (full) {
      lastFullTook = Duration.between(lastFull.orElseThrow(), clock.instant());
    }
    return new Run(requests.size(), judged, flags.size(), acks.size(), waiting);
  }

  /**
   * Hands over a request the gateway decided, once it is stored and its entry is in the log: the next quick run judges
   * it without reading it back from the store. Thread-safe and quick (the request threads call it); when more than
   * {@link #MAX_HANDED_OVER} wait, the request is not kept and the next quick run reads the store instead.
   */
  public void logged(AuditedRequest request) {
    Objects.requireNonNull(request, "request");
    if (waitingCount.incrementAndGet() > MAX_HANDED_OVER) {
      waitingCount.decrementAndGet();
      missed.set(true);
      return;
    }
    handedOver.add(request);
  }

  private List<AuditedRequest> takeHandedOver() {
    List<AuditedRequest> out = new ArrayList<>();
    for (AuditedRequest r; (r = handedOver.poll()) != null; ) {
      out.add(r);
    }
    waitingCount.addAndGet(-out.size());
    return out;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** True when every request received from {@link #SETTLING} before {@code end} was already settled then. */
  private boolean unchangedSince(Instant end, Instant now) {
    Instant from = end.minus(SETTLING);
    if (!from.isBefore(now)) {
      return true;
    }
    // Requests are never deleted and the last run's settled ones all lie in [from, end): the window holds nothing
    // new exactly when it holds no more requests than those. A count, not a read of every row.
    return store.requests().countReceived(from, now) == settled.size();
  }

  /**
   * Reads the flag entries from ledger index {@code from} up to where the log was read before (on the first run: to
   * its end). A flag entry always follows the decision it points at, so {@link #published} then holds every flag on
   * a request logged from {@code from} on.
   */
  private void readPublished(long from) {
    if (from < forgottenBelow) {
      // A window reaching further back than one before (a clock set back): read the log again from the start.
      published.clear();
      readFrom = Long.MAX_VALUE;
      forgottenBelow = 0;
    }
    if (from >= readFrom) {
      return;
    }
    try {
      LogReader reader = ledger.reader();
      long end = Math.min(readFrom, reader.size());
      for (long i = from; i < end; i++) {
        JsonNode e = JSON.readTree(reader.entry(i));
        if (e != null && "flag".equals(e.path("type").asText()) && e.path("requestIndex").canConvertToLong()) {
          published.add(new Key(e.path("requestIndex").asLong(), e.path("detector").asText()));
        }
      }
    } catch (IOException e) {
      throw new LedgerException("cannot read the log for the flags it holds: " + e.getMessage(), e);
    }
    readFrom = from;
  }

  private static long index(Map<String, Seen> requests, String id) {
    return requests.get(id).index();
  }

  /**
   * What a run keeps of a request once detection has read it: where its entry is in the log, if anywhere. Not the
   * request (its body, ids and receipt): a full run holds one per request of its window, millions at a high rate.
   *
   * @param index its decision entry's ledger index, or -1 while it has none
   */
  private record Seen(long index, boolean rejected, Instant receivedAt) {
    static Seen of(AuditedRequest r) {
      return new Seen(r.ledger().map(LedgerRef::index).orElse(-1L), r.status() == RequestStatus.REJECTED,
          r.receivedAt());
    }

    boolean logged() {
      return index >= 0;
    }
  }

  private static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(LEDGER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerException("interrupted while ledgering flags", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new LedgerException("the ledger did not take a flag: "
          + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
    }
  }

  /** Stops the periodic runs (waiting for one in progress) and runs once more. Safe to call twice. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    timer.shutdown();
    try {
      if (!timer.awaitTermination(LEDGER_TIMEOUT_SECONDS * 2, TimeUnit.SECONDS)) {
        timer.shutdownNow();
      }
    } catch (InterruptedException e) {
      timer.shutdownNow();
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      runLogged();
      closed = true;
    }
  }
}
