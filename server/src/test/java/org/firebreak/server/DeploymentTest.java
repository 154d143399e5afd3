package org.firebreak.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.firebreak.ledger.LedgerException;
import org.firebreak.ledger.SignedCheckpoint;
import org.firebreak.ledger.note.NoteVerifier;
import org.firebreak.store.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code firebreak serve}'s wiring: the first start creates the data directory, key, ledger and admin; later starts
 * reuse them.
 */
class DeploymentTest {
  @TempDir
  Path tmp;

  private static Deployment.Settings settings(Path dir, Optional<String> db) {
    return new Deployment.Settings(dir, db, "127.0.0.1", 0, "firebreak.test/log");
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void sqliteFirstStartCreatesEverythingAndLaterStartsReuseIt() throws Exception {
    Files.createDirectories(tmp.resolve("nested"));
    Path dir = tmp.resolve("nested/../data"); // not normalised, as ./data on a command line is
    String vkey;
    String token;
    long size;
    try (Deployment d = Deployment.start(settings(dir, Optional.empty()))) {
      assertThat(d.ledgerCreated()).isTrue();
      assertThat(d.adminTokenWritten()).isTrue();
      assertThat(mode(dir)).isEqualTo("rwx------");
      assertThat(mode(dir.resolve("ledger.key"))).isEqualTo("rw-------");
      assertThat(mode(dir.resolve("admin-token"))).isEqualTo("rw-------");
      assertThat(dir.resolve("firebreak.db")).isRegularFile();
      assertThat(dir.resolve("ledger/checkpoint")).isRegularFile();
      assertThat(d.adminTokenFile()).isEqualTo(tmp.resolve("data").resolve("admin-token"));
      assertThat(d.url().toString()).isEqualTo("http://127.0.0.1:" + d.port());
      vkey = d.verifierKey();
      assertThat(vkey).startsWith("firebreak.test/log+");
      token = Files.readString(dir.resolve("admin-token")).strip();
      Http http = new Http(d.port());
      assertThat(http.get("/log/vkey", null).body().strip()).isEqualTo(vkey);
      // The public key is also in the data directory, for tools that read it (firebreak report).
      assertThat(Files.readString(dir.resolve(Deployment.VKEY_FILE)).strip()).isEqualTo(vkey);
      assertThat(http.get("/metrics", token).status()).isEqualTo(200);
      // The admin is an admin and nothing else.
      assertThat(http.postJson("/v1/requests", token, "{}").status()).isEqualTo(403);
      size = size(http);
      assertThat(size).isEqualTo(1); // the packs in force
    }
    try (Deployment d = Deployment.start(settings(dir, Optional.empty()))) {
      assertThat(d.ledgerCreated()).isFalse();
      assertThat(d.adminTokenWritten()).isFalse();
      assertThat(d.verifierKey()).isEqualTo(vkey);
      Http http = new Http(d.port());
      assertThat(http.get("/metrics", token).status()).isEqualTo(200);
      assertThat(size(http)).isEqualTo(size); // the same packs: not announced again
    }
    // A deleted token file: a new token for the same admin.
    Files.delete(dir.resolve("admin-token"));
    try (Deployment d = Deployment.start(settings(dir, Optional.empty()))) {
      assertThat(d.adminTokenWritten()).isTrue();
      String fresh = Files.readString(dir.resolve("admin-token")).strip();
      assertThat(fresh).isNotEqualTo(token);
      assertThat(new Http(d.port()).get("/metrics", fresh).status()).isEqualTo(200);
    }
    // A ledger without its key does not start.
    Files.move(dir.resolve("ledger.key"), tmp.resolve("moved.key"));
    assertThatThrownBy(() -> Deployment.start(settings(dir, Optional.empty())))
        .isInstanceOf(LedgerException.class).hasMessageContaining("ledger.key");
  }

  @Test
  void postgresqlKeepsTheLedgerInTheDatabaseAndTheKeyInTheDirectory() throws Exception {
    TestDatabases.Database db = TestDatabases.create(TestDatabases.Kind.POSTGRESQL, tmp);
    Path dir = tmp.resolve("pg-data");
    try {
      String vkey;
      try (Deployment d = Deployment.start(settings(dir, Optional.of(db.url())))) {
        assertThat(d.ledgerCreated()).isTrue();
        assertThat(dir.resolve("ledger.key")).isRegularFile();
        assertThat(dir.resolve("admin-token")).isRegularFile();
        assertThat(dir.resolve("ledger")).doesNotExist();
        assertThat(dir.resolve("firebreak.db")).doesNotExist();
        vkey = d.verifierKey();
        assertThat(size(new Http(d.port()))).isEqualTo(1);
      }
      try (Deployment d = Deployment.start(settings(dir, Optional.of(db.url())))) {
        assertThat(d.ledgerCreated()).isFalse();
        assertThat(d.verifierKey()).isEqualTo(vkey);
        String token = Files.readString(dir.resolve("admin-token")).strip();
        assertThat(new Http(d.port()).get("/metrics", token).status()).isEqualTo(200);
      }
    } finally {
      db.drop();
    }
  }

  private static long size(Http http) throws Exception {
    NoteVerifier v = NoteVerifier.parse(http.get("/log/vkey", null).body().strip());
    return SignedCheckpoint.parse(http.get("/log/checkpoint", null).body(), List.of(v)).checkpoint().size();
  }
}
