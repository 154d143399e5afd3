package org.firebreak.detect.importer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.firebreak.core.model.Agency;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.LegalProcessType;
import org.firebreak.core.vocab.Component;
import org.firebreak.core.vocab.TaskForce;
import org.firebreak.detect.AuditEvent;
import org.firebreak.detect.Jurisdictions;
import org.firebreak.detect.Location;
import org.firebreak.store.RequestRepository;
import org.firebreak.store.Source;
import org.firebreak.store.Store;
import org.firebreak.store.AuditedRequest;
import org.firebreak.store.User;

/**
 * Firebreak's own audit events: every request its store received, decided or not, as an {@link AuditEvent}. The
 * requester, its agency (name, level, component, jurisdiction) and task forces come from the registry, never from
 * the body; the body gives the reason (justification, and the legal process's reference: "I-200" is words the
 * requester typed), case number, {@code onBehalfOf}, the declared purpose (as the event's offence type) and the
 * query's subject (a plate when the query has one). The custodian is the owner of the first source named; the access
 * is shared when any source named belongs to another agency than the requester's.
 *
 * <p>A body that is not a JSON object (a request rejected as malformed) is a {@link Problem}, and reading goes on.
 * Registry reads are remembered for the run. Not thread-safe; one per read.
 */
public final class FirebreakEvents {
  /** The database file in a data directory of {@code firebreak serve} or {@code firebreak demo}. */
  public static final String DATABASE_FILE = "firebreak.db";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = RequestRepository.MAX_LIMIT;

  private final Store store;
  private final String label;
  private final Map<String, Optional<Agency>> agencies = new HashMap<>();
  private final Map<String, Optional<User>> users = new HashMap<>();
  private final Map<String, Optional<Source>> sources = new HashMap<>();

  /**
   * @param label how to name the store in events and problems (the data directory as the user wrote it)
   */
  public FirebreakEvents(Store store, String label) {
    this.store = Objects.requireNonNull(store, "store");
    this.label = Objects.requireNonNull(label, "label");
  }

  /**
   * Reads the requests received from {@code from} (inclusive) to {@code to} (exclusive), oldest first, page by page.
   *
   * @return how many requests were read (events and problems)
   */
  public long read(Instant from, Instant to, ImportSink sink) {
    Objects.requireNonNull(sink, "sink");
    Optional<AuditedRequest> after = Optional.empty();
    long row = 0;
    while (true) {
      List<AuditedRequest> page = store.requests().received(from, to, after, PAGE);
      for (AuditedRequest r : page) {
        row++;
        accept(r, row, sink);
      }
      if (page.size() < PAGE) {
        return row;
      }
      after = Optional.of(page.getLast());
    }
  }

  /** The event of one stored request (the {@code row}-th read), or a problem when its body is not a JSON object. */
  public void accept(AuditedRequest r, long row, ImportSink sink) {
    JsonNode body;
    try {
      body = JSON.readTree(r.requestJson());
    } catch (JacksonException e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      sink.problem(new Problem(label, row, "request " + r.id() + " (" + r.status() + "): its body is not a JSON"
          + " object" + r.rejection().map(why -> "; rejected: " + why).orElse("")));
      return;
    }
    sink.event(event(r, body, row));
  }

  private AuditEvent event(AuditedRequest r, JsonNode body, long row) {
    Optional<Agency> agency = agency(r.agencyId());
    List<TaskForce> taskForces = user(r.requesterId()).map(User::taskForces).orElse(List.of());
    List<Source> named = new ArrayList<>();
    for (JsonNode id : body.path("sources")) {
      if (id.isTextual()) {
        source(id.asText()).ifPresent(named::add);
      }
    }
    Optional<Source> first = named.stream().findFirst();
    boolean shared = named.stream().anyMatch(s -> !s.agencyId().equals(r.agencyId()));
    // who the request is for: the registry's record of that agency when it has one, else the body's own words
    Optional<Agency> onBehalfOfAgency = text(body.path("onBehalfOf").path("id")).flatMap(this::agency);
    return AuditEvent.builder(r.id(), new Location(label, row, row))
        .time(Optional.of(r.receivedAt()))
        .user(Optional.of(r.requesterId()))
        .organization(Optional.of(agency.map(Agency::name).orElse(r.agencyId())))
        .level(agency.map(Agency::level))
        .component(agency.map(Agency::component))
        .requesterJurisdiction(agency.map(a -> a.jurisdiction().code()))
        .onBehalfOf(onBehalfOf(body.path("onBehalfOf")))
        .onBehalfOfLevel(onBehalfOfAgency.map(Agency::level).or(() -> level(body.path("onBehalfOf"))))
        .onBehalfOfJurisdiction(onBehalfOfAgency.map(a -> a.jurisdiction().code())
            .or(() -> jurisdiction(body.path("onBehalfOf"))))
        .taskForces(taskForces)
        .reason(reason(body))
        .caseNumber(text(body.path("caseNumber")))
        .offenseType(text(body.path("purpose")).map(p -> p.toLowerCase(Locale.ROOT).replace('_', ' ')))
        .subject(subject(body.path("query")))
        .searchType(Optional.of("request " + r.status().name().toLowerCase(Locale.ROOT)
            + r.decision().map(d -> " " + d.name()).orElse("")))
        .sources(named.stream().map(Source::kind).distinct().toList())
        .categories(categories(body.path("categories")))
        .legalProcess(text(body.path("legalProcess").path("type")).flatMap(FirebreakEvents::processType))
        .custodian(first.map(s -> agency(s.agencyId()).map(Agency::name).orElse(s.agencyId())))
        .custodianJurisdiction(first.map(s -> s.jurisdiction().code()))
        .sharedAccess(shared)
        .build();
  }

