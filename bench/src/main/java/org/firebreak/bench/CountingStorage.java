package org.firebreak.bench;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.firebreak.ledger.storage.LedgerStorage;

/**
 * A {@link LedgerStorage} that forwards to another and counts what passes through: journal batches (one fsync
 * each) and their entries, publisher writes (files; synced later, in the background, at sync points), and reads, with the time spent in each. The
 * benchmarks use it to report the batch size the sequencer achieved and where a proof's time goes; the counting
 * adds a few nanoseconds per call.
 */
final class CountingStorage implements LedgerStorage {
  final LongAdder journalBatches = new LongAdder();
  final LongAdder journalEntries = new LongAdder();
  final LongAdder journalNanos = new LongAdder();
  final LongAdder writeCalls = new LongAdder();
  final LongAdder writeFiles = new LongAdder();
  final LongAdder writeNanos = new LongAdder();
  final LongAdder syncFiles = new LongAdder(); // synced in the background (sync points), not in the publisher
  final LongAdder syncNanos = new LongAdder();
  final LongAdder reads = new LongAdder();
  final LongAdder readNanos = new LongAdder();

  private final LedgerStorage delegate;

  CountingStorage(LedgerStorage delegate) {
    this.delegate = delegate;
  }

  /** The counters as they are now, to subtract from a later snapshot. */
  Snapshot snapshot() {
    return new Snapshot(journalBatches.sum(), journalEntries.sum(), journalNanos.sum(), writeCalls.sum(),
        writeFiles.sum(), writeNanos.sum(), syncFiles.sum(), syncNanos.sum(), reads.sum(), readNanos.sum());
  }

  record Snapshot(long journalBatches, long journalEntries, long journalNanos, long writeCalls, long writeFiles,
      long writeNanos, long syncFiles, long syncNanos, long reads, long readNanos) {
    Snapshot minus(Snapshot o) {
      return new Snapshot(journalBatches - o.journalBatches, journalEntries - o.journalEntries,
          journalNanos - o.journalNanos, writeCalls - o.writeCalls, writeFiles - o.writeFiles,
          writeNanos - o.writeNanos, syncFiles - o.syncFiles, syncNanos - o.syncNanos, reads - o.reads,
          readNanos - o.readNanos);
    }
  }

  @Override
  public Optional<byte[]> read(String path) throws IOException {
    long t = System.nanoTime();
    try {
      return delegate.read(path);
    } finally {
      readNanos.add(System.nanoTime() - t);
      reads.increment();
    }
  }

  @Override
  public void write(Map<String, byte[]> files) throws IOException {
    long t = System.nanoTime();
    try {
      delegate.write(files);
    } finally {
      writeNanos.add(System.nanoTime() - t);
      writeCalls.increment();
      writeFiles.add(files.size());
    }
  }

  @Override
  public void writeUnsynced(Map<String, byte[]> files) throws IOException {
    long t = System.nanoTime();
    try {
      delegate.writeUnsynced(files);
    } finally {
      writeNanos.add(System.nanoTime() - t);
      writeCalls.increment();
      writeFiles.add(files.size());
    }
  }

  @Override
  public void sync(Collection<String> paths) throws IOException {
    long t = System.nanoTime();
    try {
      delegate.sync(paths);
    } finally {
      syncNanos.add(System.nanoTime() - t);
      syncFiles.add(paths.size());
    }
  }

  @Override
  public void delete(Collection<String> paths) throws IOException {
    delegate.delete(paths);
  }

  @Override
  public void journal(long first, List<byte[]> entries) throws IOException {
    long t = System.nanoTime();
    try {
      delegate.journal(first, entries);
    } finally {
      journalNanos.add(System.nanoTime() - t);
      journalBatches.increment();
      journalEntries.add(entries.size());
    }
  }

  @Override
  public List<byte[]> replay(long from) throws IOException {
    return delegate.replay(from);
  }

  @Override
  public void trim(long size) throws IOException {
    delegate.trim(size);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
