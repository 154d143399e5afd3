package org.firebreak.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.firebreak.core.error.FirebreakException;
import org.firebreak.core.vocab.Effect;
import org.firebreak.ledger.SignedCheckpoint;
import org.firebreak.ledger.note.NoteException;
import org.firebreak.ledger.note.NoteVerifier;
import org.firebreak.ledger.tree.Hashes;
import org.firebreak.ledger.tree.ProofException;
import org.firebreak.ledger.tree.Proofs;

/**
 * The verification bundle: the signed checkpoint a report commits to, the verifier key, and the public entries the
 * report was computed from, each with its inclusion proof in that checkpoint's tree.
 *
 * <p>The entries are a contiguous range {@code [first, end)} of the log — every entry whose day falls in the days
 * the report covers (its period and the trend's earlier periods), plus one entry on each side that falls outside them
 * (so a reader sees where those days begin and end) — and a few context entries before the range: the last
 * announcement of the packs in force, and the referred requests that reviews in the range name. Contiguity is what
 * makes the count complete: a reader who has every index of the range, each proved in the signed tree, knows that
 * nothing in it was left out.
 *
 * <p>On disk: {@code checkpoint}, {@code vkey}, {@code entries.ndjson} (each entry's exact bytes, one per line, in
 * index order), {@code proofs.json} (tree size, range, and per entry its index and inclusion proof, in the same
 * order), {@code rules.json} (effects and citations of the rules the entries name), {@code VERIFY.md}.
 */
