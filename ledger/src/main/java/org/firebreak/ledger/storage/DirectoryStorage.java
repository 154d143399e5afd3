package org.firebreak.ledger.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * A log as a directory: tlog-tiles files that a static web server can serve as they are, plus {@code journal/}, the
 * write-ahead journal that makes an append durable with one fsync. Files are written to a temporary name and renamed
 * into place, so a reader or a crash sees the old file or the new one, never a torn one; {@link #write} syncs them
 * and their directories before it returns, {@link #writeUnsynced} leaves that to a later {@link #sync}.
 */
public final class DirectoryStorage implements LedgerStorage {
  private static final int MAGIC = 0x46424a31; // "FBJ1"
  private static final int HEADER = 4 + 8 + 4 + 4 + 4;
  private static final long SEGMENT_BYTES = 64L << 20;

  private final Path root;
  private final Path journalDir;
  private FileChannel segment;
  private long segmentBytes;
  // Threads that fsync the files of one write side by side (daemon: they never keep the JVM alive).
  private final java.util.concurrent.ExecutorService syncers =
      java.util.concurrent.Executors.newFixedThreadPool(16, r -> Thread.ofPlatform().daemon().name("ledger-fsync").unstarted(r));

  private final NodePacks nodes;

  public DirectoryStorage(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.journalDir = this.root.resolve("journal");
    this.nodes = new NodePacks(this.root);
    Files.createDirectories(journalDir);
  }

  public Path root() {
    return root;
  }

  @Override
  public Optional<byte[]> read(String path) throws IOException {
    if (NodePacks.isNodes(path)) {
      return nodes.read(path);
    }
    try {
      return Optional.of(Files.readAllBytes(resolve(path)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void write(Map<String, byte[]> files) throws IOException {
    place(files, true);
  }

  @Override
  public void writeUnsynced(Map<String, byte[]> files) throws IOException {
    place(files, false);
  }

  @Override
  public void sync(Collection<String> paths) throws IOException {
    List<Path> files = new ArrayList<>(paths.size());
    Set<Integer> nodeLevels = new HashSet<>();
    for (String path : paths) {
      if (NodePacks.isNodes(path)) {
        nodeLevels.add(NodePacks.levelOf(path));
      } else {
        files.add(resolve(path));
      }
    }
    nodes.sync(nodeLevels);
    inParallel(files, DirectoryStorage::syncFile);
    inParallel(directoriesOf(files), DirectoryStorage::syncDirectory);
  }

  // Each file goes to a temporary name and is renamed into place, so a reader or a crash sees the old file or the
  // new one; when durable, every file's data is synced before any rename, and the directories after.
  private static void writeNew(Path file, byte[] data) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(data);
      while (b.hasRemaining()) {
        ch.write(b);
      }
    }
  }

  private void place(Map<String, byte[]> files, boolean durable) throws IOException {
    List<Path[]> renames = new ArrayList<>();
    List<Path> temps = new ArrayList<>();
    Set<Integer> nodeLevels = new HashSet<>();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      if (NodePacks.isNodes(f.getKey())) {
        nodes.write(f.getKey(), f.getValue());
        nodeLevels.add(NodePacks.levelOf(f.getKey()));
        continue;
      }
      Path target = resolve(f.getKey());
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      try {
        writeNew(tmp, f.getValue());
      } catch (java.nio.file.NoSuchFileException e) {
        // Directories are made when a write finds one missing, not checked before every write (a publish writes
        // into the same few again and again); delete() may remove a partial tile's directory meanwhile.
        Files.createDirectories(target.getParent());
        writeNew(tmp, f.getValue());
      }
      temps.add(tmp);
      renames.add(new Path[] {tmp, target});
    }
    if (durable) {
      // The syncs run side by side: the file system folds concurrent fsyncs into shared journal commits.
      nodes.sync(nodeLevels);
      inParallel(temps, DirectoryStorage::syncFile);
    }
    List<Path> targets = new ArrayList<>(renames.size());
    for (Path[] r : renames) { // in the given order: the checkpoint comes last
      move(r[0], r[1]);
      targets.add(r[1]);
    }
    if (durable) {
      inParallel(directoriesOf(targets), DirectoryStorage::syncDirectory);
    }
  }

  /** The directories whose entries name these files, up to the root: a new directory's own name must last too. */
  private List<Path> directoriesOf(List<Path> files) {
    Set<Path> dirs = new java.util.LinkedHashSet<>();
    for (Path f : files) {
      for (Path d = f.getParent(); d != null && d.startsWith(root) && dirs.add(d); d = d.getParent()) {
        // walk up until a directory already listed
      }
    }
    return new ArrayList<>(dirs);
  }

  private interface PathTask {
    void run(Path p) throws IOException;
  }

  private void inParallel(List<Path> paths, PathTask task) throws IOException {
    if (paths.size() <= 1) {
      for (Path p : paths) {
        task.run(p);
      }
      return;
    }
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (Path p : paths) {
      done.add(syncers.submit(() -> {
        task.run(p);
        return null;
      }));
    }
    IOException first = null;
    for (java.util.concurrent.Future<?> f : done) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        if (first == null) {
          first = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while syncing", e);
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public void delete(Collection<String> paths) throws IOException {
    List<Path> files = new ArrayList<>(paths.size());
    for (String path : paths) {
      if (NodePacks.isNodes(path)) {
        throw new IllegalArgumentException("node indexes are never deleted: " + path);
      }
      files.add(resolve(path)); // every path checked before anything is deleted
    }
    for (Path p : files) {
      Files.deleteIfExists(p);
      Path dir = p.getParent();
      if (dir.getFileName().toString().endsWith(".p")) {
        try {
          Files.deleteIfExists(dir); // the last partial of a tile that is full now
        } catch (java.nio.file.DirectoryNotEmptyException e) {
          // other widths remain
        }
      }
    }
  }

  @Override
  public synchronized void journal(long first, List<byte[]> entries) throws IOException {
    int payload = 0;
    for (byte[] e : entries) {
      payload += 2 + e.length;
    }
    ByteBuffer b = ByteBuffer.allocate(HEADER + payload).order(ByteOrder.BIG_ENDIAN);
    b.putInt(MAGIC).putLong(first).putInt(entries.size()).putInt(payload).putInt(0);
    for (byte[] e : entries) {
      b.putShort((short) e.length).put(e);
    }
    b.putInt(HEADER - 4, crc(b.array(), payload));
    b.flip();
    if (segment == null || segmentBytes >= SEGMENT_BYTES) {
      openSegment(first);
    }
    while (b.hasRemaining()) {
      segmentBytes += segment.write(b);
    }
    segment.force(false);
  }

  @Override
  public synchronized List<byte[]> replay(long from) throws IOException {
    List<Path> segments = segments();
    List<byte[]> out = new ArrayList<>();
    long next = -1;
    for (int s = 0; s < segments.size(); s++) {
      Path seg = segments.get(s);
      byte[] data = Files.readAllBytes(seg);
      int pos = 0;
      while (pos < data.length) {
        Batch batch = Batch.read(data, pos);
        if (batch == null) {
          if (s != segments.size() - 1) {
            throw new IOException("journal segment " + seg.getFileName() + " is damaged at byte " + pos);
          }
          truncate(seg, pos); // a batch cut short by a crash: never acknowledged
          break;
        }
        if (next >= 0 && batch.first != next) {
          throw new IOException("journal has a gap: expected index " + next + ", found " + batch.first);
        }
        for (int i = 0; i < batch.entries.size(); i++) {
          if (batch.first + i >= from) {
            out.add(batch.entries.get(i));
          }
        }
        next = batch.first + batch.entries.size();
        pos = batch.end;
      }
    }
    long firstJournalled = segments.isEmpty() ? from : firstIndexOf(segments.get(0));
    if (firstJournalled > from && !out.isEmpty()) {
      throw new IOException("journal starts at index " + firstJournalled + " but the tiles end at " + from);
    }
    return out;
  }

  @Override
  public synchronized void trim(long size) throws IOException {
    List<Path> segments = segments();
    // A segment can go when the next one starts at or below size: all its entries are published.
    for (int i = 0; i + 1 < segments.size(); i++) {
      if (firstIndexOf(segments.get(i + 1)) <= size) {
        Files.deleteIfExists(segments.get(i));
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    syncers.shutdown();
    nodes.close();
    if (segment != null) {
      segment.close();
      segment = null;
    }
  }

  private void openSegment(long first) throws IOException {
    if (segment != null) {
      segment.close();
    }
    Path p = journalDir.resolve(String.format("%020d.wal", first));
    segment = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    segmentBytes = segment.size();
    syncDirectory(journalDir); // the new segment's name must survive a crash too
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> s = Files.list(journalDir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".wal")).sorted().toList();
    }
  }

  private static long firstIndexOf(Path segment) {
    String n = segment.getFileName().toString();
    return Long.parseLong(n.substring(0, n.length() - 4));
  }

  private void truncate(Path seg, long size) throws IOException {
    if (segment != null) {
      segment.close();
      segment = null;
    }
    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
      ch.truncate(size);
      ch.force(true);
    }
  }

  private Path resolve(String path) {
    Path p = root.resolve(path).normalize();
    if (!p.startsWith(root) || path.contains("..")) {
      throw new IllegalArgumentException("path outside the log: " + path);
    }
    return p;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system cannot rename atomically: " + to, e);
    }
  }

  /** fsync on a directory makes the names in it durable (POSIX); where the JDK cannot, the rename is still atomic. */
  private static void syncFile(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(false);
    }
  }

  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
        throw e;
      }
    }
  }

  private static int crc(byte[] record, int payload) {
    CRC32C c = new CRC32C();
    c.update(record, 0, HEADER - 4);
    c.update(record, HEADER, payload);
    return (int) c.getValue();
  }

  /** One journal record: a whole batch or nothing. */
  private record Batch(long first, List<byte[]> entries, int end) {
    static Batch read(byte[] data, int pos) {
      if (pos + HEADER > data.length) {
        return null;
      }
      ByteBuffer b = ByteBuffer.wrap(data, pos, data.length - pos).order(ByteOrder.BIG_ENDIAN);
      if (b.getInt() != MAGIC) {
        return null;
      }
      long first = b.getLong();
      int count = b.getInt();
      int payload = b.getInt();
      int crc = b.getInt();
      if (count < 0 || payload < 0 || pos + HEADER + (long) payload > data.length) {
        return null;
      }
      CRC32C c = new CRC32C();
      c.update(data, pos, HEADER - 4);
      c.update(data, pos + HEADER, payload);
      if ((int) c.getValue() != crc) {
        return null;
      }
      List<byte[]> entries = new ArrayList<>(count);
      int i = pos + HEADER;
      int end = pos + HEADER + payload;
      for (int n = 0; n < count; n++) {
        if (i + 2 > end) {
          return null;
        }
        int len = ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
        i += 2;
        if (i + len > end) {
          return null;
        }
        byte[] e = new byte[len];
        System.arraycopy(data, i, e, 0, len);
        entries.add(e);
        i += len;
      }
      return i == end ? new Batch(first, entries, end) : null;
    }
  }
}
