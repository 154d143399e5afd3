package org.firebreak.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.firebreak.core.error.ErrorCode;
import org.firebreak.core.error.FirebreakException;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.json.StrictJson;
import org.firebreak.core.model.Agency;
import org.firebreak.gateway.Caller;
import org.firebreak.gateway.Gateway;
import org.firebreak.gateway.RequestBody;
import org.firebreak.gateway.RequestOutcome;
import org.firebreak.store.IngestResult;
import org.firebreak.store.Source;
import org.firebreak.store.StoreException;
import org.firebreak.store.StoredRecord;
import org.firebreak.store.StoredRequest;

/**
 * The {@code /v1} handlers: each reads and binds its body strictly, calls the gateway with the authenticated caller
 * and writes JSON. Roles are checked before a handler runs ({@link FirebreakServer}); the gateway checks them again.
 */
final class ApiHandlers {
  static final String JSON_UTF8 = "application/json";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String BODY = "request body";

  private final Gateway gateway;
  private final StrictJson json;
  private final Views views;
  private final Metrics metrics;
  private final FirebreakServer.Options options;

  ApiHandlers(Gateway gateway, StrictJson json, Metrics metrics, FirebreakServer.Options options) {
    this.gateway = gateway;
    this.json = json;
    this.views = new Views(json);
    this.metrics = metrics;
    this.options = options;
  }

  /** {@code POST /v1/agencies} {@code {id, name, level, component, jurisdiction}} -> 201 with the agency. */
  void createAgency(Context ctx, Caller caller) {
    Agency agency = json.read(Bodies.json(ctx, options.maxJsonBytes()), Agency.class, BODY);
    gateway.registerAgency(caller, agency);
    created(ctx, json.toTree(agency));
  }

  /** {@code POST /v1/users} -> 201 {@code {id, token}}: the token is shown this once. */
  void createUser(Context ctx, Caller caller) {
    Dto.UserBody body = json.read(Bodies.json(ctx, options.maxJsonBytes()), Dto.UserBody.class, BODY);
    String token = gateway.registerUser(caller, body.toUser());
    ObjectNode o = F.objectNode();
    o.put("id", body.id());
    o.put("token", token);
    created(ctx, o);
  }

  /** {@code POST /v1/sources} -> 201 with the source as registered. */
  void createSource(Context ctx, Caller caller) {
    Dto.SourceBody body = json.read(Bodies.json(ctx, options.maxJsonBytes()), Dto.SourceBody.class, BODY);
    Source s = body.toSource();
    gateway.registerSource(caller, s);
    created(ctx, source(s));
  }

