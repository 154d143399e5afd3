package org.firebreak.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.detect.Flag;
import org.firebreak.gateway.Caller;

/**
 * {@code GET /v1/flags[?from=&to=&limit=&offset=]} (AUDITOR): the detectors' flags on the requests received in a
 * window (default: the last 30 days), a page at a time.
 */
final class FlagHandlers {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final AuditFlags flags;

  FlagHandlers(AuditFlags flags) {
    this.flags = Objects.requireNonNull(flags, "flags");
  }

  void list(Context ctx, Caller caller) {
    Instant to = instant(ctx.queryParam("to"), "to").orElse(flags.now());
    Instant from = instant(ctx.queryParam("from"), "from").orElse(to.minus(AuditFlags.DEFAULT_WINDOW));
    int limit = number(ctx.queryParam("limit"), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    int offset = number(ctx.queryParam("offset"), "offset", 0, 0, Integer.MAX_VALUE);
    AuditFlags.Result result = flags.flags(from, to);
    List<Flag> all = result.flags();
    ObjectNode o = F.objectNode();
    o.put("from", result.from().toString());
    o.put("to", result.to().toString());
    o.put("requests", result.requests());
    o.put("total", all.size());
    o.put("offset", offset);
    ArrayNode items = o.putArray("flags");
    for (int i = offset; i < all.size() && i < (long) offset + limit; i++) {
      Flag f = all.get(i);
      ObjectNode item = items.addObject();
      item.put("requestId", f.eventId());
      item.put("receivedAt", result.receivedAt().get(f.eventId()).toString());
      item.put("detector", f.detector());
      item.put("severity", f.severity().name());
      item.put("requester", f.requester());
      item.put("explanation", f.explanation());
      f.evidence().forEach(item.putArray("evidence")::add);
      f.citations().forEach(item.putArray("citations")::add);
    }
    ctx.header("Cache-Control", "no-store");
    ApiHandlers.ok(ctx, 200, o);
  }

  private static Optional<Instant> instant(String param, String name) {
    if (param == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(param));
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("query", name, "must be a UTC instant such as 2026-11-01T00:00:00Z", null);
    }
  }

  private static int number(String param, String name, int fallback, int min, int max) {
    if (param == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(param);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new InvalidInputException("query", name, "must be a whole number from " + min + " to " + max, null);
  }
}
