package org.firebreak.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Component;
import org.firebreak.core.vocab.Decision;
import org.firebreak.core.vocab.LegalProcessType;
import org.firebreak.core.vocab.Purpose;
import org.firebreak.core.vocab.SourceKind;
import org.firebreak.core.vocab.TaskForce;

/**
 * One public ledger entry, read back from the exact JSON the gateway writes ({@code gateway/PublicEntry}, version 1).
 * Only the fields the report counts are kept. An entry of a type this version does not know is kept as
 * {@link Other} (counted, never guessed at); a known type with a missing or unknown value is an error naming the
 * entry's index and the JSON path.
 */
public sealed interface LogEntry {
  /** The entry's index in the log. */
  long index();

  /** The UTC day the gateway recorded. */
  LocalDate day();

  /** The requesting (or relayed-for) agency as the public entry shows it. */
  record AgencyView(AgencyLevel level, Component component) {
    public AgencyView {
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(component, "component");
    }
  }

  /** What one source decided for one request. */
  record SourceOutcome(SourceKind kind, Decision decision, List<Category> released, List<Category> withheld,
      List<Category> referred, List<String> rules) {
    public SourceOutcome {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(decision, "decision");
      released = List.copyOf(released);
      withheld = List.copyOf(withheld);
      referred = List.copyOf(referred);
      rules = List.copyOf(rules);
    }
  }

  /** A decided request. */
  record DecisionEntry(long index, LocalDate day, AgencyView requester, Optional<AgencyView> onBehalfOf,
      List<TaskForce> taskForces, Purpose purpose, List<Purpose> effectivePurposes, LegalProcessType legalProcess,
      List<SourceOutcome> sources, Decision decision, long releasedRecords, List<String> packs)
      implements LogEntry {
    public DecisionEntry {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(requester, "requester");
      Objects.requireNonNull(onBehalfOf, "onBehalfOf");
      taskForces = List.copyOf(taskForces);
      Objects.requireNonNull(purpose, "purpose");
      effectivePurposes = List.copyOf(effectivePurposes);
      Objects.requireNonNull(legalProcess, "legalProcess");
      sources = List.copyOf(sources);
      Objects.requireNonNull(decision, "decision");
      packs = List.copyOf(packs);
      if (releasedRecords < 0) {
        throw new IllegalArgumentException("releasedRecords must not be negative");
      }
    }

    public Mission mission() {
      return Mission.of(effectivePurposes);
    }
  }

  /** An auditor's decision on a referred request. */
  record ReviewEntry(long index, LocalDate day, long requestIndex, Decision decision, long releasedRecords)
      implements LogEntry {
    public ReviewEntry {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(decision, "decision");
    }
  }

