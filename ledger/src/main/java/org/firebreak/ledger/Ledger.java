package org.firebreak.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.firebreak.ledger.note.Checkpoint;
import org.firebreak.ledger.note.Note;
import org.firebreak.ledger.note.NoteException;
import org.firebreak.ledger.note.NoteSigner;
import org.firebreak.ledger.storage.LedgerStorage;
import org.firebreak.ledger.tiles.EntryBundle;
import org.firebreak.ledger.tiles.TileHashes;
import org.firebreak.ledger.tiles.TreeEdge;
import org.firebreak.ledger.tree.Hashes;

/**
 * An append-only transparency log. Appends are sequenced in batches: each batch is written to the journal and made
 * durable with one fsync, then acknowledged with the entries' indexes. A publisher then writes the tiles and entry
 * bundles and a new signed checkpoint (durably); the tiles are synced in the background at sync points
 * ({@link SyncPoints}), and the journal keeps every entry past the last one. After a crash, {@link #open} rebuilds
 * the tiles past the last sync point from the journal and publishes the rest, so every acknowledged entry is
 * published and every published checkpoint stays a prefix of the next.
 */
public final class Ledger implements AutoCloseable {
  public static final String CHECKPOINT = "checkpoint";
  /** Appends wait while this many acknowledged entries are not yet published: memory stays bounded. */
  static final int MAX_UNPUBLISHED = 1 << 20;
  /** At most this many entries go into the tiles at once; a backlog this large is published without waiting. */
  static final int MAX_PER_PUBLISH = 1 << 16;

  private record Pending(byte[] entry, CompletableFuture<Long> ack) {}

  private record Waiter(long size, CompletableFuture<SignedCheckpoint> future) {}

  private final LedgerStorage storage;
  private final NoteSigner signer;
  private final String origin;
  private final LedgerOptions options;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final TileHashes.Cache tileCache = TileHashes.newCache(1024);
  /** The newest checkpoint and partial tiles in memory, the rest in the storage: what readers read. */
  private final RecentFiles recent;
  private final LedgerStorage files;
  private final Thread sequencer;
  private final Thread publisher;

  // Guarded by `this`: entries sequenced (durable in the journal) but not yet published, and the published state.
  private final List<byte[]> unpublished = new ArrayList<>();
  private long sequenced;
  private SignedCheckpoint published;
  private final PriorityQueue<Waiter> waiters = new PriorityQueue<>((a, b) -> Long.compare(a.size, b.size));
  private volatile boolean closing;
  /** While the sequencer sleeps out a batch's delay: how many more entries fill the batch (append then wakes it). */
  private volatile int room = Integer.MAX_VALUE;
  private volatile Throwable failure;

  private final TreeEdge edge; // owned by the publisher thread after open
  private final SyncPoints syncPoints; // likewise

  private Ledger(LedgerStorage storage, NoteSigner signer, String origin, LedgerOptions options, TreeEdge edge,
      SignedCheckpoint published, SyncPoints syncPoints) {
    this.storage = storage;
    this.recent = new RecentFiles(storage);
    this.files = recent.view();
    this.syncPoints = syncPoints;
    this.signer = signer;
    this.origin = origin;
    this.options = options;
    this.edge = edge;
    this.published = published;
    this.sequenced = published.checkpoint().size();
    this.sequencer = Thread.ofPlatform().name("ledger-sequencer").daemon().unstarted(this::sequence);
    this.publisher = Thread.ofPlatform().name("ledger-publisher").daemon().unstarted(this::publish);
  }

  /** Creates a new, empty log with a signed checkpoint of size 0. Refuses storage that already holds a log. */
  public static Ledger create(LedgerStorage storage, NoteSigner signer, String origin, LedgerOptions options)
      throws IOException {
    if (storage.read(CHECKPOINT).isPresent()) {
      throw new LedgerException("a log already exists here");
    }
    Checkpoint empty = new Checkpoint(origin, 0, Hashes.emptyRoot(), List.of());
    SignedCheckpoint first = SignedCheckpoint.sign(empty, signer);
    storage.write(Map.of(CHECKPOINT, first.note().getBytes(StandardCharsets.UTF_8)));
    TreeEdge edge = TreeEdge.empty();
    return start(new Ledger(storage, signer, origin, options, edge, first,
        new SyncPoints(storage, edge.partialPaths())));
  }

