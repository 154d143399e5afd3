package org.firebreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code firebreak serve}, {@code ingest} and {@code request} together: a real server on a free port, the CLI clients
 * against it over HTTP, errors as one line with a non-zero exit, and a clean stop.
 */
class ServerCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir
  Path tmp;

  /** {@code firebreak serve} on its own thread; stopped by interrupting it, as Ctrl-C stops the real one. */
  private static final class Serving implements AutoCloseable {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final AtomicInteger exit = new AtomicInteger(-1);
    final Thread thread;
    final String url;

    Serving(String... args) throws Exception {
      thread = new Thread(() -> exit.set(Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true))),
          "serve-under-test");
      thread.start();
      // Up once the whole start-up summary is printed: its last line says how to stop.
      Pattern p = Pattern.compile("serving (http://\\S+)[\\s\\S]*Stop with Ctrl-C\\.");
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      Matcher m = p.matcher(out.toString());
      while (!m.find()) {
        if (!thread.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("serve did not start: " + out + err);
        }
        Thread.sleep(20);
        m = p.matcher(out.toString());
      }
      url = m.group(1);
    }

    @Override
    public void close() {
      thread.interrupt();
      try {
        thread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for serve to stop", e);
      }
      assertThat(thread.isAlive()).isFalse();
      assertThat(exit.get()).isZero();
      assertThat(out.toString()).contains("firebreak: stopped");
    }
  }

  private static CliTest.Run run(String... args) {
    return CliTest.run(args);
  }

  private static JsonNode post(String url, String token, String path, String json) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
    return JSON.readTree(r.body());
  }

  @Test
  void serveIngestRequestAndStop() throws Exception {
    Path data = tmp.resolve("data");
    String url;
    try (Serving s = new Serving("serve", "--data", data.toString(), "--port", "0")) {
      url = s.url;
      assertThat(s.out.toString())
          .contains("admin token:    " + data.resolve("admin-token") + " (written now")
          .contains("verifier key:   firebreak.localhost/log+")
          .contains("(created)");
      String admin = Files.readString(data.resolve("admin-token")).strip();
      assertThat(s.out.toString() + s.err).doesNotContain(admin);

      post(url, admin, "/v1/agencies", """
          {"id":"sfpd","name":"SFPD","level":"LOCAL","component":"POLICE","jurisdiction":"US-CA-SF"}""");
      post(url, admin, "/v1/agencies", """
          {"id":"dmv","name":"CA DMV","level":"STATE","component":"DMV","jurisdiction":"US-CA"}""");
      String officer = post(url, admin, "/v1/users", """
          {"id":"officer","agency":"sfpd","roles":["REQUESTER"]}""").get("token").asText();
      String custodian = post(url, admin, "/v1/users", """
          {"id":"custodian","agency":"dmv","roles":["CUSTODIAN"]}""").get("token").asText();
      post(url, admin, "/v1/sources", """
          {"id":"ca-dmv","kind":"DMV","jurisdiction":"US-CA","agency":"dmv",
           "fields":{"name":"identity","license":"dmv.record","home":"address.home","status":"immigration_status"},
           "searchable":["name","license"]}""");
      Path custodianToken = Files.writeString(tmp.resolve("custodian-token"), custodian + "\n");
      Path officerToken = Files.writeString(tmp.resolve("officer-token"), officer + "\n");

      // CSV: header row, an id column, quoted cells, an empty cell (absent field), a blank line.
      Path csv = Files.writeString(tmp.resolve("people.csv"), """
          id,name,license,home,status
          r1,Ana Ruiz,D1234567,12 Mission St,AB60
          r2,"Ito, Ben",D7654321,,citizen

          r3,Cy Doe,D1111111,1 Main St,
          """);
      CliTest.Run in = run("ingest", "--source", "ca-dmv", "--file", csv.toString(), "--url", url,
          "--token-file", custodianToken.toString(), "--no-progress", "--batch", "2");
      assertThat(in.exit()).as(in.err()).isZero();
      assertThat(in.out()).contains("ingested 3 records into ca-dmv (3 new, 0 replaced)");

      // NDJSON, again: replaces.
      Path ndjson = Files.writeString(tmp.resolve("people.ndjson"), """
          {"id":"r1","fields":{"name":"Ana Ruiz","license":"D1234567","home":"14 Mission St","status":"AB60"}}
          """);
      in = run("ingest", "--source", "ca-dmv", "--file", ndjson.toString(), "--url", url,
          "--token-file", custodianToken.toString(), "--no-progress");
      assertThat(in.out()).contains("ingested 1 records into ca-dmv (0 new, 1 replaced)");

      // A bad line: named by its line in the file, one line on stderr, exit 2; earlier batches are kept.
      Path bad = Files.writeString(tmp.resolve("bad.ndjson"), """
          {"id":"n1","fields":{"name":"N One"}}
          {"id":"n2","fields":{"name":"N Two"}}

          {"id":"n3","fields":{"shoe_size":"44"}}
          """);
      in = run("ingest", "--source", "ca-dmv", "--file", bad.toString(), "--url", url,
          "--token-file", custodianToken.toString(), "--no-progress", "--batch", "2");
      assertThat(in.exit()).isEqualTo(2);
      assertThat(in.err().lines()).singleElement().satisfies(l -> assertThat(l)
          .startsWith("firebreak: invalid-input: " + bad + ": line 4 (2 records of earlier batches are stored): ")
          .contains("shoe_size"));
      Path badCsv = Files.writeString(tmp.resolve("bad.csv"), "id,name\nx1,A\nx2,B,C\n");
      in = run("ingest", "--source", "ca-dmv", "--file", badCsv.toString(), "--url", url,
          "--token-file", custodianToken.toString(), "--no-progress");
      assertThat(in.exit()).isEqualTo(2);
      assertThat(in.err().strip()).isEqualTo("firebreak: invalid-input: " + badCsv
          + ": line 3: has 3 cells; the header has 2");
      in = run("ingest", "--source", "ca-dmv", "--file", tmp.resolve("people.txt").toString(), "--url", url,
          "--token-file", custodianToken.toString());
      assertThat(in.exit()).isEqualTo(2);
      assertThat(in.err()).contains("unknown format");

      // request: from options, and from a body file.
      CliTest.Run req = run("request", "--url", url, "--token-file", officerToken.toString(),
          "--purpose", "VIOLENT_CRIME", "--source", "ca-dmv", "--query", "license=D1234567",
          "--case-number", "SF-26-1", "--justification", "armed robbery");
      assertThat(req.exit()).as(req.err()).isZero();
      JsonNode answer = JSON.readTree(req.out());
      assertThat(answer.at("/decision/decision").asText()).isEqualTo("PERMIT");
      assertThat(answer.at("/released/0/fields/home").asText()).isEqualTo("14 Mission St");
      assertThat(answer.at("/receipt/checkpoint").asText()).startsWith("firebreak.localhost/log\n");

      Path body = Files.writeString(tmp.resolve("req.json"), """
          {"purpose":"COUNTERTERRORISM","caseNumber":"26-01628",
           "sources":["ca-dmv"],"query":{"name":"Ana Ruiz"},
           "onBehalfOf":{"id":"ice","name":"ICE ERO","level":"FEDERAL","component":"ICE_ERO","jurisdiction":"US"}}""");
      req = run("request", "--url", url, "--token-file", officerToken.toString(), "--body", body.toString());
      assertThat(req.exit()).as(req.err()).isZero();
      answer = JSON.readTree(req.out());
      assertThat(answer.at("/decision/effectivePurposes").toString()).contains("CIVIL_IMMIGRATION_ENFORCEMENT");
      assertThat(req.out()).doesNotContain("14 Mission St").doesNotContain("D1234567");

      // Errors: one line each, non-zero exit.
      req = run("request", "--url", url, "--token-file", officerToken.toString(),
          "--purpose", "CURIOSITY", "--source", "ca-dmv", "--query", "name=x");
      assertThat(req.exit()).isEqualTo(2);
      assertThat(req.err().strip()).startsWith("firebreak: invalid-input: request body: $.purpose: unknown value")
          .doesNotContain("\n");
      req = run("request", "--url", url, "--token-file", custodianToken.toString(),
          "--purpose", "VIOLENT_CRIME", "--source", "ca-dmv", "--query", "name=x");
      assertThat(req.exit()).isEqualTo(2);
      assertThat(req.err().strip()).startsWith("firebreak: forbidden: ");
      req = run("request", "--url", url, "--token-file", tmp.resolve("nope").toString(),
          "--purpose", "VIOLENT_CRIME", "--source", "ca-dmv", "--query", "name=x");
      assertThat(req.exit()).isEqualTo(2);
      assertThat(req.err().strip()).startsWith("firebreak: unreadable-file: ");
      req = run("request", "--url", url, "--token-file", officerToken.toString(), "--purpose", "VIOLENT_CRIME");
      assertThat(req.exit()).isEqualTo(2);
      assertThat(req.err()).contains("--source");
      req = run("request", "--url", url, "--token-file", officerToken.toString(), "--body", body.toString(),
          "--purpose", "VIOLENT_CRIME");
      assertThat(req.exit()).isEqualTo(2);
    }
    // Stopped: the port is closed, the CLI says so in one line.
    CliTest.Run dead = run("request", "--url", url, "--token-file", tmp.resolve("officer-token").toString(),
        "--purpose", "VIOLENT_CRIME", "--source", "ca-dmv", "--query", "name=x");
    assertThat(dead.exit()).isEqualTo(2);
    assertThat(dead.err().strip()).startsWith("firebreak: unavailable: cannot reach " + url);

    // A second start reuses the directory: no new token, the same ledger.
    try (Serving again = new Serving("serve", "--data", data.toString(), "--port", "0")) {
      assertThat(again.out.toString()).doesNotContain("written now").doesNotContain("(created)");
    }
  }

  @Test
  void serveWithAnOidcIssuerDiscoversItsKeysAndRefusesIncompleteOrUnsafeSettings() throws Exception {
    HttpServer issuer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String iss = "http://127.0.0.1:" + issuer.getAddress().getPort() + "/realms/firebreak";
    issuer.createContext("/realms/firebreak/.well-known/openid-configuration", ex -> {
      byte[] doc = ("{\"issuer\":\"" + iss + "\",\"jwks_uri\":\"" + iss + "/certs\"}")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, doc.length);
      ex.getResponseBody().write(doc);
      ex.close();
    });
    issuer.start();
    try (Serving s = new Serving("serve", "--data", tmp.resolve("data").toString(), "--port", "0",
        "--oidc-issuer", iss, "--oidc-audience", "firebreak-api")) {
      assertThat(s.out.toString()).contains("OIDC:           issuer " + iss + ", audience firebreak-api, keys "
          + iss + "/certs");
    } finally {
      issuer.stop(0);
    }

    CliTest.Run r = run("serve", "--data", tmp.resolve("a").toString(), "--port", "0", "--oidc-issuer", iss);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).contains("--oidc-issuer needs --oidc-audience").doesNotContain("\n");
    r = run("serve", "--data", tmp.resolve("b").toString(), "--port", "0", "--oidc-audience", "api");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).contains("need --oidc-issuer");
    r = run("serve", "--data", tmp.resolve("c").toString(), "--port", "0", "--oidc-issuer",
        "http://login.example.gov/realms/x", "--oidc-audience", "api");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("firebreak: invalid-input: OIDC issuer 'http://login.example.gov/realms/x'"
        + " must use https (plain http only to localhost)");
    // The issuer is gone now: the start fails in one line, naming where it looked.
    r = run("serve", "--data", tmp.resolve("d").toString(), "--port", "0", "--oidc-issuer", iss,
        "--oidc-audience", "api");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("firebreak: unavailable: cannot read the OIDC discovery document "
        + iss + "/.well-known/openid-configuration").doesNotContain("\n");
  }
}
