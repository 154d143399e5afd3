package org.firebreak.detect.importer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.Consumer;

/**
 * Cuts the rows of a CSV file into parts of about {@code partBytes} each, for reading the parts on several threads:
 * each part starts where a row starts and knows its first line and how many rows come before it, so the events read
 * from it carry the file's line and row numbers. The bytes are walked once, ahead of the readers (the parts are
 * handed over as they are found).
 *
 * <p>A quote opens a quoted cell and the next closes it (a doubled quote closes and opens again); a line break
 * outside quotes ends a row unless the line holds only spaces and tabs, which {@link CsvScanner} skips. This is
 * {@link CsvScanner}'s reading for any well-formed file; for a file with a stray quote inside an unquoted cell the
 * two may differ, which the reader of the parts finds at a seam and reports. The bytes are read eight at a time
 * where they hold no carriage return and begin no blank line (almost all of them), byte by byte otherwise.
 */
final class CsvSplitter {
  /** One part: bytes {@code [start, end)}, the line of {@code start}, the data rows before it. */
  record Part(int index, long start, long end, long firstLine, long rowsBefore) {
    Part {
      if (index < 0 || start < 0 || end < start || firstLine < 1 || rowsBefore < 0) {
        throw new IllegalArgumentException("bad part " + index + ": " + start + ".." + end + " line " + firstLine
            + " rows " + rowsBefore);
      }
    }
  }

  private static final long ONES = 0x0101010101010101L;
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
  private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
      long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  private final long partBytes;
  // the walk's state
  private boolean quoted;
  private boolean content;
  private boolean afterCr;
  private boolean lineStart = true;
  private long lines;
  private long rows;

  CsvSplitter(long partBytes) {
    if (partBytes < 1) {
      throw new IllegalArgumentException("partBytes must be positive: " + partBytes);
    }
    this.partBytes = partBytes;
  }

  /**
   * Walks bytes {@code [start, end)} of the file, which begin a row on line {@code firstLine}, and hands each part to
   * {@code parts} as soon as its end is known.
   *
   * @return the line after the last byte and the rows in the range, for checking the last part
   */
  long[] split(FileChannel ch, long start, long end, long firstLine, Consumer<Part> parts) throws IOException {
    byte[] buf = new byte[CsvScanner.BLOCK];
    int index = 0;
    long partStart = start;
    long partLine = firstLine;
    long partRows = 0;
    long nextCut = start + partBytes;
    long pos = start;
    while (pos < end) {
      int n = read(ch, buf, pos, (int) Math.min(buf.length, end - pos));
      if (n <= 0) {
        break;
      }
      int i = 0;
      while (i < n) {
        long at = pos + i;
        if (at >= nextCut && lineStart && !(afterCr && buf[i] == '\n')) {
          // a row starts here: cut
          parts.accept(new Part(index++, partStart, at, partLine, partRows));
          partStart = at;
          partLine = firstLine + lines;
          partRows = rows;
          nextCut = at + partBytes;
        }
        if (at + 8 <= nextCut && i + 8 <= n) {
          i = words(buf, i, (int) Math.min(n, i + (nextCut - at)));
        } else {
          step(buf[i++]);
        }
      }
      pos += n;
    }
    if (!lineStart && !quoted && content) {
      rows++; // a last row without a line break
    }
    if (partStart < end || index == 0) {
      parts.accept(new Part(index, partStart, end, partLine, partRows));
    }
    return new long[] {firstLine + lines, rows};
  }

  private static int read(FileChannel ch, byte[] buf, long position, int length) throws IOException {
    ByteBuffer into = ByteBuffer.wrap(buf, 0, length);
    while (into.hasRemaining()) {
      if (ch.read(into, position + into.position()) < 0) {
        break;
      }
    }
    return into.position();
  }