  /** A request refused before it could be decided. */
  record RejectedEntry(long index, LocalDate day, AgencyView requester, String reason) implements LogEntry {
    public RejectedEntry {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(requester, "requester");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A rule pack in force, as announced. */
  record PackRef(String id, String version, String digest) {
    public PackRef {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(digest, "digest");
    }
  }

  /** The rule packs now in force. */
  record PacksEntry(long index, LocalDate day, List<PackRef> packs) implements LogEntry {
    public PacksEntry {
      Objects.requireNonNull(day, "day");
      packs = List.copyOf(packs);
    }
  }

  /** An entry of a type this report does not know (a later version of the gateway may add some). */
  record Other(long index, LocalDate day, String type) implements LogEntry {
    public Other {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(type, "type");
    }
  }

  /** Supported version of the public entry format. */
  int VERSION = 1;

  /** Parses the bytes of entry {@code index}. */
  static LogEntry parse(long index, byte[] bytes) {
    return new Parser(index).parse(bytes);
  }

  /** Reads one entry, naming the entry and the JSON path of anything wrong. */
  final class Parser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final long index;
    private final String origin;

    Parser(long index) {
      this.index = index;
      this.origin = "ledger entry " + index;
    }

    LogEntry parse(byte[] bytes) {
      JsonNode o;
      try {
        o = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new InvalidInputException(origin, "$", "not JSON", e);
      }
      if (o == null || !o.isObject()) {
        throw bad("$", "not a JSON object");
      }
      long v = integer(o, "$", "v");
      if (v != VERSION) {
        throw bad("$.v", "entry format version " + v + " (this report reads "
            + VERSION + ")");
      }
      String type = text(o, "$", "type");
      LocalDate day = day(o);
      return switch (type) {
        case "decision" -> decision(o, day);
        case "review" -> new ReviewEntry(index, day, integer(o, "$", "requestIndex"),
            value(o, "$", "decision", Decision.class), integer(o, "$", "releasedRecords"));
        case "rejected" -> new RejectedEntry(index, day, agency(o, "$", "requester"), text(o, "$", "reason"));
        case "packs" -> packs(o, day);
        default -> new Other(index, day, type);
      };
    }

    private DecisionEntry decision(JsonNode o, LocalDate day) {
      Optional<AgencyView> behalf = o.has("onBehalfOf") ? Optional.of(agency(o, "$", "onBehalfOf"))
          : Optional.empty();
      List<TaskForce> taskForces = list(o, "$", "taskForces", (p, n) -> taskForce(p, n));
      List<Purpose> effective = list(o, "$", "effectivePurposes", (p, n) -> enumValue(p, n, Purpose.class));
      List<SourceOutcome> sources = list(o, "$", "sources", this::source);
      List<String> packs = list(o, "$", "packs", this::string);
      return new DecisionEntry(index, day, agency(o, "$", "requester"), behalf, taskForces,
          value(o, "$", "purpose", Purpose.class), effective, value(o, "$", "legalProcess", LegalProcessType.class),
          sources, value(o, "$", "decision", Decision.class), integer(o, "$", "releasedRecords"), packs);
    }

    private SourceOutcome source(String path, JsonNode s) {
      if (!s.isObject()) {
        throw bad(path, "not an object");
      }
      return new SourceOutcome(value(s, path, "kind", SourceKind.class), value(s, path, "decision", Decision.class),
          list(s, path, "released", this::category), list(s, path, "withheld", this::category),
          list(s, path, "referred", this::category), list(s, path, "rules", this::string));
    }

    private PacksEntry packs(JsonNode o, LocalDate day) {
      return new PacksEntry(index, day, list(o, "$", "packs", (p, n) -> {
        if (!n.isObject()) {
          throw bad(p, "not an object");
        }
        return new PackRef(text(n, p, "id"), text(n, p, "version"), text(n, p, "digest"));
      }));
    }

    private AgencyView agency(JsonNode o, String path, String field) {
      JsonNode a = o.get(field);
      String p = path + "." + field;
      if (a == null || !a.isObject()) {
        throw bad(p, "missing or not an object");
      }
      return new AgencyView(value(a, p, "level", AgencyLevel.class), value(a, p, "component", Component.class));
    }

    private LocalDate day(JsonNode o) {
      String d = text(o, "$", "day");
      try {
        return LocalDate.parse(d);
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(origin, "$.day", "not a day (YYYY-MM-DD): '" + d + "'", e);
      }
    }

    private String text(JsonNode o, String path, String field) {
      JsonNode n = o.get(field);
      if (n == null || !n.isTextual()) {
        throw bad(path + "." + field, "missing or not a string");
      }
      return n.asText();
    }

    private long integer(JsonNode o, String path, String field) {
      JsonNode n = o.get(field);
      if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
        throw bad(path + "." + field, "missing or not a non-negative integer");
      }
      return n.asLong();
    }

    private <E extends Enum<E>> E value(JsonNode o, String path, String field, Class<E> type) {
      JsonNode n = o.get(field);
      String p = path + "." + field;
      if (n == null) {
        throw bad(p, "missing");
      }
      return enumValue(p, n, type);
    }

    private <E extends Enum<E>> E enumValue(String path, JsonNode n, Class<E> type) {
      String s = n.isTextual() ? n.asText() : "";
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(s)) {
          return e;
        }
      }
      throw bad(path, "unknown value '" + n.asText() + "' (allowed: "
          + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()) + ")");
    }

    private Category category(String path, JsonNode n) {
      return Category.fromWire(n.isTextual() ? n.asText() : null).orElseThrow(() ->
          bad(path, "unknown category '" + n.asText() + "'"));
    }

    private TaskForce taskForce(String path, JsonNode n) {
      for (TaskForce t : TaskForce.values()) {
        if (t.wire().equals(n.asText())) {
          return t;
        }
      }
      throw bad(path, "unknown task force '" + n.asText() + "'");
    }

    private String string(String path, JsonNode n) {
      if (!n.isTextual()) {
        throw bad(path, "not a string");
      }
      return n.asText();
    }

    private interface Item<T> {
      T read(String path, JsonNode node);
    }

    private <T> List<T> list(JsonNode o, String path, String field, Item<T> item) {
      JsonNode a = o.get(field);
      String p = path + "." + field;
      if (a == null || !a.isArray()) {
        throw bad(p, "missing or not an array");
      }
      List<T> out = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        out.add(item.read(p + "[" + i + "]", a.get(i)));
      }
      return out;
    }

    private InvalidInputException bad(String path, String reason) {
      return new InvalidInputException(origin, path, reason, null);
    }
  }
}
