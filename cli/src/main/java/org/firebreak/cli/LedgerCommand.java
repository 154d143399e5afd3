package org.firebreak.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.error.UnreadableFileException;
import org.firebreak.ledger.Ledger;
import org.firebreak.ledger.LedgerException;
import org.firebreak.ledger.LedgerOptions;
import org.firebreak.ledger.LedgerVerifier;
import org.firebreak.ledger.LogDirectory;
import org.firebreak.ledger.LogReader;
import org.firebreak.ledger.SignedCheckpoint;
import org.firebreak.ledger.note.NoteException;
import org.firebreak.ledger.note.NoteVerifier;
import org.firebreak.ledger.storage.DirectoryStorage;
import org.firebreak.ledger.tiles.EntryBundle;
import org.firebreak.ledger.tree.Hashes;
import org.firebreak.ledger.tree.ProofException;
import org.firebreak.ledger.tree.Proofs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firebreak ledger ...}: create, append to, prove and verify a transparency log in a directory. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
    description = "A tamper-evident log (RFC 9162 Merkle tree, C2SP checkpoints and tiles) in a directory.")
final class LedgerCommand {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getEncoder();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  @Command(name = "init", mixinStandardHelpOptions = true,
      description = "Create a log. Without --key-file a new Ed25519 key is written to DIR/ledger.key (mode 0600)."
          + " Prints the verifier key.")
  int init(@Option(names = "--dir", required = true, paramLabel = "DIR") Path dir,
      @Option(names = "--origin", required = true, paramLabel = "ORIGIN") String origin,
      @Option(names = "--key-file", paramLabel = "FILE", description = "private key (x/mod note format)")
      Path keyFile) throws IOException {
    out().println(LogDirectory.init(dir, origin, Optional.ofNullable(keyFile)));
    return 0;
  }

  @Command(name = "append", mixinStandardHelpOptions = true,
      description = "Append each line of FILE (UTF-8, without its newline) as one entry, in order; '-' reads"
          + " standard input. Prints the index range once the entries are durable and published.")
  int append(@Option(names = "--dir", required = true, paramLabel = "DIR") Path dir,
      @Option(names = "--file", required = true, paramLabel = "FILE") String file) throws IOException {
    List<byte[]> entries = lines(file);
    try (Ledger ledger = LogDirectory.open(dir, LedgerOptions.defaults())) {
      List<CompletableFuture<Long>> acks = new ArrayList<>(entries.size());
      for (byte[] e : entries) {
        acks.add(ledger.append(e));
      }
      if (acks.isEmpty()) {
        out().println("appended 0 entries");
        return 0;
      }
      long first = acks.get(0).get();
      long last = acks.get(acks.size() - 1).get();
      ledger.checkpointCovering(last + 1).get();
      out().println("appended " + entries.size() + " entries: " + first + ".." + last);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerException("interrupted");
    } catch (ExecutionException e) {
      throw new LedgerException("append failed: " + e.getCause().getMessage(), e.getCause());
    }
    return 0;
  }

  @Command(name = "checkpoint", mixinStandardHelpOptions = true,
      description = "Print the current signed checkpoint note exactly as stored.")
  int checkpoint(@Option(names = "--dir", required = true, paramLabel = "DIR") Path dir) throws IOException {
    byte[] note = new DirectoryStorage(dir).read(Ledger.CHECKPOINT)
        .orElseThrow(() -> new LedgerException(dir + " has no checkpoint"));
    out().print(new String(note, StandardCharsets.UTF_8));
    out().flush();
    return 0;
  }

  @Command(name = "prove-inclusion", mixinStandardHelpOptions = true,
      description = "Print {index, treeSize, leafHash, proof} for entry I in the tree of N entries (default: now).")
  int proveInclusion(@Option(names = "--dir", required = true, paramLabel = "DIR") Path dir,
      @Option(names = "--index", required = true, paramLabel = "I") long index,
      @Option(names = "--size", paramLabel = "N") Long size) throws IOException {
    LogReader r = reader(dir);
    long n = size == null ? r.size() : size;
    ObjectNode o = JSON.createObjectNode();
    o.put("index", index);
    o.put("treeSize", n);
    List<byte[]> proof = r.inclusionProof(index, n);
    o.put("leafHash", B64.encodeToString(r.leafHash(index)));
    o.set("proof", hashes(proof));
    out().println(JSON.writeValueAsString(o));
    return 0;
  }

