package org.firebreak.ledger.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TreeEdgeTest {

  private static byte[] entry(int i) {
    return ("entry " + i + " " + "x".repeat(i % 50)).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aBundleIsEachEntryAsABigEndianLengthAndItsBytes() {
    // c2sp.org/tlog-tiles: uint16 length, then the entry. "ab" is 0x00 0x02 'a' 'b'.
    TreeEdge edge = TreeEdge.empty();
    Map<String, byte[]> files = edge.append(List.of("ab".getBytes(StandardCharsets.US_ASCII)), new ArrayList<>());
    assertThat(files.get("tile/entries/000.p/1")).containsExactly(0x00, 0x02, 'a', 'b');
  }

  @Test
  void theBundlesWrittenAcrossUnevenAppendsHoldExactlyTheEntriesOfTheirRange() {
    TreeEdge edge = TreeEdge.empty();
    List<byte[]> all = new ArrayList<>();
    int[] slices = {1, 6, 249, 1, 7, 300, 49}; // 613 entries: two full bundles, partials on both sides of each
    for (int slice : slices) {
      List<byte[]> batch = new ArrayList<>();
      for (int i = 0; i < slice; i++) {
        batch.add(entry(all.size() + i));
      }
      List<String> completed = new ArrayList<>();
      Map<String, byte[]> files = edge.append(batch, completed);
      long before = all.size();
      all.addAll(batch);
      for (long n = before / TileId.WIDTH; n < all.size() / TileId.WIDTH; n++) {
        String full = TileId.bundlePath(n, TileId.WIDTH);
        assertThat(completed).contains(full);
        assertThat(EntryBundle.decode(files.get(full)))
            .containsExactlyElementsOf(all.subList((int) n * TileId.WIDTH, (int) (n + 1) * TileId.WIDTH));
      }
      int width = all.size() % TileId.WIDTH;
      if (width > 0) {
        String partial = TileId.bundlePath(all.size() / TileId.WIDTH, width);
        List<byte[]> expected = all.subList(all.size() - width, all.size());
        assertThat(EntryBundle.decode(files.get(partial))).containsExactlyElementsOf(expected);
        assertThat(edge.partialFiles().get(partial)).isEqualTo(files.get(partial));
      }
    }
    assertThat(edge.size()).isEqualTo(613);
  }

  @Test
  void anEntryTooLargeForABundleIsRefusedBeforeItChangesTheEdge() {
    TreeEdge edge = TreeEdge.empty();
    edge.append(List.of(entry(0)), new ArrayList<>());
    byte[] root = edge.root();
    assertThatThrownBy(() -> edge.append(List.of(new byte[EntryBundle.MAX_ENTRY + 1]), new ArrayList<>()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(edge.size()).isEqualTo(1);
    assertThat(edge.root()).isEqualTo(root);
    assertThat(EntryBundle.decode(edge.partialFiles().get("tile/entries/000.p/1"))).containsExactly(entry(0));
  }
}
