package org.firebreak.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HashesTest {
  @Test
  void leafAndNodeHashesAreDomainSeparated() {
    // The same 64 bytes hashed as a leaf and as a node must differ: that is what the 0x00/0x01 prefixes are for.
    byte[] a = Hashes.leafHash("a".getBytes(StandardCharsets.UTF_8));
    byte[] b = Hashes.leafHash("b".getBytes(StandardCharsets.UTF_8));
    byte[] concatenated = new byte[64];
    System.arraycopy(a, 0, concatenated, 0, 32);
    System.arraycopy(b, 0, concatenated, 32, 32);
    assertThat(Hashes.nodeHash(a, b)).isNotEqualTo(Hashes.leafHash(concatenated)).hasSize(Hashes.SIZE);
  }

  @Test
  void leafHashOfTheEmptyEntry() {
    // RFC 6962 test data (and known-roots.json roots[1]): MTH of the one-leaf tree over the empty entry.
    assertThat(HexFormat.of().formatHex(Hashes.leafHash(new byte[0])))
        .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  }

  @Test
  void emptyRootIsAFreshArray() {
    Hashes.emptyRoot()[0] ^= 1;
    assertThat(Hashes.emptyRoot()[0]).isEqualTo((byte) 0xe3);
  }
}