  @Command(name = "prove-consistency", mixinStandardHelpOptions = true,
      description = "Print {size1, size2, proof} showing the tree of M entries is a prefix of the tree of N.")
  int proveConsistency(@Option(names = "--dir", required = true, paramLabel = "DIR") Path dir,
      @Option(names = "--from", required = true, paramLabel = "M") long from,
      @Option(names = "--to", required = true, paramLabel = "N") long to) throws IOException {
    LogReader r = reader(dir);
    ObjectNode o = JSON.createObjectNode();
    o.put("size1", from);
    o.put("size2", to);
    o.set("proof", hashes(r.consistencyProof(from, to)));
    out().println(JSON.writeValueAsString(o));
    return 0;
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Recompute every tile and the root from the stored entries and check the checkpoint's"
          + " signature. Exit 0 only if everything holds; otherwise exit 1 naming the file that is wrong.")
  int verify(@Option(names = "--dir", required = true, paramLabel = "DIR") Path dir,
      @Option(names = "--vkey", required = true, paramLabel = "VKEY", description = "verifier key, or a file"
          + " holding it") String vkey,
      @Option(names = "--witness", paramLabel = "VKEY", description = "a witness key (tlog-cosignature/v1) whose"
          + " cosignature the checkpoint must carry; repeatable") List<String> witnesses) throws IOException {
    LedgerVerifier.Result r = LedgerVerifier.verify(new DirectoryStorage(dir), verifier(vkey), verifiers(witnesses));
    if (r.ok()) {
      out().println("ok: " + r.size() + " entries, every tile and the root recomputed, checkpoint signature valid");
      return 0;
    }
    spec.commandLine().getErr().println("firebreak: ledger verify: " + dir + ": " + r.problem().get());
    return 1;
  }

  @Command(name = "verify-proof", mixinStandardHelpOptions = true,
      description = "Check an inclusion proof (from prove-inclusion) or a consistency proof (from"
          + " prove-consistency) offline against a signed checkpoint and the log's verifier key.")
  int verifyProof(
      @Option(names = "--proof", required = true, paramLabel = "FILE", description = "proof JSON") Path proofFile,
      @Option(names = "--checkpoint", required = true, paramLabel = "FILE",
          description = "signed checkpoint of the tree the proof is for (the larger tree for consistency)")
      Path checkpointFile,
      @Option(names = "--old-checkpoint", paramLabel = "FILE",
          description = "for a consistency proof: the signed checkpoint of the smaller tree") Path oldFile,
      @Option(names = "--entry", paramLabel = "FILE", description = "for an inclusion proof: the entry's bytes;"
          + " without it the proof's leafHash is trusted") Path entryFile,
      @Option(names = "--vkey", required = true, paramLabel = "VKEY") String vkey,
      @Option(names = "--witness", paramLabel = "VKEY", description = "a witness key whose cosignature the"
          + " checkpoint must carry; repeatable") List<String> witnesses) throws IOException {
    NoteVerifier key = verifier(vkey);
    List<NoteVerifier> witnessKeys = verifiers(witnesses);
    SignedCheckpoint cp = signed(checkpointFile, key, witnessKeys);
    JsonNode proof = readJson(proofFile);
    try {
      if (proof.has("index")) {
        long index = number(proof, "index", proofFile);
        long size = number(proof, "treeSize", proofFile);
        if (size != cp.checkpoint().size()) {
          return fail("the proof is for a tree of " + size + " entries, the checkpoint for "
              + cp.checkpoint().size());
        }
        byte[] leaf = entryFile != null ? Hashes.leafHash(read(entryFile)) : decode(proof, "leafHash", proofFile);
        if (entryFile != null && proof.has("leafHash")
            && !java.util.Arrays.equals(leaf, decode(proof, "leafHash", proofFile))) {
          return fail("the entry does not hash to the proof's leafHash");
        }
        Proofs.verifyInclusion(index, size, leaf, list(proof, proofFile), cp.checkpoint().root());
        out().println("ok: entry " + index + " is in the tree of " + size + " entries signed by "
            + key.name());
      } else {
        if (oldFile == null) {
          return fail("a consistency proof needs --old-checkpoint");
        }
        SignedCheckpoint old = signed(oldFile, key, List.of());
        long m = number(proof, "size1", proofFile);
        long n = number(proof, "size2", proofFile);
        if (m != old.checkpoint().size() || n != cp.checkpoint().size()) {
          return fail("the proof is for sizes " + m + " and " + n + ", the checkpoints are "
              + old.checkpoint().size() + " and " + cp.checkpoint().size());
        }
        Proofs.verifyConsistency(m, n, list(proof, proofFile), old.checkpoint().root(), cp.checkpoint().root());
        out().println("ok: the tree of " + m + " entries is a prefix of the tree of " + n + " entries");
      }
    } catch (ProofException e) {
      return fail("the proof does not verify: " + e.getMessage());
    }
    return 0;
  }

