package org.firebreak.detect.importer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.firebreak.detect.TimeRange;

/**
 * One row cut by {@link CsvScanner}: each cell is a range of the scanner's array, read only when asked for. The
 * values of columns that repeat (organisations, reasons, redactions) are remembered by their bytes per column
 * ({@link ValueCache}), so a repeated cell costs a hash and a comparison rather than a String and an Optional.
 * Reused for every row of one scanner; not thread-safe.
 */
final class CsvRow implements Cells {
  private byte[] buf;
  private int size;
  private int[] from = new int[16];
  private int[] to = new int[16];
  private boolean[] escaped = new boolean[16];
  private long line;
  private ValueCache[] caches = new ValueCache[16];

  void reset(byte[] buf, long line) {
    this.buf = buf;
    this.line = line;
    this.size = 0;
  }

  void add(int start, int end, boolean hasEscapedQuotes) {
    if (size == from.length) {
      int n = size * 2;
      from = Arrays.copyOf(from, n);
      to = Arrays.copyOf(to, n);
      escaped = Arrays.copyOf(escaped, n);
    }
    from[size] = start;
    to[size] = end;
    escaped[size] = hasEscapedQuotes;
    size++;
  }

  /** The line the row starts on. */
  long line() {
    return line;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public String text(int i) {
    check(i);
    String s = new String(buf, from[i], to[i] - from[i], StandardCharsets.UTF_8);
    return escaped[i] ? s.replace("\"\"", "\"") : s;
  }

  @Override
  public Optional<String> value(int i) {
    check(i);
    if (from[i] == to[i]) {
      return Optional.empty();
    }
    if (escaped[i]) {
      return RowReader.value(text(i));
    }
    if (i >= caches.length) {
      caches = Arrays.copyOf(caches, Math.max(i + 1, caches.length * 2));
    }
    ValueCache c = caches[i];
    if (c == null) {
      c = new ValueCache();
      caches[i] = c;
    }
    return c.value(buf, from[i], to[i]);
  }

  @Override
  public boolean isBlank(int i) {
    check(i);
    int a = trimStart(from[i], to[i]);
    return a == to[i] || text(i).isBlank();
  }

  @Override
  public Instant usTimestamp(int i) {
    check(i);
    int a = trimStart(from[i], to[i]);
    int z = trimEnd(a, to[i]);
    return !escaped[i] && z - a == Timestamps.US_FIXED_LENGTH ? Timestamps.usFixed(buf, a) : null;
  }

  @Override
  public TimeRange usTimeFrame(int i) {
    check(i);
    if (escaped[i]) {
      return null;
    }
    int a = trimStart(from[i], to[i]);
    int z = trimEnd(a, to[i]);
    int nl = a;
    while (nl < z && buf[nl] != '\n') {
      nl++;
    }
    if (nl == z) {
      return null;
    }
    int firstEnd = trimEnd(a, nl);
    int secondStart = trimStart(nl + 1, z);
    if (firstEnd - a != Timestamps.US_FIXED_LENGTH || z - secondStart != Timestamps.US_FIXED_LENGTH) {
      return null;
    }
    Instant start = Timestamps.usFixed(buf, a);
    Instant end = start == null ? null : Timestamps.usFixed(buf, secondStart);
    return end == null ? null : new TimeRange(start, end);
  }

  @Override
  public long digits(int i) {
    check(i);
    int a = trimStart(from[i], to[i]);
    int z = trimEnd(a, to[i]);
    if (z == a || z - a > 18) {
      return -1;
    }
    long n = 0;
    for (int k = a; k < z; k++) {
      int c = buf[k];
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  private void check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(i);
    }
  }

  /** ASCII whitespace as {@link Character#isWhitespace} has it (what {@link String#strip} removes below 128). */
  private static boolean isSpace(byte c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  }

  private int trimStart(int a, int z) {
    while (a < z && isSpace(buf[a])) {
      a++;
    }
    return a;
  }

  private int trimEnd(int a, int z) {
    while (z > a && isSpace(buf[z - 1])) {
      z--;
    }
    return z;
  }

  /**
   * The values of one column, remembered by the cell's bytes in a small direct-mapped table. A column whose values
   * rarely repeat (ids, plates seen once) stops being looked up after a trial, so it costs nothing more.
   */
  static final class ValueCache {
    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
        long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final int SLOTS = 1024;
    private static final int MAX_KEY = 96;
    private static final int TRIAL = 4096;

    private final byte[][] keys = new byte[SLOTS][];
    @SuppressWarnings("unchecked")
    private final Optional<String>[] values = new Optional[SLOTS];
    private int lookups;
    private int hits;
    private boolean off = Boolean.getBoolean("nocache");

    Optional<String> value(byte[] b, int from, int to) {
      int n = to - from;
      if (off || n > MAX_KEY) {
        return RowReader.value(new String(b, from, n, StandardCharsets.UTF_8));
      }
      if (lookups < TRIAL && ++lookups == TRIAL && hits < TRIAL / 2) {
        off = true; // this column's values rarely repeat
      }
      int slot = (int) (hash(b, from, n) >>> 54) & (SLOTS - 1);
      byte[] key = keys[slot];
      if (key != null && same(key, b, from, n)) {
        hits += lookups < TRIAL ? 1 : 0;
        return values[slot];
      }
      Optional<String> v = RowReader.value(new String(b, from, n, StandardCharsets.UTF_8));
      keys[slot] = Arrays.copyOfRange(b, from, to);
      values[slot] = v;
      return v;
    }

    /** A hash of {@code n} bytes, eight at a time (the last eight overlap the ones before when n is not a multiple). */
    private static long hash(byte[] b, int from, int n) {
      long h = n * 0x9E3779B97F4A7C15L;
      if (n < 8) {
        long w = 0;
        for (int k = 0; k < n; k++) {
          w = w << 8 | (b[from + k] & 0xFF);
        }
        return mix(h ^ w);
      }
      for (int k = 0; k + 8 <= n; k += 8) {
        h = mix(h ^ (long) LONGS.get(b, from + k));
      }
      return mix(h ^ (long) LONGS.get(b, from + n - 8));
    }

    private static long mix(long h) {
      h *= 0xBF58476D1CE4E5B9L;
      return h ^ (h >>> 31);
    }

    /** Whether {@code key} equals {@code n} bytes at {@code from}, compared eight at a time. */
    private static boolean same(byte[] key, byte[] b, int from, int n) {
      if (key.length != n) {
        return false;
      }
      if (n < 8) {
        for (int k = 0; k < n; k++) {
          if (key[k] != b[from + k]) {
            return false;
          }
        }
        return true;
      }
      for (int k = 0; k + 8 <= n; k += 8) {
        if ((long) LONGS.get(key, k) != (long) LONGS.get(b, from + k)) {
          return false;
        }
      }
      return (long) LONGS.get(key, n - 8) == (long) LONGS.get(b, from + n - 8);
    }
  }
}
