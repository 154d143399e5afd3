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
import java.util.OptionalLong;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Component;
import org.firebreak.core.vocab.Decision;
import org.firebreak.core.vocab.Effect;
import org.firebreak.core.vocab.LegalProcessType;
import org.firebreak.core.vocab.Purpose;
import org.firebreak.core.vocab.SourceKind;
import org.firebreak.core.vocab.TaskForce;

/**
 * One public ledger entry, read back from the exact JSON the gateway writes ({@code gateway/PublicEntry}, versions 1
 * and 2). Only the fields the report counts are kept. An entry of a type this version does not know is kept as
 * {@link Other} (counted, never guessed at); a known type with a missing or unknown value is an error naming the
 * entry's index and the JSON path.
 *
 * <p>Version 1 (logs written before issue 7) lacks what version 2 added; what it lacks is read as absent, never
 * guessed: a rule's effect and citation are empty (the report takes them from the rule packs, {@link RuleCatalog}), a
 * source's released records are known only when at most one source of the request released categories (then that
 * source released them all), and a review's sources are empty (the report derives them from the referred request).
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

  /**
   * A rule a source decision names: {@code pack/id}, and (version 2) its effect and the law it applies, from the rule
   * pack.
   */
  record RuleRef(String id, Optional<Effect> effect, Optional<String> citation) {
    public RuleRef {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(effect, "effect");
      Objects.requireNonNull(citation, "citation");
    }
  }

  /**
   * What one source decided for one request.
   *
   * @param source the source's registry id (public: it names a data set, not a person)
   * @param releasedRecords records this source released; empty in a version-1 entry when it cannot be told
   */
  record SourceOutcome(String source, SourceKind kind, Decision decision, List<Category> released,
      List<Category> withheld, List<Category> referred, List<RuleRef> rules, OptionalLong releasedRecords) {
    public SourceOutcome {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(decision, "decision");
      released = List.copyOf(released);
      withheld = List.copyOf(withheld);
      referred = List.copyOf(referred);
      rules = List.copyOf(rules);
      Objects.requireNonNull(releasedRecords, "releasedRecords");
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

  /**
   * What a review did with one source of the referred request: released what was referred (PERMIT) or kept it
   * withheld (DENY).
   *
   * @param releasedRecords empty when a version-1 review cannot tell (more than one source had something referred)
   */
  record ReviewedSource(String source, SourceKind kind, List<Category> released, List<Category> withheld,
      OptionalLong releasedRecords) {
    public ReviewedSource {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(kind, "kind");
      released = List.copyOf(released);
      withheld = List.copyOf(withheld);
      Objects.requireNonNull(releasedRecords, "releasedRecords");
    }
  }

  /**
   * An auditor's decision on a referred request.
   *
   * @param sources per source that had something referred (version 2); empty for a version-1 entry
   */
  record ReviewEntry(long index, LocalDate day, long requestIndex, Decision decision, long releasedRecords,
      Optional<List<ReviewedSource>> sources) implements LogEntry {
    public ReviewEntry {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(decision, "decision");
      sources = sources.map(List::copyOf);
    }
  }

  /**
   * A flag raised by detection on a decided request (version 2): the detector, its severity, the ledger index of the
   * flagged decision, of the evidence, and the laws it concerns.
   */
  record FlagEntry(long index, LocalDate day, String detector, String severity, long requestIndex,
      List<Long> evidence, List<String> citations) implements LogEntry {
    public FlagEntry {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(detector, "detector");
      Objects.requireNonNull(severity, "severity");
      evidence = List.copyOf(evidence);
      citations = List.copyOf(citations);
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

  /** The newest version of the public entry format this report reads; it reads every version from 1 on. */
  int VERSION = 2;

  /** Parses the bytes of entry {@code index}. */
  static LogEntry parse(long index, byte[] bytes) {
    return new Parser(index).parse(bytes);
  }

  /** Reads one entry, naming the entry and the JSON path of anything wrong. */
  final class Parser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final long index;
    private final String origin;
    private long version;

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
      if (v < 1 || v > VERSION) {
        throw bad("$.v", "entry format version " + v + " (this report reads 1 to " + VERSION + ")");
      }
      this.version = v;
      String type = text(o, "$", "type");
      LocalDate day = day(o);
      return switch (type) {
        case "decision" -> decision(o, day);
        case "review" -> review(o, day);
        case "rejected" -> new RejectedEntry(index, day, agency(o, "$", "requester"), text(o, "$", "reason"));
        case "packs" -> packs(o, day);
        case "flag" -> flag(o, day);
        default -> new Other(index, day, type);
      };
    }

    private ReviewEntry review(JsonNode o, LocalDate day) {
      Decision decision = value(o, "$", "decision", Decision.class);
      if (decision == Decision.REFER) {
        throw bad("$.decision", "a review decides PERMIT or DENY");
      }
      Optional<List<ReviewedSource>> sources = version == 1 ? Optional.empty()
          : Optional.of(list(o, "$", "sources", (p, s) -> {
            if (!s.isObject()) {
              throw bad(p, "not an object");
            }
            return new ReviewedSource(text(s, p, "source"), value(s, p, "kind", SourceKind.class),
                list(s, p, "released", this::category), list(s, p, "withheld", this::category),
                OptionalLong.of(integer(s, p, "releasedRecords")));
          }));
      long records = integer(o, "$", "releasedRecords");
      if (sources.isPresent()
          && sources.get().stream().mapToLong(s -> s.releasedRecords().orElseThrow()).sum() != records) {
        throw bad("$.releasedRecords", "is not the sum of the sources' releasedRecords");
      }
      return new ReviewEntry(index, day, integer(o, "$", "requestIndex"), decision, records, sources);
    }

    private FlagEntry flag(JsonNode o, LocalDate day) {
      String detector = text(o, "$", "detector");
      if (!detector.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
        throw bad("$.detector", "not a detector id (lower-case words joined by '-'): '" + detector + "'");
      }
      String severity = text(o, "$", "severity");
      if (!severity.matches("[A-Z]{1,16}")) {
        throw bad("$.severity", "not a severity (an upper-case word): '" + severity + "'");
      }
      long request = integer(o, "$", "requestIndex");
      List<Long> evidence = list(o, "$", "evidence", (p, n) -> {
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
          throw bad(p, "not a ledger index");
        }
        return n.asLong();
      });
      if (evidence.isEmpty() || evidence.get(0) != request) {
        throw bad("$.evidence", "must start with the flagged request's index " + request);
      }
      return new FlagEntry(index, day, detector, severity, request, evidence, list(o, "$", "citations", this::string));
    }

    private DecisionEntry decision(JsonNode o, LocalDate day) {
      Optional<AgencyView> behalf = o.has("onBehalfOf") ? Optional.of(agency(o, "$", "onBehalfOf"))
          : Optional.empty();
      List<TaskForce> taskForces = list(o, "$", "taskForces", (p, n) -> taskForce(p, n));
      List<Purpose> effective = list(o, "$", "effectivePurposes", (p, n) -> enumValue(p, n, Purpose.class));
      List<SourceOutcome> sources = list(o, "$", "sources", this::source);
      List<String> packs = list(o, "$", "packs", this::string);
      long records = integer(o, "$", "releasedRecords");
      if (version == 1) {
        sources = withVersion1Records(sources, records);
      } else if (sources.stream().mapToLong(s -> s.releasedRecords().orElseThrow()).sum() != records) {
        throw bad("$.releasedRecords", "is not the sum of the sources' releasedRecords");
      }
      return new DecisionEntry(index, day, agency(o, "$", "requester"), behalf, taskForces,
          value(o, "$", "purpose", Purpose.class), effective, value(o, "$", "legalProcess", LegalProcessType.class),
          sources, value(o, "$", "decision", Decision.class), records, packs);
    }

    /**
     * A version-1 decision counts records only per request. Records are released only from sources that released
     * categories, so when at most one did, it released them all (and when none were released, each released none);
     * otherwise no source's count is known.
     */
    private static List<SourceOutcome> withVersion1Records(List<SourceOutcome> sources, long records) {
      long releasing = sources.stream().filter(s -> !s.released().isEmpty()).count();
      return sources.stream().map(s -> new SourceOutcome(s.source(), s.kind(), s.decision(), s.released(),
          s.withheld(), s.referred(), s.rules(), releasing > 1 && records > 0 ? OptionalLong.empty()
              : OptionalLong.of(s.released().isEmpty() ? 0 : records))).toList();
    }

    private SourceOutcome source(String path, JsonNode s) {
      if (!s.isObject()) {
        throw bad(path, "not an object");
      }
      List<RuleRef> rules = version == 1
          ? list(s, path, "rules", (p, n) -> new RuleRef(string(p, n), Optional.empty(), Optional.empty()))
          : list(s, path, "rules", this::rule);
      return new SourceOutcome(text(s, path, "source"), value(s, path, "kind", SourceKind.class),
          value(s, path, "decision", Decision.class), list(s, path, "released", this::category),
          list(s, path, "withheld", this::category), list(s, path, "referred", this::category), rules,
          version == 1 ? OptionalLong.empty() : OptionalLong.of(integer(s, path, "releasedRecords")));
    }

    private RuleRef rule(String path, JsonNode r) {
      if (!r.isObject()) {
        throw bad(path, "not an object");
      }
      String wire = text(r, path, "effect");
      Effect effect = Arrays.stream(Effect.values()).filter(e -> e.wire().equals(wire)).findFirst()
          .orElseThrow(() -> bad(path + ".effect", "unknown effect '" + wire + "'"));
      return new RuleRef(text(r, path, "rule"), Optional.of(effect), Optional.of(text(r, path, "citation")));
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