  private int fail(String why) {
    spec.commandLine().getErr().println("firebreak: verify-proof: " + why);
    return 1;
  }

  private static LogReader reader(Path dir) throws IOException {
    return LogReader.open(new DirectoryStorage(dir), NoteVerifier.parse(LogDirectory.verifierKey(dir)));
  }

  private static NoteVerifier verifier(String vkey) throws IOException {
    String text = vkey;
    Path p = Path.of(vkey);
    if (!vkey.contains("+") || Files.isRegularFile(p)) {
      if (!Files.isRegularFile(p)) {
        throw new UnreadableFileException(vkey, null);
      }
      text = Files.readString(p, StandardCharsets.UTF_8).strip();
    }
    try {
      return NoteVerifier.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--vkey", "$", "not a verifier key: " + e.getMessage(), e);
    }
  }

  private static List<NoteVerifier> verifiers(List<String> keys) throws IOException {
    List<NoteVerifier> out = new ArrayList<>();
    for (String k : keys == null ? List.<String>of() : keys) {
      out.add(verifier(k));
    }
    return out;
  }

  private static SignedCheckpoint signed(Path file, NoteVerifier key, List<NoteVerifier> witnesses)
      throws IOException {
    try {
      return SignedCheckpoint.parse(new String(read(file), StandardCharsets.UTF_8), key, witnesses);
    } catch (NoteException e) {
      throw new LedgerException(file + ": the checkpoint does not verify: " + e.getMessage(), e);
    }
  }

  private static JsonNode readJson(Path file) throws IOException {
    try {
      return JSON.readTree(read(file));
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "$", "malformed JSON", e);
    }
  }

  private static long number(JsonNode o, String field, Path file) {
    JsonNode n = o.get(field);
    if (n == null || !n.canConvertToLong() || !n.isIntegralNumber()) {
      throw new InvalidInputException(file.toString(), "$." + field, "expected a whole number", null);
    }
    return n.asLong();
  }

  private static byte[] decode(JsonNode o, String field, Path file) {
    JsonNode n = o.get(field);
    try {
      if (n != null && n.isTextual()) {
        return Base64.getDecoder().decode(n.asText());
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw new InvalidInputException(file.toString(), "$." + field, "expected base64", null);
  }

  private static List<byte[]> list(JsonNode o, Path file) {
    JsonNode a = o.get("proof");
    if (a == null || !a.isArray()) {
      throw new InvalidInputException(file.toString(), "$.proof", "expected an array of base64 hashes", null);
    }
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).isTextual()) {
        throw new InvalidInputException(file.toString(), "$.proof[" + i + "]", "expected base64", null);
      }
      try {
        out.add(Base64.getDecoder().decode(a.get(i).asText()));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(file.toString(), "$.proof[" + i + "]", "expected base64", e);
      }
    }
    return out;
  }

  private static ArrayNode hashes(List<byte[]> proof) {
    ArrayNode a = JSON.createArrayNode();
    proof.forEach(h -> a.add(B64.encodeToString(h)));
    return a;
  }

  private static byte[] read(Path file) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UnreadableFileException(file.toString(), e);
    }
  }

  /** The lines of a file or stdin as entries: strict UTF-8, each at most 65,535 bytes, errors name the line. */
  private static List<byte[]> lines(String file) throws IOException {
    byte[] all;
    if (file.equals("-")) {
      try (InputStream in = System.in) {
        all = in.readAllBytes();
      }
    } else {
      all = read(Path.of(file));
    }
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    int line = 1;
    for (int i = 0; i <= all.length; i++) {
      if (i == all.length || all[i] == '\n') {
        if (i == all.length && start == all.length) {
          break; // no text after the last newline
        }
        int end = i;
        if (end > start && all[end - 1] == '\r') {
          end--; // CRLF files: the line is what precedes the line break
        }
        byte[] entry = java.util.Arrays.copyOfRange(all, start, end);
        try {
          StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(entry));
        } catch (CharacterCodingException e) {
          throw new InvalidInputException(file + ":" + line, "$", "line is not UTF-8 text", e);
        }
        if (entry.length > EntryBundle.MAX_ENTRY) {
          throw new InvalidInputException(file + ":" + line, "$", "line has " + entry.length
              + " bytes; an entry is at most " + EntryBundle.MAX_ENTRY, null);
        }
        out.add(entry);
        start = i + 1;
        line++;
      }
    }
    return out;
  }
}