public record Bundle(String checkpointNote, String verifierKey, long treeSize, long first, long end,
    List<Entry> entries, RuleCatalog rules) {
  public static final String CHECKPOINT = "checkpoint";
  public static final String VKEY = "vkey";
  public static final String ENTRIES = "entries.ndjson";
  public static final String PROOFS = "proofs.json";
  public static final String RULES = "rules.json";
  public static final String VERIFY = "VERIFY.md";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public Bundle {
    Objects.requireNonNull(checkpointNote, "checkpointNote");
    Objects.requireNonNull(verifierKey, "verifierKey");
    entries = List.copyOf(entries);
    Objects.requireNonNull(rules, "rules");
    if (first < 0 || end < first || end > treeSize) {
      throw new IllegalArgumentException("range [" + first + ", " + end + ") is not in a tree of " + treeSize);
    }
  }

  /** One entry: its index, its exact bytes and its inclusion proof in the tree of {@code treeSize}. */
  public record Entry(long index, byte[] bytes, List<byte[]> proof) {
    public Entry {
      bytes = bytes.clone();
      proof = proof.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public List<byte[]> proof() {
      return proof.stream().map(byte[]::clone).toList();
    }
  }

  /** The bundle failed a check: what and where. */
  public static final class BundleException extends FirebreakException {
    BundleException(String message) {
      super(org.firebreak.core.error.ErrorCode.LEDGER, message, null);
    }
  }

  /**
   * Checks everything that makes the entries trustworthy and returns them parsed: the checkpoint's signature by the
   * bundled key, every entry's inclusion proof, that the range is complete, and that it spans the days the report
   * covers (the first entry of the range before them, the last after them, unless the range starts at the log's
   * first entry or ends at its last).
   */
  public List<LogEntry> check(LocalDate windowStart, LocalDate windowEnd) {
    SignedCheckpoint cp;
    NoteVerifier key;
    try {
      key = NoteVerifier.parse(verifierKey.strip());
    } catch (IllegalArgumentException e) {
      throw new BundleException("bundle/" + VKEY + ": not a verifier key (" + e.getMessage() + ")");
    }
    try {
      cp = SignedCheckpoint.parse(checkpointNote, key, List.of());
    } catch (NoteException | RuntimeException e) {
      throw new BundleException("bundle/" + CHECKPOINT + ": does not verify with bundle/" + VKEY + " ("
          + e.getMessage() + ")");
    }
    if (cp.checkpoint().size() != treeSize) {
      throw new BundleException("bundle/" + PROOFS + ": treeSize " + treeSize + " but the checkpoint is of size "
          + cp.checkpoint().size());
    }
    byte[] root = cp.checkpoint().root();
    List<LogEntry> parsed = new ArrayList<>();
    Map<Long, LogEntry> seen = new HashMap<>();
    long previous = -1;
    for (int line = 0; line < entries.size(); line++) {
      Entry e = entries.get(line);
      String where = "bundle/" + ENTRIES + " line " + (line + 1) + " (entry " + e.index() + ")";
      if (e.index() <= previous) {
        throw new BundleException(where + ": entries must be in increasing index order");
      }
      previous = e.index();
      try {
        Proofs.verifyInclusion(e.index(), treeSize, Hashes.leafHash(e.bytes()), e.proof(), root);
      } catch (ProofException ex) {
        throw new BundleException(where + ": not in the signed tree (" + ex.getMessage() + ")");
      }
      LogEntry le;
      try {
        le = LogEntry.parse(e.index(), e.bytes());
      } catch (FirebreakException ex) {
        throw new BundleException(where + ": " + ex.getMessage());
      }
      parsed.add(le);
      seen.put(e.index(), le);
    }
    for (long i = first; i < end; i++) {
      if (!seen.containsKey(i)) {
        throw new BundleException("bundle/" + ENTRIES + ": entry " + i + " of the range [" + first + ", " + end
            + ") is missing");
      }
    }
    if (first > 0 && !seen.get(first).day().isBefore(windowStart)) {
      throw new BundleException("bundle/" + ENTRIES + ": the range starts at entry " + first + " of "
          + seen.get(first).day() + ", not before " + windowStart + ": earlier entries may belong to the report");
    }
    if (end < treeSize && (end == first || !seen.get(end - 1).day().isAfter(windowEnd))) {
      throw new BundleException("bundle/" + ENTRIES + ": the range ends at entry " + (end - 1)
          + " which is not after " + windowEnd + ": later entries may belong to the report");
    }
    for (LogEntry le : parsed) {
      boolean inWindow = !le.day().isBefore(windowStart) && !le.day().isAfter(windowEnd);
      if (inWindow && (le.index() < first || le.index() >= end)) {
        throw new BundleException("bundle/" + ENTRIES + ": entry " + le.index() + " falls in the report's days"
            + " but outside the range [" + first + ", " + end + ")");
      }
    }
    return parsed;
  }

  /**
   * The first day a report for {@code period} covers: that of the earliest period of its trend, {@code trendPeriods}
   * periods of the same kind before it.
   */
  static LocalDate windowStart(Period period, int trendPeriods) {
    try {
      return period.minus(trendPeriods).firstDay();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a trend of " + trendPeriods + " " + period.kind().plural() + " before "
          + period.label() + " starts before year 1", e);
    }
  }

  /** The last day a report for {@code period} covers: the period's own. */
  static LocalDate windowEnd(Period period) {
    return period.lastDay();
  }

  // ---- files ----

  /** Writes the bundle's files (not VERIFY.md) into {@code dir}. */
  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(CHECKPOINT), checkpointNote, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(VKEY), verifierKey.strip() + "\n", StandardCharsets.UTF_8);
    try (var out = Files.newOutputStream(dir.resolve(ENTRIES))) {
      for (Entry e : entries) {
        for (byte b : e.bytes()) {
          if (b == '\n' || b == '\r') {
            throw new IOException("entry " + e.index() + " holds a line break: it cannot be bundled one per line");
          }
        }
        out.write(e.bytes());
        out.write('\n');
      }
    }
    ObjectNode p = JSON.createObjectNode();
    p.put("treeSize", treeSize);
    p.put("first", first);
    p.put("end", end);
    ArrayNode list = p.putArray("entries");
    Base64.Encoder b64 = Base64.getEncoder();
    for (Entry e : entries) {
      ObjectNode o = list.addObject();
      o.put("index", e.index());
      o.put("leafHash", b64.encodeToString(Hashes.leafHash(e.bytes())));
      ArrayNode proof = o.putArray("proof");
      e.proof().forEach(h -> proof.add(b64.encodeToString(h)));
    }
    JSON.writeValue(dir.resolve(PROOFS).toFile(), p);
    ObjectNode r = JSON.createObjectNode();
    ObjectNode rules = r.putObject("rules");
    this.rules.rules().forEach((id, rule) -> rules.putObject(id).put("effect", rule.effect().wire())
        .put("citation", rule.citation()).put("pack", rule.pack()).put("packDigest", rule.packDigest()));
    JSON.writeValue(dir.resolve(RULES).toFile(), r);
  }

  /** Reads a bundle written by {@link #write}; a missing or malformed file is named. */
  static Bundle read(Path dir) throws IOException {
    String note = readString(dir, CHECKPOINT);
    String vkey = readString(dir, VKEY).strip();
    List<byte[]> lines = new ArrayList<>();
    byte[] all = readBytes(dir, ENTRIES);
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        lines.add(java.util.Arrays.copyOfRange(all, start, i));
        start = i + 1;
      }
    }
    if (start != all.length) {
      throw new BundleException("bundle/" + ENTRIES + ": the last line has no line break");
    }
    JsonNode p = readJson(dir, PROOFS);
    JsonNode list = p.path("entries");
    if (!list.isArray() || list.size() != lines.size()) {
      throw new BundleException("bundle/" + PROOFS + ": lists " + (list.isArray() ? list.size() : 0)
          + " entries but bundle/" + ENTRIES + " has " + lines.size() + " lines");
    }
    Base64.Decoder b64 = Base64.getDecoder();
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      JsonNode o = list.get(i);
      List<byte[]> proof = new ArrayList<>();
      try {
        for (JsonNode h : o.path("proof")) {
          proof.add(b64.decode(h.asText()));
        }
      } catch (IllegalArgumentException e) {
        throw new BundleException("bundle/" + PROOFS + ": $.entries[" + i + "].proof: not base64");
      }
      entries.add(new Entry(number(o, "index", "$.entries[" + i + "]"), lines.get(i), proof));
    }
    Map<String, RuleCatalog.Rule> rules = new TreeMap<>();
    JsonNode r = readJson(dir, RULES).path("rules");
    for (var it = r.fields(); it.hasNext(); ) {
      var f = it.next();
      JsonNode o = f.getValue();
      Optional<Effect> effect = java.util.Arrays.stream(Effect.values())
          .filter(x -> x.wire().equals(o.path("effect").asText())).findFirst();
      if (effect.isEmpty()) {
        throw new BundleException("bundle/" + RULES + ": $.rules['" + f.getKey() + "'].effect: unknown effect");
      }
      rules.put(f.getKey(), new RuleCatalog.Rule(effect.get(), o.path("citation").asText(),
          o.path("pack").asText(), o.path("packDigest").asText()));
    }
    try {
      return new Bundle(note, vkey, number(p, "treeSize", "$"), number(p, "first", "$"), number(p, "end", "$"),
          entries, new RuleCatalog(rules));
    } catch (IllegalArgumentException e) {
      throw new BundleException("bundle/" + PROOFS + ": " + e.getMessage());
    }
  }

  private static long number(JsonNode o, String field, String path) {
    JsonNode n = o.get(field);
    if (n == null || !n.isIntegralNumber() || n.asLong() < 0) {
      throw new BundleException("bundle/" + PROOFS + ": " + path + "." + field + ": missing or not a count");
    }
    return n.asLong();
  }

  private static String readString(Path dir, String name) throws IOException {
    return new String(readBytes(dir, name), StandardCharsets.UTF_8);
  }

  private static byte[] readBytes(Path dir, String name) throws IOException {
    try {
      return Files.readAllBytes(dir.resolve(name));
    } catch (NoSuchFileException e) {
      throw new BundleException("bundle/" + name + ": missing");
    }
  }

  private static JsonNode readJson(Path dir, String name) throws IOException {
    try {
      return JSON.readTree(readBytes(dir, name));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new BundleException("bundle/" + name + ": malformed JSON");
    }
  }
}