  /**
   * Opens an existing log: checks its checkpoint and the tiles of its last sync point, rebuilds from the journal
   * the tiles a crash may have lost since then (they must hash to the checkpoint's root), then publishes what the
   * journal holds beyond the checkpoint.
   */
  public static Ledger open(LedgerStorage storage, NoteSigner signer, LedgerOptions options) throws IOException {
    // The checkpoint is written without an fsync (the journal can rebuild everything it covers), so after a crash it
    // may be missing, empty or older than the sync point; the sync point's own copy is durable.
    java.util.Optional<SignedCheckpoint> lastSynced = readCheckpoint(storage, SyncPoints.SYNCED, signer);
    SignedCheckpoint cp;
    try {
      cp = readCheckpoint(storage, CHECKPOINT, signer).orElse(null);
    } catch (LedgerException e) {
      if (lastSynced.isEmpty()) {
        throw e;
      }
      cp = null;
    }
    if (cp == null || lastSynced.isPresent() && lastSynced.get().checkpoint().size() > cp.checkpoint().size()) {
      cp = lastSynced.orElseThrow(() -> new LedgerException("no log here (no checkpoint)"));
    }
    // A log written before sync points: its tiles are all durable.
    SignedCheckpoint synced = lastSynced.orElse(cp);
    long syncedSize = synced.checkpoint().size();
    long size = cp.checkpoint().size();
    if (!synced.checkpoint().origin().equals(cp.checkpoint().origin()) || syncedSize > size) {
      throw new LedgerException("the sync point (" + synced.checkpoint().origin() + " at size " + syncedSize
          + ") does not precede the checkpoint (" + cp.checkpoint().origin() + " at size " + size + ")");
    }
    TileHashes.Cache cache = TileHashes.newCache(64);
    TreeEdge edge = TreeEdge.load(storage, syncedSize, new TileHashes(storage, syncedSize, cache));
    if (!java.util.Arrays.equals(edge.root(), synced.checkpoint().root())) {
      throw new LedgerException("the tiles do not hash to the synced checkpoint's root at size " + syncedSize);
    }
    List<byte[]> replay = storage.replay(syncedSize);
    if (replay.size() < size - syncedSize) {
      throw new LedgerException("the journal holds " + replay.size() + " entries past size " + syncedSize
          + " but the checkpoint covers " + (size - syncedSize));
    }
    SyncPoints syncPoints = new SyncPoints(storage, edge.partialPaths());
    if (size > syncedSize) {
      Map<String, byte[]> files = edge.append(replay.subList(0, (int) (size - syncedSize)), new ArrayList<>());
      if (!java.util.Arrays.equals(edge.root(), cp.checkpoint().root())) {
        throw new LedgerException("the journal does not rebuild the checkpoint's tree: the root at size " + size
            + " differs");
      }
      storage.writeUnsynced(files);
      syncPoints.written(files.keySet());
      syncPoints.mark(cp, edge.partialFiles());
      syncPoints.awaitInFlight();
    }
    Ledger ledger = new Ledger(storage, signer, cp.checkpoint().origin(), options, edge, cp, syncPoints);
    List<byte[]> rest = replay.subList((int) (size - syncedSize), replay.size());
    if (!rest.isEmpty()) {
      synchronized (ledger) {
        ledger.unpublished.addAll(rest);
        ledger.sequenced = size + rest.size();
      }
    }
    return start(ledger);
  }