  /** The justification, with the legal process's reference when there is one ("... (legal process I-200)"). */
  private static String reason(JsonNode body) {
    String justification = text(body.path("justification")).orElse("");
    Optional<String> reference = text(body.path("legalProcess").path("reference"));
    if (reference.isEmpty()) {
      return justification;
    }
    String process = "legal process " + reference.get();
    return justification.isBlank() ? process : justification + " (" + process + ")";
  }

  /**
   * The name of the agency acted for, with its component in words ("ICE ERO San Francisco (ICE ERO)"): the name may
   * not say what the component does.
   */
  private static Optional<String> onBehalfOf(JsonNode node) {
    Optional<String> name = text(node.path("name"));
    Optional<String> component = text(node.path("component"));
    if (name.isEmpty()) {
      return component.map(c -> c.replace('_', ' '));
    }
    if (component.isEmpty() || component.get().equals(Component.OTHER.name())) {
      return name;
    }
    return Optional.of(name.get() + " (" + component.get().replace('_', ' ') + ")");
  }

  /** The categories the body asks for, those the vocabulary knows (none: everything the sources hold). */
  private static List<Category> categories(JsonNode node) {
    List<Category> out = new ArrayList<>();
    for (JsonNode c : node) {
      if (c.isTextual()) {
        Category.fromWire(c.asText()).filter(k -> !out.contains(k)).ifPresent(out::add);
      }
    }
    return out;
  }

  private static Optional<LegalProcessType> processType(String name) {
    for (LegalProcessType t : LegalProcessType.values()) {
      if (t.name().equalsIgnoreCase(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The level the body gives the agency acted for, when it is one of the vocabulary's. */
  private static Optional<AgencyLevel> level(JsonNode onBehalfOf) {
    Optional<String> level = text(onBehalfOf.path("level"));
    for (AgencyLevel l : AgencyLevel.values()) {
      if (level.isPresent() && l.name().equalsIgnoreCase(level.get())) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /** The jurisdiction the body gives the agency acted for, else the one its name says ("Texas DPS"). */
  private static Optional<String> jurisdiction(JsonNode onBehalfOf) {
    return text(onBehalfOf.path("jurisdiction")).or(() -> text(onBehalfOf.path("name"))
        .flatMap(Jurisdictions::ofOrganization));
  }

  /** The query's plate when it has one (the relay detector matches plates), else its first value. */
  private static Optional<String> subject(JsonNode query) {
    Optional<String> firstValue = Optional.empty();
    for (Map.Entry<String, JsonNode> e : query.properties()) {
      Optional<String> v = text(e.getValue());
      if (v.isPresent() && e.getKey().toLowerCase(Locale.ROOT).contains("plate")) {
        return v;
      }
      if (firstValue.isEmpty()) {
        firstValue = v;
      }
    }
    return firstValue;
  }

  private static Optional<String> text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText().strip()) : Optional.empty();
  }

  private Optional<Agency> agency(String id) {
    return agencies.computeIfAbsent(id, k -> store.agencies().get(k));
  }

  private Optional<User> user(String id) {
    return users.computeIfAbsent(id, k -> store.users().get(k));
  }

  private Optional<Source> source(String id) {
    return sources.computeIfAbsent(id, k -> store.sources().get(k));
  }

}