  /**
   * {@code POST /v1/sources/{id}/records}: NDJSON, one {@code {"id":..., "fields":{...}}} per line (blank lines
   * are skipped). The batch is all or nothing: the first bad line is reported by its 1-based number and nothing of
   * the batch is stored. Records replace those with the same id (idempotent).
   */
  void ingest(Context ctx, Caller caller) {
    String sourceId = ctx.pathParam("id");
    String body = Bodies.ndjson(ctx, options.maxNdjsonBytes());
    List<StoredRecord> batch = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    int lineNo = 0;
    for (String line : body.split("\n", -1)) {
      lineNo++;
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isBlank()) {
        continue;
      }
      if (batch.size() == options.maxBatchRecords()) {
        throw ApiProblem.tooLarge("a batch holds at most " + options.maxBatchRecords() + " records; send more"
            + " batches");
      }
      Dto.RecordLine rec;
      try {
        rec = json.read(line, Dto.RecordLine.class, "line " + lineNo);
      } catch (InvalidInputException e) {
        throw lineProblem(lineNo, e.path(), e.getMessage());
      }
      Integer earlier = seen.putIfAbsent(rec.id(), lineNo);
      if (earlier != null) {
        throw lineProblem(lineNo, "$.id", "line " + lineNo + ": $.id: record '" + rec.id()
            + "' is on line " + earlier + " already");
      }
      batch.add(rec.toRecord(sourceId));
      lines.add(lineNo);
    }
    if (batch.isEmpty()) {
      throw new InvalidInputException(BODY, "$", "holds no record (one JSON object per line)", null);
    }
    IngestResult r;
    try {
      r = gateway.ingest(caller, sourceId, batch);
    } catch (StoreException e) {
      if (e.item().isPresent() && e.kind() == StoreException.Kind.INVALID) {
        int line = lines.get(e.item().getAsInt());
        // The store counts from 0 within the batch; the client knows lines, so the line replaces that count.
        String why = e.getMessage()
            .replaceFirst("^record [0-9]+ of the batch \\(id '([^']*)'\\): ", "record '$1': ");
        throw lineProblem(line, "$", "line " + line + ": " + why);
      }
      throw e;
    }
    metrics.ingested(r.total());
    ObjectNode o = F.objectNode();
    o.put("source", sourceId);
    o.put("records", r.total());
    o.put("inserted", r.inserted());
    o.put("replaced", r.replaced());
    ok(ctx, 200, o);
  }

  /** {@code POST /v1/requests}: decided, minimised, logged -> 201 with the outcome and its receipt. */
  void submit(Context ctx, Caller caller) {
    String raw = Bodies.json(ctx, options.maxJsonBytes());
    RequestBody body;
    try {
      body = json.read(raw, RequestBody.class, BODY);
    } catch (InvalidInputException e) {
      metrics.rejected(e.code().slug());
      gateway.recordRejection(caller, raw, e.code(), e.getMessage());
      throw e;
    }
    RequestOutcome o;
    try {
      o = gateway.submit(caller, body, raw);
    } catch (FirebreakException e) {
      if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.INVALID_INPUT) {
        metrics.rejected(e.code().slug());
      }
      throw e;
    }
    if (o.decision().isPresent()) {
      metrics.decided(o.decision().get().decision());
    }
    ctx.header("Location", "/v1/requests/" + o.id());
    ok(ctx, 201, views.outcome(o));
  }

  /** {@code GET /v1/requests/{id}}: the requester sees their released data; auditors and admins the rest. */
  void getRequest(Context ctx, Caller caller) {
    ok(ctx, 200, views.outcome(gateway.get(caller, ctx.pathParam("id"))));
  }

  /** {@code GET /v1/reviews[?limit=N]}: requests held for review, oldest first. */
  void pending(Context ctx, Caller caller) {
    int limit = limit(ctx.queryParam("limit"));
    ArrayNode items = F.arrayNode();
    for (StoredRequest r : gateway.pending(caller, limit)) {
      items.add(views.pending(r));
    }
    ObjectNode o = F.objectNode();
    o.set("requests", items);
    ok(ctx, 200, o);
  }

  /** {@code POST /v1/requests/{id}/review} {@code {decision: PERMIT|DENY, note}} -> 200 with the outcome. */
  void review(Context ctx, Caller caller) {
    Dto.ReviewBody body = json.read(Bodies.json(ctx, options.maxJsonBytes()), Dto.ReviewBody.class, BODY);
    RequestOutcome o = gateway.review(caller, ctx.pathParam("id"), body.decision(), body.note());
    metrics.reviewed(body.decision(), o.status());
    ok(ctx, 200, views.outcome(o));
  }

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;

  private static int limit(String param) {
    if (param == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(param);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new InvalidInputException("query", "limit", "must be a whole number from 1 to " + MAX_LIMIT, null);
  }

  private ObjectNode source(Source s) {
    ObjectNode o = F.objectNode();
    o.put("id", s.id());
    o.put("kind", s.kind().name());
    o.put("jurisdiction", s.jurisdiction().code());
    o.put("agency", s.agencyId());
    ObjectNode fields = o.putObject("fields");
    s.fields().forEach((k, v) -> fields.put(k, v.wire()));
    ArrayNode searchable = o.putArray("searchable");
    s.searchable().forEach(searchable::add);
    return o;
  }

  private static ApiProblem lineProblem(int line, String path, String detail) {
    Map<String, Object> members = new java.util.LinkedHashMap<>();
    members.put("line", line);
    members.put("path", path);
    return new ApiProblem(400, ErrorCode.INVALID_INPUT.typeUri(), Problems.title(ErrorCode.INVALID_INPUT), detail,
        members, Map.of());
  }

  private static void created(Context ctx, com.fasterxml.jackson.databind.JsonNode body) {
    ok(ctx, 201, body);
  }

  static void ok(Context ctx, int status, com.fasterxml.jackson.databind.JsonNode body) {
    ctx.status(status);
    ctx.header("Cache-Control", "no-store");
    ctx.contentType(JSON_UTF8);
    byte[] bytes;
    try {
      // Straight to UTF-8 bytes: a String first would be encoded once more on the way out.
      bytes = BODY_WRITER.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always prints", e);
    }
    // Written to the response's stream (Javalin's, which compresses when the client asks), not set as the result:
    // Javalin copies a result through a new 32 KB buffer per response, most of what answering a request allocated.
    try {
      ctx.outputStream().write(bytes);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write the response", e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectWriter BODY_WRITER =
      new com.fasterxml.jackson.databind.ObjectMapper(org.firebreak.core.json.StrictJson.pooledBuffers()).writer();
}
