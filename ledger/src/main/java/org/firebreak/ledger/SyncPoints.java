package org.firebreak.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.firebreak.ledger.storage.LedgerStorage;

/**
 * Makes published tiles durable in the background. The publisher writes tiles and bundles without an fsync per
 * file (the journal already holds their entries, so they can be rebuilt); every so often it marks a sync point:
 * this class then writes that point's partial tiles and checkpoint, syncs every file written since the last one, records that checkpoint as {@value #SYNCED}, lets
 * the journal forget what the synced tiles hold, and deletes the partial tiles that wider ones have replaced.
 * After a crash, {@link Ledger#open} rebuilds everything past the last sync point from the journal. One sync point
 * is in flight at a time: marking the next one waits for it, which holds the publisher back if the disk cannot keep
 * up. Owned by the publisher thread.
 */
final class SyncPoints implements AutoCloseable {
  /** The checkpoint up to which every tile and bundle is durable (private: not part of tlog-tiles). */
  static final String SYNCED = "journal/checkpoint";

  private final LedgerStorage storage;
  private final ExecutorService syncer =
      Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("ledger-syncer").unstarted(r));
  private final Set<String> written = new LinkedHashSet<>();
  private Set<String> partialsAtLastPoint;
  private Future<?> inFlight = CompletableFuture.completedFuture(null);

  /** @param partials the partial tiles and bundle of the last sync point, kept until wider ones are durable */
  SyncPoints(LedgerStorage storage, Set<String> partials) {
    this.storage = storage;
    this.partialsAtLastPoint = Set.copyOf(partials);
  }

  /** Files just written with {@link LedgerStorage#writeUnsynced}. */
  void written(Collection<String> paths) {
    written.addAll(paths);
  }

  /**
   * Marks {@code checkpoint} as the next sync point: its partial tiles and the checkpoint itself are written (the
   * checkpoint last, so the storage holds a whole log as of it), every file written so far becomes durable, then the
   * checkpoint is recorded. {@code partialFiles} are the edge's partial tiles and bundle at that size: they are kept,
   * every other partial is deleted once the point is recorded. A partial the last point holds or written since is
   * not written again: same path, same bytes, and rewritten it would be at risk again until the next sync.
   */
  void mark(SignedCheckpoint checkpoint, Map<String, byte[]> partialFiles) throws IOException {
    Set<String> partials = Set.copyOf(partialFiles.keySet());
    Map<String, byte[]> point = new java.util.LinkedHashMap<>(partialFiles);
    point.keySet().removeAll(partialsAtLastPoint);
    point.keySet().removeAll(written);
    point.put(Ledger.CHECKPOINT, checkpoint.note().getBytes(StandardCharsets.UTF_8));
    storage.writeUnsynced(point);
    written(point.keySet());
    awaitInFlight();
    List<String> toSync = new ArrayList<>();
    Set<String> toDelete = new LinkedHashSet<>();
    for (String path : written) {
      if (!isPartial(path) || partials.contains(path)) {
        toSync.add(path);
      } else {
        toDelete.add(path);
      }
    }
    for (String path : partialsAtLastPoint) {
      if (!partials.contains(path)) {
        toDelete.add(path);
      }
    }
    written.clear();
    partialsAtLastPoint = Set.copyOf(partials);
    byte[] note = checkpoint.note().getBytes(StandardCharsets.UTF_8);
    long size = checkpoint.checkpoint().size();
    inFlight = syncer.submit(() -> {
      storage.sync(toSync);
      storage.write(Map.of(SYNCED, note));
      storage.trim(size);
      storage.delete(toDelete);
      return null;
    });
  }

  /** Waits for the sync point in flight, if any, and reports its failure. */
  void awaitInFlight() throws IOException {
    try {
      inFlight.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException("syncing the tiles failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while syncing the tiles", e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      awaitInFlight();
    } finally {
      syncer.shutdown();
    }
  }

  private static boolean isPartial(String path) {
    return path.contains(org.firebreak.ledger.tiles.TileId.PARTIAL);
  }
}
