package org.firebreak.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tree heads of sizes 0..8 over the 8 fixed leaves of shared/data/tlog/known-roots.json (RFC 6962 test data). */
class KnownRootsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static List<byte[]> leafHashes;
  private static List<byte[]> roots;

  @BeforeAll
  static void load() throws IOException {
    JsonNode json = new ObjectMapper().readTree(SharedData.tlog().resolve("known-roots.json").toFile());
    leafHashes = new ArrayList<>();
    for (JsonNode leaf : json.get("leavesHex")) {
      leafHashes.add(Hashes.leafHash(HEX.parseHex(leaf.asText())));
    }
    roots = new ArrayList<>();
    for (JsonNode root : json.get("roots")) {
      roots.add(HEX.parseHex(root.asText()));
    }
    assertThat(leafHashes).hasSize(8);
    assertThat(roots).hasSize(9);
  }

  @Test
  void emptyRootIsSha256OfNothing() {
    // FIPS 180-4 SHA-256("") and roots[0] of the vectors.
    assertThat(HEX.formatHex(Hashes.emptyRoot()))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(Hashes.emptyRoot()).isEqualTo(roots.get(0));
  }

  @Test
  void oracleAgreesWithPublishedRoots() {
    // Ground the test oracle itself in the published values before trusting it elsewhere.
    for (int size = 0; size <= 8; size++) {
      assertThat(Rfc9162Oracle.mth(leafHashes.subList(0, size))).as("size %d", size).isEqualTo(roots.get(size));
    }
  }

  @Test
  void rootFromHashReader() throws IOException {
    for (int size = 0; size <= 8; size++) {
      MemoryTree tree = new MemoryTree(leafHashes.subList(0, size));
      assertThat(Proofs.root(size, tree)).as("size %d", size).isEqualTo(roots.get(size));
      // One read per complete subtree of the size's binary digits, nothing else.
      assertThat(tree.reads()).as("reads for size %d", size).hasSize(Integer.bitCount(size));
    }
  }

  @Test
  void rootFromCompactRangeAppends() {
    CompactRange range = CompactRange.empty();
    assertThat(range.root()).isEqualTo(roots.get(0));
    for (int size = 1; size <= 8; size++) {
      range = range.append(leafHashes.get(size - 1));
      assertThat(range.size()).isEqualTo(size);
      assertThat(range.root()).as("size %d", size).isEqualTo(roots.get(size));
    }
  }

  @Test
  void rootFromReopenedCompactRange() throws IOException {
    for (int size = 0; size <= 8; size++) {
      CompactRange range = CompactRange.of(size, new MemoryTree(leafHashes.subList(0, size)));
      assertThat(range.root()).as("size %d", size).isEqualTo(roots.get(size));
    }
  }
}