  /**
   * Walks whole words of eight bytes from {@code i} while they fit before {@code to}; returns where it stopped. A word
   * is read at once, without a branch per byte: its quotes and line feeds as eight-bit masks, which bytes are inside
   * quotes as the running XOR of the quotes. A word that holds a carriage return, or may begin a blank line (a line
   * feed followed by a space, tab or line feed), is read byte by byte ({@link #step}).
   */
  private int words(byte[] buf, int i, int to) {
    // the walk's state in locals for the loop (fields only around the byte-by-byte path)
    boolean inQuotes = quoted;
    boolean text = content;
    boolean atLineStart = lineStart;
    long lineCount = lines;
    long rowCount = rows;
    while (i + 8 <= to) {
      long w = (long) LONGS.get(buf, i);
      long feeds = zeros(w ^ ('\n' * ONES));
      long returns = zeros(w ^ ('\r' * ONES));
      long quoteBytes = zeros(w ^ ('"' * ONES));
      if ((feeds | returns | quoteBytes) == 0 && text && !afterCr) {
        atLineStart = false; // most words: in a row, nothing that ends one or opens a quote
        i += 8;
        continue;
      }
      long blanks = bits(feeds | zeros(w ^ (' ' * ONES)) | zeros(w ^ ('\t' * ONES)));
      long quotes = bits(quoteBytes);
      long lf = bits(feeds);
      long inside = prefixXor(quotes) ^ (inQuotes ? 0xFF : 0);
      long rowEnds = lf & ~inside;
      if (afterCr || returns != 0 || ((rowEnds << 1) & blanks) != 0
          || (atLineStart && (blanks & 1) != 0) || (!text && !atLineStart)) {
        quoted = inQuotes;
        content = text;
        lineStart = atLineStart;
        lines = lineCount;
        rows = rowCount;
        for (int k = 0; k < 8; k++) {
          step(buf[i + k]);
        }
        inQuotes = quoted;
        text = content;
        atLineStart = lineStart;
        lineCount = lines;
        rowCount = rows;
      } else {
        lineCount += Long.bitCount(lf);
        rowCount += Long.bitCount(rowEnds);
        inQuotes ^= (Long.bitCount(quotes) & 1) != 0;
        atLineStart = (rowEnds & 0x80) != 0; // the word's last byte ended a row
        text = !atLineStart;
      }
      i += 8;
    }
    quoted = inQuotes;
    content = text;
    lineStart = atLineStart;
    lines = lineCount;
    rows = rowCount;
    return i;
  }

  /** The high bits of a word's eight bytes as an eight-bit mask, byte {@code k} at bit {@code k}. */
  private static long bits(long highBits) {
    return ((highBits >>> 7) & ONES) * 0x0102040810204080L >>> 56;
  }

  /** Bit {@code k} of the answer: the XOR of bits 0 to k of {@code v} (eight bits). */
  private static long prefixXor(long v) {
    v ^= v << 1;
    v ^= v << 2;
    v ^= v << 4;
    return v & 0xFF;
  }

  /** A byte's high bit set for each zero byte of {@code x}, exactly (no borrow between bytes). */
  private static long zeros(long x) {
    return ~(((x & LOW7) + LOW7) | x | LOW7);
  }

  /** One byte of the walk. */
  private void step(byte c) {
    boolean cr = afterCr;
    afterCr = false;
    if (quoted) {
      if (c == '"') {
        quoted = false;
      } else if (c == '\r') {
        lines++;
        afterCr = true;
      } else if (c == '\n' && !cr) {
        lines++;
      }
      lineStart = false;
      return;
    }
    switch (c) {
      case '"' -> {
        quoted = true;
        content = true;
        lineStart = false;
      }
      case '\r' -> {
        endLine();
        afterCr = true;
      }
      case '\n' -> {
        if (cr) {
          lineStart = true; // the \n of \r\n: the line ended at the \r
        } else {
          endLine();
        }
      }
      case ' ', '\t' -> lineStart = false;
      default -> {
        content = true;
        lineStart = false;
      }
    }
  }

  private void endLine() {
    lines++;
    if (content) {
      rows++;
    }
    content = false;
    lineStart = true;
  }
}
