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
}
