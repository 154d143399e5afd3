package org.firebreak.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The 196 inclusion and consistency probes of transparency-dev/merkle (shared/data/tlog/rfc6962-proofs), one
 * dynamic test per file: wantErr=false must verify, wantErr=true must throw ProofException (nothing else).
 */
class VectorsTest {
  private static final int PROBES = 196;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Probes where we deliberately disagree with the vectors. transparency-dev compares roots of equal-size trees
   * byte for byte without a length check, so it accepts 12-byte "don't care" roots; we require every root to be a
   * 32-byte SHA-256 value (a shorter one can never be a tree head), so we reject it.
   */
  private static final Map<String, String> DEVIATIONS = Map.of(
      "consistency/additional/sizes-are-equal-one-and-proof-is-empty.json", "root1 is 12 bytes, want 32");

  @TestFactory
  Stream<DynamicTest> probes() throws IOException {
    Path base = SharedData.tlog().resolve("rfc6962-proofs");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(base)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("probes under %s", base).hasSize(PROBES);
    return files.stream().map(file -> {
      String name = base.relativize(file).toString().replace('\\', '/');
      return dynamicTest(name, () -> check(name, JSON.readTree(file.toFile())));
    });
  }

  private static void check(String name, JsonNode probe) {
    boolean wantErr = probe.path("wantErr").asBoolean();
    Verification verification = name.startsWith("inclusion/")
        ? () -> Proofs.verifyInclusion(number(probe, "leafIdx"), number(probe, "treeSize"),
            hash(probe, "leafHash"), proofOf(probe), hash(probe, "root"))
        : () -> Proofs.verifyConsistency(number(probe, "size1"), number(probe, "size2"), proofOf(probe),
            hash(probe, "root1"), hash(probe, "root2"));
    String deviation = DEVIATIONS.get(name);
    if (deviation != null) {
      assertThat(wantErr).as("deviation listed for a probe that now expects an error: drop it").isFalse();
      assertThatThrownBy(verification::run).isInstanceOf(ProofException.class).hasMessage(deviation);
    } else if (wantErr) {
      assertThatThrownBy(verification::run).isInstanceOf(ProofException.class);
    } else {
      assertThatCode(verification::run).doesNotThrowAnyException();
    }
  }

  @FunctionalInterface
  private interface Verification {
    void run() throws ProofException;
  }

  @Test
  void generatedProofsEqualTheHappyPaths() throws IOException {
    // The numbered happy paths are over the leaves of known-roots.json: our generator must produce them exactly.
    JsonNode known = JSON.readTree(SharedData.tlog().resolve("known-roots.json").toFile());
    List<byte[]> leaves = new ArrayList<>();
    for (JsonNode leaf : known.get("leavesHex")) {
      leaves.add(Hashes.leafHash(HexFormat.of().parseHex(leaf.asText())));
    }
    Path base = SharedData.tlog().resolve("rfc6962-proofs");
    int checked = 0;
    for (int i = 0; i <= 4; i++) {
      JsonNode inc = JSON.readTree(base.resolve("inclusion/" + i + "/happy-path.json").toFile());
      long index = number(inc, "leafIdx");
      long size = number(inc, "treeSize");
      MemoryTree tree = new MemoryTree(leaves.subList(0, (int) size));
      assertThat(hash(inc, "leafHash")).isEqualTo(leaves.get((int) index));
      assertThat(Proofs.root(size, tree)).isEqualTo(hash(inc, "root"));
      assertThat(Proofs.inclusion(index, size, tree)).as("inclusion %d", i).containsExactlyElementsOf(proofOf(inc));

      JsonNode con = JSON.readTree(base.resolve("consistency/" + i + "/happy-path.json").toFile());
      long size1 = number(con, "size1");
      long size2 = number(con, "size2");
      tree = new MemoryTree(leaves.subList(0, (int) size2));
      assertThat(Proofs.root(size1, tree)).isEqualTo(hash(con, "root1"));
      assertThat(Proofs.root(size2, tree)).isEqualTo(hash(con, "root2"));
      assertThat(Proofs.consistency(size1, size2, tree)).as("consistency %d", i)
          .containsExactlyElementsOf(proofOf(con));
      checked += 2;
    }
    assertThat(checked).isEqualTo(10);
  }

  /** Unsigned 64-bit JSON numbers (some are 2^64-1): parse wide, keep the low 64 bits. Missing means 0. */
  private static long number(JsonNode probe, String field) {
    JsonNode n = probe.get(field);
    return n == null || n.isNull() ? 0 : new BigInteger(n.asText()).longValue();
  }

  /** Base64 hash; null or missing means empty (which verification must then reject as 0 bytes). */
  private static byte[] hash(JsonNode probe, String field) {
    JsonNode n = probe.get(field);
    return n == null || n.isNull() ? new byte[0] : Base64.getDecoder().decode(n.asText());
  }

  private static List<byte[]> proofOf(JsonNode probe) {
    JsonNode n = probe.get("proof");
    List<byte[]> proof = new ArrayList<>();
    if (n != null && !n.isNull()) {
      for (JsonNode h : n) {
        proof.add(Base64.getDecoder().decode(h.asText()));
      }
    }
    return proof;
  }
}
