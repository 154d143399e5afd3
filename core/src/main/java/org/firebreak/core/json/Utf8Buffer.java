package org.firebreak.core.json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A growable buffer of UTF-8 bytes that canonical JSON is written into: text goes in as UTF-8 at once, with no
 * {@code String} between (building one, then encoding it, copied every document twice more). Not thread-safe.
 */
final class Utf8Buffer {
  private byte[] bytes;
  private int size;

  Utf8Buffer(int capacity) {
    this.bytes = new byte[capacity];
  }

  /** One ASCII character. */
  void ascii(char c) {
    room(1);
    bytes[size++] = (byte) c;
  }

  /** A string of ASCII characters only (punctuation, digits, literals). */
  void ascii(String s) {
    room(s.length());
    for (int i = 0; i < s.length(); i++) {
      bytes[size++] = (byte) s.charAt(i);
    }
  }

  /**
   * Characters {@code from} to {@code to} of {@code s} as UTF-8. A surrogate pair becomes its code point's four bytes;
   * the caller has checked there is no lone surrogate (RFC 8785 refuses them).
   */
  void utf8(String s, int from, int to) {
    room(3 * (to - from)); // at most three bytes per UTF-16 unit (a pair: four bytes for two units)
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes[size++] = (byte) c;
      } else if (c < 0x800) {
        bytes[size++] = (byte) (0xc0 | c >> 6);
        bytes[size++] = (byte) (0x80 | c & 0x3f);
      } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        bytes[size++] = (byte) (0xf0 | cp >> 18);
        bytes[size++] = (byte) (0x80 | cp >> 12 & 0x3f);
        bytes[size++] = (byte) (0x80 | cp >> 6 & 0x3f);
        bytes[size++] = (byte) (0x80 | cp & 0x3f);
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("a lone surrogate at " + i + " has no UTF-8 form");
      } else {
        bytes[size++] = (byte) (0xe0 | c >> 12);
        bytes[size++] = (byte) (0x80 | c >> 6 & 0x3f);
        bytes[size++] = (byte) (0x80 | c & 0x3f);
      }
    }
  }

  /** Bytes that are UTF-8 already. */
  void bytes(byte[] utf8) {
    room(utf8.length);
    System.arraycopy(utf8, 0, bytes, size, utf8.length);
    size += utf8.length;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  String text() {
    return new String(bytes, 0, size, StandardCharsets.UTF_8);
  }

  void digestInto(MessageDigest md) {
    md.update(bytes, 0, size);
  }

  private void room(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
