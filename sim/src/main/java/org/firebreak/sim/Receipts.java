package org.firebreak.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.firebreak.ledger.SignedCheckpoint;
import org.firebreak.ledger.note.NoteException;
import org.firebreak.ledger.note.NoteVerifier;
import org.firebreak.ledger.tree.ProofException;
import org.firebreak.ledger.tree.Proofs;

/** Checks a receipt as a requester can: the checkpoint is signed by the log's key and the proof leads to its root. */
public final class Receipts {
  private Receipts() {}

  /**
   * @throws IllegalStateException naming what does not hold
   */
  public static void verify(JsonNode receipt, NoteVerifier logKey) {
    try {
      SignedCheckpoint cp = SignedCheckpoint.parse(receipt.path("checkpoint").asText(), List.of(logKey));
      long index = receipt.path("index").asLong(-1);
      long size = receipt.path("treeSize").asLong(-1);
      if (cp.checkpoint().size() != size) {
        throw new IllegalStateException("receipt " + index + ": tree size " + size + " but checkpoint size "
            + cp.checkpoint().size());
      }
      byte[] leaf = Base64.getDecoder().decode(receipt.path("leafHash").asText());
      List<byte[]> proof = new ArrayList<>();
      receipt.path("inclusionProof").forEach(h -> proof.add(Base64.getDecoder().decode(h.asText())));
      Proofs.verifyInclusion(index, size, leaf, proof, cp.checkpoint().root());
    } catch (NoteException | ProofException | IllegalArgumentException e) {
      throw new IllegalStateException("receipt " + receipt.path("index").asLong(-1) + " does not verify: "
          + e.getMessage(), e);
    }
  }
}
