package org.firebreak.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.firebreak.core.vocab.Decision;
import org.firebreak.store.StoreException.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several threads, and several stores on one database (processes, gateway nodes), writing at once: nothing fails
 * with SQLITE_BUSY or a deadlock, nothing is lost, and a race for one state change has exactly one winner.
 */
class ConcurrencyTest extends StoreTestBase {
  private static final int THREADS = 8;
  private static final int ROUNDS = 15;
  private final AtomicLong ledgerIndex = new AtomicLong();

  @BeforeEach
  void setUp() {
    basics();
  }

  @Test
  void severalThreadsWritingAndReadingAtOnceNeverFail() throws Exception {
    runWriters(List.of(store), THREADS);
    assertWritten(THREADS);
  }

  @Test
  void twoStoresOnOneDatabaseWritingAtOnceNeverFail() throws Exception {
    // Two pools, two write locks: on SQLite the file lock, BEGIN IMMEDIATE and busy_timeout do the waiting.
    runWriters(List.of(store, openAgain()), THREADS / 2);
    assertWritten(THREADS);
  }

  @Test
  void groupedWritesOfManyThreadsShareCommitsButARefusedOneFailsOnlyItself() throws Exception {
    // 32 threads each store, decide and log requests at once; every fourth thread also tries to decide a request
    // that does not exist and one that is decided already. The refused writes must fail with their own reason,
    // in whatever group they landed, and every other write must be stored exactly once.
    int threads = 32;
    int each = 10;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<String>>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      boolean troublemaker = t % 4 == 0;
      done.add(pool.submit(() -> {
        go.await();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < each; i++) {
          StoredRequest r = store.requests().receive("officer", "sfpd", "{\"i\":" + i + "}", T0);
          store.requests().decide(r.id(), Decision.DENY, "{}", List.of(), T0);
          store.requests().logged(r.id(), new LedgerRef(ledgerIndex.getAndIncrement(), new byte[32]));
          ids.add(r.id());
          if (troublemaker) {
            StoreException missing = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
                () -> store.requests().decide("req-missing", Decision.DENY, "{}", List.of(), T0));
            assertThat(missing.kind()).isEqualTo(Kind.NOT_FOUND);
            StoreException twice = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
                () -> store.requests().decide(r.id(), Decision.DENY, "{}", List.of(), T0));
            assertThat(twice.kind()).isEqualTo(Kind.CONFLICT);
          }
        }
        return ids;
      }));
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
    List<String> all = new ArrayList<>();
    for (Future<List<String>> f : done) {
      all.addAll(f.get());
    }
    assertThat(all).hasSize(threads * each).doesNotHaveDuplicates();
    for (String id : all) {
      StoredRequest r = store.requests().get(id).orElseThrow();
      assertThat(r.status()).isEqualTo(RequestStatus.DECIDED);
      assertThat(r.decision()).contains(Decision.DENY);
      assertThat(r.ledger()).isPresent();
    }
  }

  @Test
  void lookupsAmongGroupedWritesSeeEveryRecordIngestedBeforeThemAndAClosedStoreRefusesThem() throws Exception {
    // On SQLite a lookup runs on the committer's thread between commits: it must still see what was ingested just
    // before it, answer its own caller only, and never wait forever.
    int threads = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Integer>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        go.await();
        int found = 0;
        for (int i = 0; i < 20; i++) {
          String id = "look-" + thread + "-" + i;
          store.records().ingest("ca-dmv", List.of(person("ca-dmv", id, "Lookup " + thread, "1990-01-01",
              "L-" + id)));
          StoredRequest r = store.requests().receive("officer", "sfpd", "{}", T0); // a grouped write meanwhile
          List<StoredRecord> hit = store.records().lookup("ca-dmv", Map.of("name", "Lookup " + thread), 100);
          assertThat(hit).extracting(StoredRecord::id).contains(id).hasSize(i + 1);
          assertThat(store.records().lookup("ca-dmv", Map.of("name", "Nobody " + thread), 100)).isEmpty();
          assertThat(store.requests().get(r.id())).isPresent();
          found += hit.size();
        }
        return found;
      }));
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
    for (Future<Integer> f : done) {
      assertThat(f.get()).isEqualTo(20 * 21 / 2);
    }
    Store other = openAgain();
    other.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> other.records().lookup("ca-dmv", Map.of("name", "Lookup 1"), 10))
        .isInstanceOf(StoreFailureException.class).hasMessageContaining("closed");
  }

  @Test
  void aStoreThatIsClosedRefusesGroupedWritesInsteadOfHanging() throws Exception {
    Store other = openAgain();
    StoredRequest before = other.requests().receive("officer", "sfpd", "{}", T0);
    other.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.requests().receive("officer", "sfpd", "{}", T0))
        .isInstanceOf(StoreFailureException.class).hasMessageContaining("closed");
    assertThat(store.requests().get(before.id())).isPresent(); // what was committed before the close is there
  }

  @Test
  void aRaceToReviewOneRequestHasExactlyOneWinner() throws Exception {
    Store other = openAgain();
    for (int round = 0; round < 5; round++) {
      StoredRequest r = store.requests().receive("officer", "sfpd", "{}", T0);
      store.requests().decide(r.id(), Decision.REFER, "{}", List.of(), T0);
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Object>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Store s = t % 2 == 0 ? store : other;
        Decision d = t < 2 ? Decision.PERMIT : Decision.DENY;
        results.add(pool.submit(() -> {
          go.await();
          try {
            return s.requests().review(r.id(), "auditor", d, "race", T0, List.of());
          } catch (StoreException e) {
            return e;
          }
        }));
      }
      go.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      int won = 0;
      for (Future<Object> f : results) {
        Object o = f.get();
        if (o instanceof Review) {
          won++;
        } else {
          assertThat(((StoreException) o).kind()).isEqualTo(Kind.CONFLICT);
        }
      }
      assertThat(won).isEqualTo(1);
      assertThat(store.requests().get(r.id()).orElseThrow().status())
          .isIn(RequestStatus.RELEASED, RequestStatus.DENIED);
    }
  }

  private void runWriters(List<Store> stores, int threadsPerStore) throws Exception {
    int threads = stores.size() * threadsPerStore;
    ExecutorService pool = Executors.newFixedThreadPool(threads + 2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> work = new ArrayList<>();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      Store s = stores.get(t % stores.size());
      int thread = t;
      work.add(pool.submit(() -> {
        go.await();
        for (int round = 0; round < ROUNDS; round++) {
          List<StoredRecord> batch = new ArrayList<>();
          for (int i = 0; i < 20; i++) {
            String id = "t" + thread + "-r" + round + "-" + i;
            batch.add(person("ca-dmv", id, "Name" + thread, "1990-01-01", "P-" + id));
          }
          s.records().ingest("ca-dmv", batch);
          StoredRequest r = s.requests().receive("officer", "sfpd", "{\"t\":" + thread + "}", T0);
          s.requests().decide(r.id(), Decision.PERMIT, "{}",
              List.of(new Release(r.id(), "ca-dmv", batch.get(0).id(), Map.of("name", "Name" + thread))), T0);
          s.requests().logged(r.id(), new LedgerRef(ledgerIndex.getAndIncrement(), new byte[32]));
          // Several repository calls as one transaction, as a gateway grouping its commits would.
          s.useTransaction(() -> {
            StoredRequest g = s.requests().receive("agent", "ice-ero-sfr", "{}", T0);
            s.requests().decide(g.id(), Decision.DENY, "{}", List.of(), T0);
          });
        }
        return null;
      }));
    }
    for (int reader = 0; reader < 2; reader++) {
      work.add(pool.submit(() -> {
        go.await();
        for (int i = 0; i < 100; i++) {
          store.records().lookup("ca-dmv", Map.of("name", "Name" + (i % THREADS)), 50);
          store.requests().pending(10);
        }
        return null;
      }));
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).as("writers finish").isTrue();
    for (Future<?> f : work) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        failures.add(e.getCause());
      }
    }
    assertThat(failures).as("failures").isEmpty();
  }

  private void assertWritten(int threads) {
    assertThat(store.records().count("ca-dmv")).isEqualTo((long) threads * ROUNDS * 20);
    long requests = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM requests")
        .mapTo(Long.class).one());
    assertThat(requests).isEqualTo((long) threads * ROUNDS * 2);
    long releases = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM releases")
        .mapTo(Long.class).one());
    assertThat(releases).isEqualTo((long) threads * ROUNDS);
    assertThat(store.records().lookup("ca-dmv", Map.of("name", "Name3"), 10_000)).hasSize(ROUNDS * 20);
  }
}
