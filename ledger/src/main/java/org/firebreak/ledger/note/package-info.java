/**
 * Signed notes, checkpoints and witness cosignatures in the C2SP formats, so that the Firebreak ledger can be
 * checked with existing transparency-log tools.
 *
 * <ul>
 *   <li>{@link org.firebreak.ledger.note.Note}: c2sp.org/signed-note — text, a blank line, and
 *       {@code — <key name> base64(key ID || signature)} lines; parsing, exact formatting, signing and the
 *       spec's verification rules.
 *   <li>{@link org.firebreak.ledger.note.NoteSigner} and {@link org.firebreak.ledger.note.NoteVerifier}:
 *       Ed25519 keys in the golang.org/x/mod/sumdb/note text forms ({@code PRIVATE+KEY+name+id+key} and
 *       {@code name+id+key}), with key IDs checked on parse.
 *   <li>{@link org.firebreak.ledger.note.Checkpoint}: c2sp.org/tlog-checkpoint note bodies.
 *   <li>{@link org.firebreak.ledger.note.CosignatureSigner} and {@link org.firebreak.ledger.note.Cosignatures}:
 *       c2sp.org/tlog-cosignature v1 (timestamped Ed25519, type 0x04).
 * </ul>
 *
 * <p>Only the JDK is used (the "Ed25519" signature provider and SHA-256). All values are immutable and
 * validated on construction; malformed input is a {@link org.firebreak.ledger.note.NoteException} (notes,
 * checkpoints) or an {@link java.lang.IllegalArgumentException} (keys, constructor arguments) with a message
 * saying what is wrong. There is no static mutable state.
 */
package org.firebreak.ledger.note;
