package org.firebreak.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.firebreak.ledger.SignedCheckpoint;
import org.firebreak.ledger.note.NoteVerifier;
import org.firebreak.ledger.tiles.EntryBundle;
import org.firebreak.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The public log: checkpoint, verifier key and tiles with the caching headers tlog-tiles asks for, and nothing
 * else.
 */
class LogRoutesTest {
  @TempDir
  Path tmp;

  private Fixture f;

  @AfterEach
  void close() throws Exception {
    if (f != null) {
      f.close();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void servesCheckpointKeyAndTilesWithTheirCachingHeaders(TestDatabases.Kind kind) throws Exception {
    f = Fixture.open(kind, tmp);
    Http http = f.http;
    // 300 entries: one full tile and bundle, one partial.
    List<CompletableFuture<Long>> acks = new ArrayList<>();
    for (int i = 0; i < 299; i++) {
      acks.add(f.ledger.append(("entry " + i).getBytes(StandardCharsets.UTF_8)));
    }
    long last = acks.get(acks.size() - 1).get();
    f.ledger.checkpointCovering(last + 1).get();
    long size = last + 1;
    assertThat(size).isEqualTo(300); // 299 + the packs entry

    Http.Response vkey = http.get("/log/vkey", null);
    assertThat(vkey.status()).isEqualTo(200);
    assertThat(vkey.contentType()).startsWith("text/plain");
    assertThat(vkey.body().strip()).isEqualTo(f.signer.verifier().text());
    assertThat(vkey.body()).doesNotContain("PRIVATE");

    Http.Response cp = http.get("/log/checkpoint", null);
    assertThat(cp.status()).isEqualTo(200);
    assertThat(cp.contentType()).startsWith("text/plain");
    assertThat(cp.header("Cache-Control").orElse("")).contains("no-store");
    SignedCheckpoint checkpoint = SignedCheckpoint.parse(cp.body(),
        List.of(NoteVerifier.parse(vkey.body().strip())));
    assertThat(checkpoint.checkpoint().size()).isEqualTo(size);

    Http.Response full = http.get("/log/tile/0/000", null);
    assertThat(full.status()).isEqualTo(200);
    assertThat(full.contentType()).isEqualTo("application/octet-stream");
    assertThat(full.header("Cache-Control").orElse("")).contains("public, max-age=31536000, immutable");
    assertThat(full.bytes()).hasSize(256 * 32);

    Http.Response fullBundle = http.get("/log/tile/entries/000", null);
    assertThat(fullBundle.status()).isEqualTo(200);
    assertThat(fullBundle.header("Cache-Control").orElse("")).contains("immutable");
    assertThat(EntryBundle.decode(fullBundle.bytes())).hasSize(256);
    assertThat(new String(EntryBundle.decode(fullBundle.bytes()).get(1), StandardCharsets.UTF_8))
        .isEqualTo("entry 0");

    Http.Response partial = http.get("/log/tile/0/001.p/44", null);
    assertThat(partial.status()).isEqualTo(200);
    assertThat(partial.header("Cache-Control").orElse("")).contains("max-age=60").doesNotContain("immutable");
    assertThat(partial.bytes()).hasSize(44 * 32);
    Http.Response partialBundle = http.get("/log/tile/entries/001.p/44", null);
    assertThat(partialBundle.status()).isEqualTo(200);
    assertThat(partialBundle.contentType()).isEqualTo("application/octet-stream");
    assertThat(EntryBundle.decode(partialBundle.bytes())).hasSize(44);
    Http.Response level1 = http.get("/log/tile/1/000.p/1", null);
    assertThat(level1.status()).isEqualTo(200);
    assertThat(level1.bytes()).hasSize(32);

    // Tiles that do not exist (yet) are 404 problems.
    assertThat(http.get("/log/tile/0/001", null).status()).isEqualTo(404);
    assertThat(http.get("/log/tile/0/x001/000", null).status()).isEqualTo(404);
    assertThat(http.get("/log/tile/0/001.p/45", null).contentType()).startsWith("application/problem+json");
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void refusesEverythingOutsideTheCheckpointAndTiles(TestDatabases.Kind kind) throws Exception {
    f = Fixture.open(kind, tmp);
    Http http = f.http;
    String secret = "PRIVATE+KEY+server.test/log+deadbeef+c2VjcmV0";
    if (f.tiles != null) {
      Files.writeString(f.tiles.resolve("ledger.key"), secret);
      Files.writeString(f.tiles.getParent().resolve("ledger.key"), secret);
      // (tile/ itself holds only full tiles while the log has fewer than 256 entries: made here.)
      Files.createDirectories(f.tiles.resolve("tile"));
      Files.writeString(f.tiles.resolve("tile").resolve("ledger.key"), secret);
    }
    List<String> refused = List.of(
        "/log/ledger.key", "/log/tile/ledger.key", "/log/journal", "/log/tile/journal",
        "/log/tile/../ledger.key", "/log/tile/../../ledger.key", "/log/tile/%2e%2e/ledger.key",
        "/log/tile/0/..%2f..%2fledger.key", "/log/tile/entries/..%2F..%2Fledger.key",
        "/log/tile/0/000/../../../ledger.key", "/log/tile/journal/00000000000000000000.wal",
        "/log/tile/0/000.p/0", "/log/tile/0/000.p/256", "/log/tile/0/000.p/007", "/log/tile/64/000",
        "/log/tile/entries/1", "/log/tile/0/0000", "/log/tile/0/x000", "/log/tile/-1/000", "/log/tile/",
        "/log/tile", "/log/ledger.properties", "/log/checkpoint.tmp", "/log/tile/0/000.tmp", "/log/");
    for (String path : refused) {
      Http.Response r = http.send("GET", path, null, null, null);
      assertThat(r.status()).as(path + " -> " + r).isIn(400, 404);
      assertThat(r.body()).as(path).doesNotContain("PRIVATE").doesNotContain("c2VjcmV0");
    }
  }
}
