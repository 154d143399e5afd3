package org.firebreak.ledger.tree;

import java.io.Serial;

/** A proof that does not verify; message says why (wrong size, bad length, root mismatch, index out of range...). */
public final class ProofException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  public ProofException(String message) {
    super(message);
  }
}
