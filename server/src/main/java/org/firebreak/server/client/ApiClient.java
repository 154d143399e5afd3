package org.firebreak.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.firebreak.core.error.ErrorCode;
import org.firebreak.core.error.UnreadableFileException;

/**
 * A small client of the Firebreak API over {@link HttpClient}, for the CLI: posts a body with a bearer token and
 * returns the JSON answer, or throws {@link ApiException} with the problem's code and detail.
 */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROBLEM_BASE = "https://firebreak.dev/problems/";

  private final URI base;
  private final String token;
  private final HttpClient http;

  public ApiClient(URI base, String token) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.token = token;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** The token in {@code file} (its first line, trimmed). */
  public static String readToken(Path file) {
    try {
      String t = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (t.isEmpty() || t.contains("\n")) {
        throw new ApiException(ErrorCode.INVALID_INPUT, 0, file + ": expected one token on one line", null, null);
      }
      return t;
    } catch (NoSuchFileException e) {
      throw new UnreadableFileException(file.toString(), null);
    } catch (IOException e) {
      throw new UnreadableFileException(file.toString(), e);
    }
  }

  /** POSTs {@code body} as {@code contentType} to {@code path} and returns the JSON answer of a 2xx status. */
  public JsonNode post(String path, String contentType, byte[] body) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofMinutes(2))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", contentType)
        .header("Accept", "application/json, application/problem+json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException e) {
      throw new ApiException(ErrorCode.UNAVAILABLE, 0, "cannot reach " + base + " (connection refused)", null, e);
    } catch (IOException e) {
      throw new ApiException(ErrorCode.UNAVAILABLE, 0, "cannot reach " + base + " ("
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(ErrorCode.UNAVAILABLE, 0, "interrupted", null, e);
    }
    JsonNode answer = parse(response.body());
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      if (answer == null) {
        throw new ApiException(ErrorCode.UNAVAILABLE, status, "the server's answer is not JSON", null, null);
      }
      return answer;
    }
    String type = answer == null ? "" : answer.path("type").asText("");
    String detail = answer == null ? "" : answer.path("detail").asText("");
    ErrorCode code = codeOf(type, status);
    throw new ApiException(code, status, detail.isEmpty() ? "HTTP " + status : detail, answer, null);
  }

  private static ErrorCode codeOf(String type, int status) {
    for (ErrorCode c : ErrorCode.values()) {
      if (c.typeUri().equals(type)) {
        return c;
      }
    }
    if (type.startsWith(PROBLEM_BASE) && status < 500) {
      return ErrorCode.INVALID_INPUT; // too-large, unsupported-media-type: the input is at fault
    }
    return switch (status) {
      case 401 -> ErrorCode.UNAUTHENTICATED;
      case 403 -> ErrorCode.FORBIDDEN;
      case 404 -> ErrorCode.NOT_FOUND;
      case 409 -> ErrorCode.CONFLICT;
      default -> status < 500 ? ErrorCode.INVALID_INPUT : ErrorCode.UNAVAILABLE;
    };
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? null : JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
