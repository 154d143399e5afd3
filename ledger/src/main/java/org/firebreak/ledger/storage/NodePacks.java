package org.firebreak.ledger.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * The private node indexes of a {@link DirectoryStorage} ({@code nodes/<L>/<N>}: a full tile's 256 hashes and its
 * 255 interior hashes, 16,352 bytes), kept as fixed-size records in one file per tile level, {@code nodes/<L>.pack},
 * record N at offset N × 16,356 (the bytes, then their CRC-32C). One file per level instead of one per tile: writing
 * a record creates no file, and one fsync per level makes every record written since the last one durable. A record
 * never written reads as absent; a damaged one is an error, never silently absent.
 */
final class NodePacks implements AutoCloseable {
  static final String PREFIX = "nodes/";
  static final int NODES = (2 * 256 - 1) * 32;
  private static final int RECORD = NODES + 4;

  private final Path dir;
  private final Map<Integer, FileChannel> packs = new HashMap<>();

  NodePacks(Path dir) {
    this.dir = dir;
  }

  static boolean isNodes(String path) {
    return path.startsWith(PREFIX);
  }

  Optional<byte[]> read(String path) throws IOException {
    Slot slot = slot(path);
    FileChannel ch = pack(slot.level(), false);
    if (ch == null || ch.size() < slot.offset() + RECORD) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.allocate(RECORD).order(ByteOrder.BIG_ENDIAN);
    while (b.hasRemaining()) {
      if (ch.read(b, slot.offset() + b.position()) < 0) {
        return Optional.empty();
      }
    }
    byte[] nodes = new byte[NODES];
    b.get(0, nodes);
    if (crc(nodes) != b.getInt(NODES)) {
      throw new IOException(packName(slot.level()) + ": the record of " + path + " (byte " + slot.offset()
          + ") fails its CRC-32C; the node index was changed or damaged");
    }
    return Optional.of(nodes);
  }

  void write(String path, byte[] nodes) throws IOException {
    if (nodes.length != NODES) {
      throw new IllegalArgumentException(path + ": a node index has " + NODES + " bytes, not " + nodes.length);
    }
    Slot slot = slot(path);
    ByteBuffer b = ByteBuffer.allocate(RECORD).order(ByteOrder.BIG_ENDIAN);
    b.put(nodes).putInt(crc(nodes)).flip();
    FileChannel ch = pack(slot.level(), true);
    while (b.hasRemaining()) {
      ch.write(b, slot.offset() + b.position());
    }
  }

  /** Makes every record written so far at these levels durable. */
  void sync(Set<Integer> levels) throws IOException {
    for (int level : levels) {
      FileChannel ch = pack(level, false);
      if (ch != null) {
        ch.force(false);
      }
    }
  }

  static int levelOf(String path) {
    return slot(path).level();
  }

  @Override
  public synchronized void close() throws IOException {
    for (FileChannel ch : packs.values()) {
      ch.close();
    }
    packs.clear();
  }

  private synchronized FileChannel pack(int level, boolean create) throws IOException {
    FileChannel ch = packs.get(level);
    if (ch == null) {
      Path p = dir.resolve(packName(level));
      if (!create && !Files.exists(p)) {
        return null;
      }
      Files.createDirectories(p.getParent());
      boolean fresh = !Files.exists(p);
      ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      if (fresh) {
        ch.force(true);
        DirectoryStorage.syncDirectory(p.getParent()); // the pack's name must outlast a crash too
      }
      packs.put(level, ch);
    }
    return ch;
  }

  private static String packName(int level) {
    return PREFIX + level + ".pack";
  }

  private record Slot(int level, long offset) {}

  /** {@code nodes/<L>/<N>}, N as tlog-tiles writes tile numbers: {@code x001/x234/067}. */
  private static Slot slot(String path) {
    String[] parts = path.substring(PREFIX.length()).split("/", -1);
    try {
      int level = Integer.parseInt(parts[0]);
      if (level < 0 || level > 63 || parts.length < 2) {
        throw new NumberFormatException();
      }
      long index = 0;
      for (int i = 1; i < parts.length; i++) {
        String d = parts[i];
        boolean last = i == parts.length - 1;
        if (!last) {
          if (!d.startsWith("x")) {
            throw new NumberFormatException();
          }
          d = d.substring(1);
        }
        if (d.length() != 3 || !d.chars().allMatch(c -> c >= '0' && c <= '9')) {
          throw new NumberFormatException();
        }
        index = Math.multiplyExact(index, 1000) + Integer.parseInt(d);
      }
      return new Slot(level, Math.multiplyExact(index, (long) RECORD));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("not a node index path: " + path);
    }
  }

  private static int crc(byte[] nodes) {
    CRC32C c = new CRC32C();
    c.update(nodes);
    return (int) c.getValue();
  }
}
