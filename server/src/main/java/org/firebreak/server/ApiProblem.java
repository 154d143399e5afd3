package org.firebreak.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A refusal that the HTTP layer decides itself, before the gateway sees the request: a body too large, a wrong
 * content type, a missing credential. Rendered as application/problem+json like every other error.
 */
final class ApiProblem extends RuntimeException {
  private final int status;
  private final String type;
  private final String title;
  private final Map<String, Object> members;
  private final Map<String, String> headers;

  ApiProblem(int status, String type, String title, String detail) {
    this(status, type, title, detail, Map.of(), Map.of());
  }

  ApiProblem(int status, String type, String title, String detail, Map<String, Object> members,
      Map<String, String> headers) {
    super(Objects.requireNonNull(detail, "detail"), null, false, false);
    this.status = status;
    this.type = Objects.requireNonNull(type, "type");
    this.title = Objects.requireNonNull(title, "title");
    this.members = new LinkedHashMap<>(members);
    this.headers = new LinkedHashMap<>(headers);
  }

  static ApiProblem tooLarge(String detail) {
    return new ApiProblem(413, Problems.TOO_LARGE, "Content too large", detail);
  }

  static ApiProblem unsupportedMediaType(String detail) {
    return new ApiProblem(415, Problems.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", detail);
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }

  String title() {
    return title;
  }

  Map<String, Object> members() {
    return members;
  }

  Map<String, String> headers() {
    return headers;
  }
}
