/**
 * RFC 9162 §2.1 Merkle tree math for the Firebreak ledger: leaf and node hashing, tree heads, inclusion and
 * consistency proofs (generation and verification) and the compact range that an appender keeps in memory.
 *
 * <p>No I/O and no dependencies beyond the JDK. Stored hashes come in through {@link
 * org.firebreak.ledger.tree.HashReader}, which a tile store implements, so that the same code serves an in-memory
 * tree, a database and a static tile server. Every value here is immutable; byte arrays are copied in and out.
 *
 * <p>Tree sizes and leaf indexes are unsigned 64-bit integers carried in {@code long}, as in RFC 9162 and the
 * C2SP formats. Verification treats them as unsigned throughout and answers every malformed input with a {@link
 * org.firebreak.ledger.tree.ProofException}, never with a runtime exception.
 */
package org.firebreak.ledger.tree;
