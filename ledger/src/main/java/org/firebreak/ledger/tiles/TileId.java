package org.firebreak.ledger.tiles;

/**
 * A tile of c2sp.org/tlog-tiles: at tile level {@code level} (Merkle level 8·level), tile number {@code index},
 * holding {@code width} hashes (256 when full). Level -1 is not used: entry bundles have their own path method.
 */
public record TileId(int level, long index, int width) {
  /** Tiles are 8 Merkle levels high, so 256 hashes wide (tlog-tiles). */
  public static final int HEIGHT = 8;
  public static final int WIDTH = 1 << HEIGHT;

  public TileId {
    if (level < 0 || level > 63 || index < 0 || width < 1 || width > WIDTH) {
      throw new IllegalArgumentException("bad tile " + level + "/" + index + " width " + width);
    }
  }

  public boolean isFull() {
    return width == WIDTH;
  }

  /** {@code tile/<L>/<N>[.p/<W>]}. */
  public String path() {
    return "tile/" + level + "/" + encodeIndex(index) + partialSuffix(width);
  }

  /**
   * {@code nodes/<L>/<N>}: a full tile's 256 hashes followed by the 255 hashes of its interior (every complete
   * subtree of the tile, level by level). Not part of tlog-tiles and never served: a private index so that a proof
   * reads one file and hashes nothing.
   */
  public String nodesPath() {
    if (!isFull()) {
      throw new IllegalStateException("only full tiles have a node index");
    }
    return "nodes/" + level + "/" + encodeIndex(index);
  }

  /** {@code tile/entries/<N>[.p/<W>]}: the entry bundle with the leaves of level-0 tile {@code index}. */
  public static String bundlePath(long index, int width) {
    return BUNDLES + encodeIndex(index) + partialSuffix(width);
  }

  private static String partialSuffix(int width) {
    return width == WIDTH ? "" : PARTIAL + width;
  }

  /** What a partial tile's or bundle's path holds between the full one's path and its width. */
  public static final String PARTIAL = ".p/";
  /** Where the entry bundles are. */
  public static final String BUNDLES = "tile/entries/";

  /** The tile number as zero-padded three-digit path elements, all but the last prefixed with x: x001/x234/067. */
  static String encodeIndex(long n) {
    String digits = Long.toString(n);
    int pad = (3 - digits.length() % 3) % 3;
    digits = "0".repeat(pad) + digits;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < digits.length(); i += 3) {
      if (i > 0) {
        sb.append('/');
      }
      if (i + 3 < digits.length()) {
        sb.append('x');
      }
      sb.append(digits, i, i + 3);
    }
    return sb.toString();
  }

  /** The width of tile {@code index} at tile level {@code level} in a tree of {@code treeSize} leaves; 0 if none. */
  public static int widthAt(int level, long index, long treeSize) {
    long hashesAtLevel = treeSize >>> (HEIGHT * level);
    long first = index * WIDTH;
    if (hashesAtLevel <= first) {
      return 0;
    }
    return (int) Math.min(WIDTH, hashesAtLevel - first);
  }
}
