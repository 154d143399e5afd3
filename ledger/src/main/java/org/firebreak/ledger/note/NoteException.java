package org.firebreak.ledger.note;

/**
 * A signed note or checkpoint that is malformed, or that does not verify against the known keys. The
 * message says which, and where.
 */
public final class NoteException extends Exception {

  private static final long serialVersionUID = 1L;

  public NoteException(String message) {
    super(message);
  }
}
