package org.firebreak.ledger;

import java.util.List;
import org.firebreak.ledger.note.Checkpoint;
import org.firebreak.ledger.note.Note;
import org.firebreak.ledger.note.NoteException;
import org.firebreak.ledger.note.NoteSigner;
import org.firebreak.ledger.note.NoteVerifier;

/** A checkpoint and the signed note that carries it, exactly as stored and served. */
public record SignedCheckpoint(Checkpoint checkpoint, String note) {

  static SignedCheckpoint sign(Checkpoint cp, NoteSigner signer) {
    return new SignedCheckpoint(cp, Note.sign(cp.text(), signer).format());
  }

  /** Parses a checkpoint note and verifies it with the given keys (at least one must have signed). */
  public static SignedCheckpoint parse(String note, List<NoteVerifier> keys) throws NoteException {
    Note n = Note.parse(note);
    n.verify(keys);
    return new SignedCheckpoint(Checkpoint.parse(n.text()), note);
  }

  /**
   * Parses a checkpoint note that the log's key must have signed and every given witness must have cosigned
   * (tlog-cosignature/v1): a checkpoint a witness saw cannot be quietly replaced by a fork.
   */
  public static SignedCheckpoint parse(String note, NoteVerifier logKey, List<NoteVerifier> witnesses)
      throws NoteException {
    Note n = Note.parse(note);
    List<NoteVerifier> all = new java.util.ArrayList<>(witnesses);
    all.add(0, logKey);
    List<NoteVerifier> verified = n.verify(all);
    if (!verified.contains(logKey)) {
      throw new NoteException("the log's key " + logKey.name() + " did not sign this checkpoint");
    }
    for (NoteVerifier w : witnesses) {
      if (!verified.contains(w)) {
        throw new NoteException("witness " + w.name() + " has not cosigned this checkpoint");
      }
    }
    return new SignedCheckpoint(Checkpoint.parse(n.text()), note);
  }
}
