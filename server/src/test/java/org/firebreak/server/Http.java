package org.firebreak.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Real HTTP to the server under test, over java.net.http. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;

  Http(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  record Response(int status, HttpResponse<byte[]> raw) {
    String body() {
      return new String(raw.body(), StandardCharsets.UTF_8);
    }

    byte[] bytes() {
      return raw.body();
    }

    JsonNode json() {
      try {
        return JSON.readTree(raw.body());
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body(), e);
      }
    }

    Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }

    String contentType() {
      return header("Content-Type").orElse("");
    }

    @Override
    public String toString() {
      return status + " " + body();
    }
  }

  Response get(String path, String token) {
    return send("GET", path, token, null, null);
  }

  Response postJson(String path, String token, String json) {
    return send("POST", path, token, "application/json", json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

  Response postNdjson(String path, String token, String ndjson) {
    return send("POST", path, token, "application/x-ndjson", ndjson.getBytes(StandardCharsets.UTF_8));
  }

  Response send(String method, String path, String token, String contentType, byte[] body) {
    return sendPublished(method, path, token, contentType, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body));
  }

  /** As {@link #send}, the body sent in chunks without a Content-Length (the length is not given to the client). */
  Response sendChunked(String method, String path, String token, String contentType, byte[] body) {
    return sendPublished(method, path, token, contentType,
        HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private Response sendPublished(String method, String path, String token, String contentType,
      HttpRequest.BodyPublisher body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", token.contains(" ") ? token : "Bearer " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, body);
    try {
      HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), r);
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
