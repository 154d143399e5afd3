package org.firebreak.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.firebreak.core.vocab.Decision;
import org.firebreak.store.TestDatabases.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The indexes of requests that every decided request writes are the ones queries read (V4): the review queue reads
 * the partial index of held requests, and a ledger index still belongs to one request at most.
 */
class RequestIndexTest extends StoreTestBase {
  private static final String BODY = "{\"purpose\":\"VIOLENT_CRIME\",\"sources\":[\"ca-dmv\"]}";

  private static byte[] leaf() {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) 7);
    return b;
  }

  @BeforeEach
  void setUp() {
    basics();
  }

  @Test
  void theReviewQueueReadsThePartialIndexOfHeldRequests() {
    String held = store.requests().receiveDecided(store.requests().newId(), "agent", "ice-ero-sfr",
        BODY, T0, Decision.REFER, "{\"decision\":\"REFER\"}", List.of()).id();
    store.requests().receiveDecided(store.requests().newId(), "agent", "ice-ero-sfr", BODY,
        T0, Decision.DENY, "{\"decision\":\"DENY\"}", List.of());
    assertThat(store.requests().pending(10)).extracting(StoredRequest::id).containsExactly(held);
    String plan = store.jdbi().withHandle(h -> {
      if (kind == Kind.SQLITE) {
        return String.join("\n", h.createQuery("EXPLAIN QUERY PLAN " + RequestRepository.PENDING_SQL)
            .bind("limit", 10).map((rs, ctx) -> rs.getString("detail")).list());
      }
      h.execute("SET enable_seqscan = off"); // a plan without a usable index then still shows a scan
      try {
        return String.join("\n", h.createQuery("EXPLAIN " + RequestRepository.PENDING_SQL).bind("limit", 10)
            .mapTo(String.class).list());
      } finally {
        h.execute("RESET enable_seqscan");
      }
    });
    assertThat(plan).contains("requests_held").doesNotContain("Seq Scan");
  }

  @Test
  void aLedgerIndexBelongsToOneRequestOnly() {
    StoredRequest a = store.requests().receive("officer", "sfpd", BODY, T0);
    StoredRequest b = store.requests().receive("officer", "sfpd", BODY, T0);
    store.requests().logged(a.id(), new LedgerRef(7, leaf()));
    assertThatThrownBy(() -> store.requests().logged(b.id(), new LedgerRef(7, leaf())))
        .isInstanceOf(StoreException.class);
    assertThat(store.requests().get(b.id()).orElseThrow().ledger()).isEmpty();
  }
}
