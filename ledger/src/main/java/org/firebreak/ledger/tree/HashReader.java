package org.firebreak.ledger.tree;

import java.io.IOException;

/**
 * Hash of the complete subtree of 2^level leaves whose first leaf is index * 2^level (what tiles store).
 *
 * <p>Level 0 is the leaf hashes themselves. Callers ask only for subtrees that are complete in the tree they are
 * working on, so an implementation backed by c2sp.org/tlog-tiles never needs a hash that a tile lacks. The result
 * must be {@link Hashes#SIZE} bytes; the tree code checks this and reports a bad store as an {@link IOException}.
 */
@FunctionalInterface
public interface HashReader {
  byte[] hash(int level, long index) throws IOException;
}