  private static java.util.Optional<SignedCheckpoint> readCheckpoint(LedgerStorage storage, String path,
      NoteSigner signer) throws IOException {
    java.util.Optional<byte[]> note = storage.read(path);
    if (note.isEmpty()) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(SignedCheckpoint.parse(new String(note.get(), StandardCharsets.UTF_8),
          List.of(signer.verifier())));
    } catch (NoteException e) {
      throw new LedgerException("the " + path + " note does not verify with this log's key: " + e.getMessage(), e);
    }
  }

  private static Ledger start(Ledger l) {
    l.sequencer.start();
    l.publisher.start();
    return l;
  }

  public String origin() {
    return origin;
  }

  /**
   * Appends an entry. The future completes with its index once the entry is durable, or exceptionally if the
   * log fails or is closed first.
   *
   * @throws LedgerException for an entry over 65,535 bytes (tlog-tiles entry bundles cannot hold it)
   */
  public CompletableFuture<Long> append(byte[] entry) {
    Objects.requireNonNull(entry, "entry");
    if (entry.length > EntryBundle.MAX_ENTRY) {
      throw new LedgerException("an entry is at most " + EntryBundle.MAX_ENTRY + " bytes; this one has "
          + entry.length);
    }
    if (closing || failure != null) {
      return CompletableFuture.failedFuture(new LedgerException("the log is closed", failure));
    }
    CompletableFuture<Long> ack = new CompletableFuture<>();
    queue.add(new Pending(entry.clone(), ack));
    if (queue.size() >= room) {
      LockSupport.unpark(sequencer);
    }
    return ack;
  }

  /** The latest published checkpoint. */
  public synchronized SignedCheckpoint checkpoint() {
    return published;
  }

  /** Completes with the first published checkpoint whose tree holds at least {@code size} entries. */
  public CompletableFuture<SignedCheckpoint> checkpointCovering(long size) {
    CompletableFuture<SignedCheckpoint> f = new CompletableFuture<>();
    synchronized (this) {
      if (published.checkpoint().size() >= size) {
        f.complete(published);
      } else {
        waiters.add(new Waiter(size, f));
      }
    }
    return f;
  }

  /** Proofs and hashes of the tree as of the latest published checkpoint. */
  public LogReader reader() {
    return new LogReader(files, checkpoint(), tileCache);
  }

  /**
   * The log's files as they are published (read-only): the checkpoint, tiles and entry bundles to serve. The
   * storage itself holds them as of the last sync point (at most {@link LedgerOptions#syncInterval()} behind, and
   * whole as of then); this view holds the newest.
   */
  public LedgerStorage files() {
    return files;
  }

  /** Stops taking appends, publishes everything acknowledged, and closes the storage. */
  @Override
  public void close() throws IOException {
    closing = true;
    sequencer.interrupt();
    try {
      sequencer.join();
      synchronized (this) {
        notifyAll();
      }
      publisher.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    storage.close();
    if (failure != null) {
      throw new IOException("the log failed", failure);
    }
  }

  // ---- sequencer: journal + one fsync per batch, then acknowledge.

  private void sequence() {
    List<Pending> batch = new ArrayList<>(options.maxBatch());
    try {
      while (!closing || !queue.isEmpty()) {
        batch.clear();
        Pending first = closing ? queue.poll() : queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        long deadline = System.nanoTime() + options.maxDelay().toNanos();
        // The batch's delay is slept out, not waited for on the queue: there every entry appended woke this thread
        // (the store's committer appends a grouped commit's entries one by one, paying a wake-up each); append wakes it
        // only when the batch would be full.
        while (true) {
          queue.drainTo(batch, options.maxBatch() - batch.size());
          long wait = deadline - System.nanoTime();
          if (batch.size() >= options.maxBatch() || wait <= 0 || closing) {
            break;
          }
          room = options.maxBatch() - batch.size();
          LockSupport.parkNanos(this, wait);
        }
        room = Integer.MAX_VALUE;
        commit(batch);
      }
    } catch (InterruptedException e) {
      // close(): drain what is queued, then stop.
      List<Pending> rest = new ArrayList<>();
      queue.drainTo(rest);
      for (int i = 0; i < rest.size(); i += options.maxBatch()) {
        commit(rest.subList(i, Math.min(rest.size(), i + options.maxBatch())));
      }
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void commit(List<Pending> batch) {
    List<byte[]> entries = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      entries.add(p.entry());
    }
    long first;
    synchronized (this) {
      // Backpressure: when the publisher lags (tile fsyncs are slower than journal fsyncs), appends wait.
      while (unpublished.size() > MAX_UNPUBLISHED && failure == null) {
        try {
          wait(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      first = sequenced;
    }
    try {
      storage.journal(first, entries);
    } catch (IOException | RuntimeException e) {
      fail(e);
      batch.forEach(p -> p.ack().completeExceptionally(new LedgerException("append failed", e)));
      return;
    }
    synchronized (this) {
      sequenced = first + entries.size();
      unpublished.addAll(entries);
      notifyAll();
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).ack().complete(first + i);
    }
  }

  // ---- publisher: tiles, bundles and a signed checkpoint for what the journal holds.

  private void publish() {
    try {
      long interval = options.checkpointInterval().toNanos();
      long lastCheckpoint = System.nanoTime() - interval;
      long syncInterval = options.syncInterval().toNanos();
      long lastSyncPoint = System.nanoTime();
      long synced = published.checkpoint().size(); // the size of the last checkpoint the directory holds
      while (true) {
        List<byte[]> todo = List.of();
        boolean syncDue = false;
        synchronized (this) {
          notifyAll(); // wake a sequencer waiting for the backlog to shrink
          boolean finished = false;
          while (true) {
            boolean unsigned = edge.size() > published.checkpoint().size(); // tiles written, checkpoint not yet
            if (unpublished.isEmpty() && !unsigned) {
              if (closing && !sequencer.isAlive()) {
                finished = true;
                break;
              }
              // Idle: the directory still gets the newest checkpoint one sync interval after the last sync point,
              // not only when the next append arrives.
              long untilSync = syncInterval - (System.nanoTime() - lastSyncPoint);
              if (published.checkpoint().size() > synced && untilSync <= 0) {
                syncDue = true;
                break;
              }
              wait(published.checkpoint().size() > synced ? Math.clamp(untilSync / 1_000_000, 1, 100) : 100);
              continue;
            }
            // Tiles are written as soon as there is a full slice, checkpoints at most once per interval.
            long wait = interval - (System.nanoTime() - lastCheckpoint);
            if (wait <= 0 || closing || unpublished.size() >= MAX_PER_PUBLISH) {
              break;
            }
            wait(Math.max(1, wait / 1_000_000));
          }
          if (finished) {
            break;
          }
          if (!syncDue) {
            // A bounded slice at a time: no publish holds millions of tiles in memory at once.
            int n = Math.min(unpublished.size(), MAX_PER_PUBLISH);
            todo = new ArrayList<>(unpublished.subList(0, n));
            unpublished.subList(0, n).clear();
            notifyAll();
          }
        }
        if (syncDue) {
          SignedCheckpoint newest = checkpoint();
          syncPoints.mark(newest, edge.partialFiles());
          lastSyncPoint = System.nanoTime();
          synced = newest.checkpoint().size();
          continue;
        }
        if (!todo.isEmpty()) {
          // Tiles and bundles without an fsync each: the journal can rebuild them (SyncPoints).
          // Full tiles and bundles to the storage; the partial ones stay in memory until the next sync point.
          syncPoints.written(recent.publish(edge.append(todo, new ArrayList<>())));
        }
        if (System.nanoTime() - lastCheckpoint >= interval || closing) {
          lastCheckpoint = System.nanoTime();
          SignedCheckpoint signed = publishCheckpoint();
          if (lastCheckpoint - lastSyncPoint >= syncInterval) {
            syncPoints.mark(signed, edge.partialFiles());
            lastSyncPoint = lastCheckpoint;
            synced = signed.checkpoint().size();
          }
        }
      }
      // Closing: everything published is made durable, so the next open has nothing to rebuild.
      syncPoints.mark(checkpoint(), edge.partialFiles());
      syncPoints.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  /** Signs a checkpoint of the tree as the tiles now hold it, stores it durably and completes its waiters. */
  private SignedCheckpoint publishCheckpoint() throws IOException {
    Checkpoint cp = new Checkpoint(origin, edge.size(), edge.root(), List.of());
    SignedCheckpoint signed = SignedCheckpoint.sign(cp, signer);
    // In memory until the next sync point: every entry it covers is in the journal, so after a crash open signs a
    // checkpoint at least as large over the same tree.
    recent.checkpoint(signed.note().getBytes(StandardCharsets.UTF_8));
    List<Waiter> ready = new ArrayList<>();
    synchronized (this) {
      published = signed;
      while (!waiters.isEmpty() && waiters.peek().size() <= cp.size()) {
        ready.add(waiters.poll());
      }
    }
    ready.forEach(w -> w.future().complete(signed));
    return signed;
  }

  private void fail(Throwable t) {
    if (failure == null) {
      failure = t;
    }
    closing = true;
    List<Waiter> all;
    synchronized (this) {
      all = new ArrayList<>(waiters);
      waiters.clear();
      notifyAll();
    }
    all.forEach(w -> w.future().completeExceptionally(new LedgerException("the log failed", t)));
    List<Pending> rest = new ArrayList<>();
    queue.drainTo(rest);
    rest.forEach(p -> p.ack().completeExceptionally(new LedgerException("the log failed", t)));
  }
}
