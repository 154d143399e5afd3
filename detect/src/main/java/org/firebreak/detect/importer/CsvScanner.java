package org.firebreak.detect.importer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Cuts bytes {@code [start, end)} of a CSV file into rows (RFC 4180), reading the file in large blocks into one
 * array and leaving each cell where it lies in it ({@link CsvRow}): no {@code String} is made until a cell is read.
 *
 * <p>The rules, those of the Jackson parser this replaces ({@code CsvRowsTest} holds them):
 * <ul>
 *   <li>a cell that begins with {@code "} is quoted: it may hold commas, line breaks and doubled quotes ({@code ""}),
 *       and ends at the next single quote, which must be followed by a comma or the end of the line (else the row is
 *       not CSV: it is reported and skipped, and reading goes on at the next line); a quote anywhere else is text;</li>
 *   <li>lines end with {@code \n}, {@code \r\n} or {@code \r}; a line break inside a quoted cell counts as a line too,
 *       so a row knows the line it starts on;</li>
 *   <li>spaces and tabs at the start of a line are skipped, and a line with nothing else is no row;</li>
 *   <li>a byte-order mark at the start of the file is dropped;</li>
 *   <li>a quoted cell never closed, or a row longer than {@link #MAX_ROW} bytes, ends the reading with a problem.</li>
 * </ul>
 * Bytes are not decoded here: the structural characters are ASCII, never part of a UTF-8 sequence. Not
 * thread-safe; one per part of a file.
 */
final class CsvScanner {
  /** Bytes read at a time. */
  static final int BLOCK = 1 << 20;
  /** A longer row is not read: a quote never closed would otherwise take the rest of the file into one cell. */
  static final int MAX_ROW = 64 << 20;

  /** What {@link #next} found. */
  enum Result {
    /** A row, in {@link #row()}. */
    ROW,
    /** A line that is not a CSV row: {@link #problemLine()} and {@link #problem()} say which and why. */
    BAD_ROW,
    /** The rest cannot be read ({@link #problemLine()}, {@link #problem()}); nothing follows. */
    STOP,
    /** The end of the bytes. */
    END
  }

  private static final int NEED_MORE = -1;

  private final FileChannel channel;
  private final long end;
  private final int block;
  private long filePosition;
  private byte[] buf;
  private int pos;
  private int limit;
  private boolean eof;
  private long line;
  private final CsvRow row;
  private long problemLine;
  private String problem = "";

  /**
   * @param channel the file, read with positional reads (so parts of one file may share it across threads)
   * @param start the first byte: the start of the file, or of a row
   * @param end the byte after the last
   * @param firstLine the line number of {@code start}
   * @param block bytes read at a time (tests use small blocks to cut rows at every byte)
   */
  CsvScanner(FileChannel channel, long start, long end, long firstLine, int block) {
    if (start < 0 || end < start || firstLine < 1 || block < 1) {
      throw new IllegalArgumentException("bad range " + start + ".." + end + " line " + firstLine + " block " + block);
    }
    this.channel = channel;
    this.filePosition = start;
    this.end = end;
    this.block = block;
    this.buf = new byte[Math.max(block, 64)];
    this.line = firstLine;
    this.row = new CsvRow();
    this.eof = start == end;
    if (start == 0) {
      dropByteOrderMark();
    }
  }

  CsvScanner(FileChannel channel, long start, long end, long firstLine) {
    this(channel, start, end, firstLine, BLOCK);
  }

  /** The row {@link #next} found; its cells are valid until the next call. */
  CsvRow row() {
    return row;
  }

  long problemLine() {
    return problemLine;
  }

  String problem() {
    return problem;
  }

  /** The line of the next byte to read: after the last row, the line the next row would start on. */
  long line() {
    return line;
  }

  /** The file position of the next byte to read. */
  long position() {
    return filePosition - (limit - pos);
  }

  /** Reads the next row (or the next problem). */
  Result next() throws IOException {
    while (true) {
      Result r = scan();
      if (r != null) {
        return r;
      }
      if (!fill()) {
        problemLine = line;
        problem = "cannot read past this line: a row longer than " + (MAX_ROW >> 20) + " MiB (a quote never"
            + " closed?)";
        return Result.STOP;
      }
    }
  }

  private void dropByteOrderMark() {
    try {
      fill();
    } catch (IOException e) {
      return; // read again, and reported, by next()
    }
    if (limit - pos >= 3 && buf[pos] == (byte) 0xEF && buf[pos + 1] == (byte) 0xBB && buf[pos + 2] == (byte) 0xBF) {
      pos += 3;
    }
  }

  /**
   * Moves the unread bytes to the front and reads more after them, growing the array when a row fills it; false
   * when a row would pass {@link #MAX_ROW}.
   */
  private boolean fill() throws IOException {
    if (eof) {
      return true;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      if (buf.length >= MAX_ROW) {
        return false;
      }
      buf = java.util.Arrays.copyOf(buf, (int) Math.min(MAX_ROW, buf.length * 2L));
    }
    int want = (int) Math.min(Math.min(block, buf.length - limit), end - filePosition);
    ByteBuffer into = ByteBuffer.wrap(buf, limit, want);
    while (into.hasRemaining()) {
      int n = channel.read(into, filePosition);
      if (n < 0) {
        eof = true; // the file is shorter than the part said
        break;
      }
      filePosition += n;
    }
    limit = into.position();
    eof |= filePosition >= end;
    return true;
  }

  /**
   * One row from {@code pos}, or null when the bytes in the array end before the row does (then {@link #fill} and
   * scan again from the same place: nothing is kept of a partial scan).
   */
  private Result scan() {
    final byte[] b = buf;
    final int lim = limit;
    int p = pos;
    long ln = line;
    // blank lines, and spaces or tabs before a row
    while (true) {
      while (p < lim && (b[p] == ' ' || b[p] == '\t')) {
        p++;
      }
      if (p >= lim) {
        if (eof) {
          pos = p;
          line = ln;
          return Result.END;
        }
        return null;
      }
      byte c = b[p];
      if (c != '\n' && c != '\r') {
        break;
      }
      p = afterLineBreak(b, p, lim);
      if (p < 0) {
        return null;
      }
      ln++;
      pos = p;
      line = ln;
    }
    final long rowLine = ln;
    CsvRow r = row;
    r.reset(b, rowLine);
    while (true) {
      // one cell, from p
      if (p >= lim && !eof) {
        return null;
      }
      if (p < lim && b[p] == '"') {
        int from = ++p;
        boolean escaped = false;
        int to;
        while (true) {
          p = skipTo(b, p, lim, QUOTES, LINE_FEEDS, CARRIAGE_RETURNS);
          while (p < lim && b[p] != '"') {
            byte c = b[p];
            if (c == '\n') {
              ln++;
            } else if (c == '\r') {
              if (p + 1 >= lim && !eof) {
                return null;
              }
              if (p + 1 >= lim || b[p + 1] != '\n') {
                ln++;
              }
            }
            p = skipTo(b, p + 1, lim, QUOTES, LINE_FEEDS, CARRIAGE_RETURNS);
          }
          if (p >= lim) {
            if (!eof) {
              return null;
            }
            problemLine = rowLine;
            problem = "cannot read past this line: a quoted cell opened here is never closed";
            pos = p;
            line = ln;
            return Result.STOP;
          }
          if (p + 1 >= lim && !eof) {
            return null;
          }
          if (p + 1 < lim && b[p + 1] == '"') {
            escaped = true;
            p += 2;
            continue;
          }
          to = p++;
          break;
        }
        if (p < lim && b[p] != ',' && b[p] != '\n' && b[p] != '\r') {
          return badRow(p, ln, rowLine);
        }
        r.add(from, to, escaped);
      } else {
        int from = p;
        p = skipTo(b, p, lim, COMMAS, LINE_FEEDS, CARRIAGE_RETURNS);
        while (p < lim) {
          byte c = b[p];
          if (c == ',' || c == '\n' || c == '\r') {
            break;
          }
          p++;
        }
        if (p >= lim && !eof) {
          return null;
        }
        r.add(from, p, false);
      }
      if (p >= lim) {
        break; // the last row of the bytes, without a line break
      }
      byte c = b[p];
      if (c == ',') {
        p++;
        continue;
      }
      p = afterLineBreak(b, p, lim); // a cell ends at a comma or a line break
      if (p < 0) {
        return null;
      }
      ln++;
      break;
    }
    pos = p;
    line = ln;
    return Result.ROW;
  }

  private static final long ONES = 0x0101010101010101L;
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
  private static final long QUOTES = '"' * ONES;
  private static final long COMMAS = ',' * ONES;
  private static final long LINE_FEEDS = '\n' * ONES;
  private static final long CARRIAGE_RETURNS = '\r' * ONES;
  private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
      long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /**
   * The first position from {@code p} whose byte may be one of three (given as eight copies each), skipping eight
   * bytes at a time while none of them is; the byte loops after it decide. Cells are mostly longer than eight bytes
   * (ids, timestamps, names), and this is most of the scanning.
   */
  private static int skipTo(byte[] b, int p, int lim, long one, long two, long three) {
    while (p + 8 <= lim) {
      long w = (long) LONGS.get(b, p);
      long found = zeros(w ^ one) | zeros(w ^ two) | zeros(w ^ three);
      if (found != 0) {
        return p + (Long.numberOfTrailingZeros(found) >>> 3);
      }
      p += 8;
    }
    return p;
  }

  /** A byte's high bit set for each zero byte of {@code x}, exactly (no borrow between bytes). */
  private static long zeros(long x) {
    return ~(((x & LOW7) + LOW7) | x | LOW7);
  }

  /**
   * The position after the line break at {@code p} (LF, CR or CRLF; {@code b[p]} is LF or CR), or -1 when that CR
   * is the last byte read and more may come (the next block could start with its LF).
   */
  private int afterLineBreak(byte[] b, int p, int lim) {
    if (b[p] == '\n') {
      return p + 1;
    }
    if (p + 1 >= lim) {
      return eof ? p + 1 : -1;
    }
    return b[p + 1] == '\n' ? p + 2 : p + 1;
  }

  /** A quoted cell followed by more text: the row is skipped up to the end of its line. */
  private Result badRow(int at, long ln, long rowLine) {
    final byte[] b = buf;
    final int lim = limit;
    byte what = b[at];
    int p = at;
    while (p < lim && b[p] != '\n' && b[p] != '\r') {
      p++;
    }
    if (p >= lim && !eof) {
      return null;
    }
    if (p < lim) {
      p = afterLineBreak(b, p, lim);
      if (p < 0) {
        return null;
      }
      ln++;
    }
    problemLine = rowLine;
    problem = "not a CSV row: a quoted cell is followed by " + describe(what)
        + " instead of a comma or the end of the line; row skipped";
    pos = p;
    line = ln;
    return Result.BAD_ROW;
  }

  private static String describe(byte c) {
    return c >= 0x21 && c < 0x7F ? "'" + (char) c + "'" : String.format("byte 0x%02X", c & 0xFF);
  }
}
