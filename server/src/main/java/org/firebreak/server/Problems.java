package org.firebreak.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.UUID;
import org.firebreak.core.error.ErrorCode;
import org.firebreak.core.error.FirebreakException;
import org.firebreak.core.error.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error as application/problem+json (RFC 9457): {@code type} is the stable URI of the error code
 * ({@link ErrorCode#typeUri()}), {@code title} names the kind of error, {@code status} repeats the HTTP status and
 * {@code detail} says what was wrong; input errors add {@code path} (the JSON path) and, for NDJSON, {@code line}.
 * Server failures say nothing of their cause: it is logged under the {@code instance} id the answer carries.
 */
final class Problems {
  static final String MEDIA_TYPE = "application/problem+json";
  private static final String BASE = "https://firebreak.dev/problems/";
  /** Types of refusals the HTTP layer makes that have no {@link ErrorCode}. */
  static final String TOO_LARGE = BASE + "too-large";
  static final String UNSUPPORTED_MEDIA_TYPE = BASE + "unsupported-media-type";
  static final String METHOD_NOT_ALLOWED = BASE + "method-not-allowed";
  static final String INTERNAL = BASE + "internal";

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Problems() {}

  /** The HTTP status of an error code. */
  static int status(ErrorCode code) {
    return switch (code) {
      case INVALID_INPUT, INVALID_PACK -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case UNAVAILABLE, LEDGER -> 503;
      case UNREADABLE_FILE, EVALUATION_FAILED -> 500;
    };
  }

  static String title(ErrorCode code) {
    return switch (code) {
      case INVALID_INPUT -> "Invalid input";
      case INVALID_PACK -> "Invalid rule pack";
      case UNREADABLE_FILE -> "Unreadable file";
      case EVALUATION_FAILED -> "Evaluation failed";
      case LEDGER -> "Ledger unavailable";
      case UNAUTHENTICATED -> "Unauthenticated";
      case FORBIDDEN -> "Forbidden";
      case NOT_FOUND -> "Not found";
      case CONFLICT -> "Conflict";
      case UNAVAILABLE -> "Service unavailable";
    };
  }

  /** Writes the problem for any exception a handler threw. */
  static void handle(Exception e, Context ctx) {
    if (e instanceof ApiProblem p) {
      ObjectNode o = problem(p.type(), p.title(), p.status(), p.getMessage());
      p.members().forEach((k, v) -> o.set(k, node(v)));
      p.headers().forEach(ctx::header);
      write(ctx, p.status(), o);
    } else if (e instanceof FirebreakException fe) {
      firebreak(fe, ctx);
    } else if (e instanceof HttpResponseException h) {
      javalin(h, ctx);
    } else {
      internal(e, ctx, "unexpected error");
    }
  }

  private static void firebreak(FirebreakException fe, Context ctx) {
    ErrorCode code = fe.code();
    int status = status(code);
    if (status >= 500) {
      if (code == ErrorCode.UNAVAILABLE || code == ErrorCode.LEDGER) {
        String id = UUID.randomUUID().toString();
        LOG.warn("{} {}: {} [{}] (incident {})", ctx.method(), ctx.path(), code.slug(), fe.getMessage(), id,
            fe.getCause());
        ObjectNode o = problem(code.typeUri(), title(code), status,
            "the service cannot complete this now; try again later");
        o.put("instance", "urn:uuid:" + id);
        ctx.header("Retry-After", "5");
        write(ctx, status, o);
      } else {
        internal(fe, ctx, code.slug());
      }
      return;
    }
    ObjectNode o = problem(code.typeUri(), title(code), status, fe.getMessage());
    if (fe instanceof InvalidInputException ie) {
      o.put("path", ie.path());
    }
    if (code == ErrorCode.UNAUTHENTICATED) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"firebreak\", error=\"invalid_token\"");
    }
    write(ctx, status, o);
  }

  private static void javalin(HttpResponseException h, Context ctx) {
    int status = h.getStatus();
    String type;
    String detail;
    switch (status) {
      case 404 -> {
        type = ErrorCode.NOT_FOUND.typeUri();
        detail = "no such resource: " + ctx.method() + " " + ctx.path();
      }
      case 405 -> {
        type = METHOD_NOT_ALLOWED;
        detail = "method " + ctx.method() + " is not allowed here";
      }
      case 413 -> {
        type = TOO_LARGE;
        detail = "the request body is too large";
      }
      case 400 -> {
        type = ErrorCode.INVALID_INPUT.typeUri();
        detail = "bad request";
      }
      default -> {
        type = "about:blank";
        detail = HttpStatus.forStatus(status).getMessage();
      }
    }
    write(ctx, status, problem(type, HttpStatus.forStatus(status).getMessage(), status, detail));
  }

  private static void internal(Exception e, Context ctx, String what) {
    String id = UUID.randomUUID().toString();
    LOG.error("{} {} failed: {} (incident {})", ctx.method(), ctx.path(), what, id, e);
    ObjectNode o = problem(INTERNAL, "Internal server error", 500,
        "the server failed to answer this request; the failure is logged");
    o.put("instance", "urn:uuid:" + id);
    write(ctx, 500, o);
  }

  static ObjectNode problem(String type, String title, int status, String detail) {
    ObjectNode o = F.objectNode();
    o.put("type", type);
    o.put("title", title);
    o.put("status", status);
    o.put("detail", detail);
    return o;
  }

  private static com.fasterxml.jackson.databind.JsonNode node(Object v) {
    if (v instanceof Integer i) {
      return F.numberNode(i);
    }
    if (v instanceof Long l) {
      return F.numberNode(l);
    }
    return F.textNode(String.valueOf(v));
  }

  static void write(Context ctx, int status, ObjectNode problem) {
    ctx.status(status);
    ctx.contentType(MEDIA_TYPE);
    ctx.header("Cache-Control", "no-store");
    ctx.result(problem.toString());
  }

  /** The problem for a missing credential, with the challenge RFC 6750 asks for. */
  static ApiProblem unauthenticated(String detail) {
    return new ApiProblem(401, ErrorCode.UNAUTHENTICATED.typeUri(), title(ErrorCode.UNAUTHENTICATED), detail,
        Map.of(), Map.of("WWW-Authenticate", "Bearer realm=\"firebreak\""));
  }
}
