package org.firebreak.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.firebreak.store.StoreException.Kind;

/**
 * Texts that recur in many requests' rows (the packs in force, as every decision and every public entry writes
 * them), kept once in {@code repeated_texts} (store V6). A row stores its decision or entry without such a part and
 * the offset where it goes; reading puts it back, so what is read is what was stored, byte for byte. Which texts
 * recur is the caller's knowledge ({@link RequestRepository#keepOnce}): the store never parses what it keeps.
 */
final class RepeatedTexts {
  /** Most texts kept at a time: every decision and entry stored is searched for each of them. */
  static final int MAX = 8;

  /** A kept text: its row id, and the text as characters (decisions) and as UTF-8 (entries). */
  record Part(long id, String text, byte[] utf8) {}

  /** A decision as a row stores it: the rest of the text, and the part cut out of it at character offset at. */
  record Text(String rest, Optional<Part> part, int at) {}

  /** An entry as a row stores it: the rest of the bytes, and the part cut out at byte offset at. */
  record Bytes(byte[] rest, Optional<Part> part, int at) {}

  private final Db db;
  private final List<Part> parts = new CopyOnWriteArrayList<>();

  RepeatedTexts(Db db) {
    this.db = db;
  }

  /** Keeps {@code text} once (found by value, or added) and cuts it out of the rows stored from now on. */
  synchronized void keep(String text) {
    Checks.textArg(text, "repeated text");
    if (parts.stream().anyMatch(p -> p.text().equals(text))) {
      return;
    }
    if (parts.size() >= MAX) {
      throw new StoreException(Kind.INVALID, "at most " + MAX + " repeated texts are kept");
    }
    long id = db.write("keep a repeated text", h -> h.createQuery(
            "SELECT id FROM repeated_texts WHERE text = :t ORDER BY id LIMIT 1").bind("t", text)
        .mapTo(Long.class).findOne()
        .orElseGet(() -> h.createQuery("INSERT INTO repeated_texts (text) VALUES (:t) RETURNING id").bind("t", text)
            .mapTo(Long.class).one()));
    parts.add(new Part(id, text, text.getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code text} without the first kept part it holds, or whole. */
  Text cut(String text) {
    for (Part p : parts) {
      int at = text.indexOf(p.text());
      if (at >= 0) {
        return new Text(text.substring(0, at) + text.substring(at + p.text().length()), Optional.of(p), at);
      }
    }
    return new Text(text, Optional.empty(), 0);
  }

  /** {@code bytes} without the first kept part they hold, or whole. */
  Bytes cut(byte[] bytes) {
    for (Part p : parts) {
      int at = indexOf(bytes, p.utf8());
      if (at >= 0) {
        byte[] rest = new byte[bytes.length - p.utf8().length];
        System.arraycopy(bytes, 0, rest, 0, at);
        System.arraycopy(bytes, at + p.utf8().length, rest, at, rest.length - at);
        return new Bytes(rest, Optional.of(p), at);
      }
    }
    return new Bytes(bytes, Optional.empty(), 0);
  }

  /** A stored text with its part put back; {@code part} empty: the text was stored whole. */
  static String join(String rest, Optional<String> part, int at, String what) {
    if (part.isEmpty()) {
      return rest;
    }
    if (at < 0 || at > rest.length()) {
      throw new StoreFailureException(what + ": its repeated part goes at " + at + ", past its " + rest.length()
          + " characters", null);
    }
    return rest.substring(0, at) + part.get() + rest.substring(at);
  }

  /** Stored bytes with their part put back; {@code part} empty: they were stored whole. */
  static byte[] join(byte[] rest, Optional<String> part, int at, String what) {
    if (part.isEmpty()) {
      return rest;
    }
    if (at < 0 || at > rest.length) {
      throw new StoreFailureException(what + ": its repeated part goes at byte " + at + ", past its " + rest.length
          + " bytes", null);
    }
    byte[] p = part.get().getBytes(StandardCharsets.UTF_8);
    byte[] whole = new byte[rest.length + p.length];
    System.arraycopy(rest, 0, whole, 0, at);
    System.arraycopy(p, 0, whole, at, p.length);
    System.arraycopy(rest, at, whole, at + p.length, rest.length - at);
    return whole;
  }

  /** Where {@code part} (never empty: kept texts are not blank) first starts in {@code bytes}, or -1. */
  private static int indexOf(byte[] bytes, byte[] part) {
    byte first = part[0];
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (bytes[i] == first && Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    return -1;
  }
}
