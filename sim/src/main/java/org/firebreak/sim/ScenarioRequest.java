package org.firebreak.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.LegalProcess;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Purpose;

/**
 * One request of the month: who sends it and when, what it says (the body of {@code POST /v1/requests}), the story
 * behind it and its ground-truth label.
 */
public record ScenarioRequest(int seq, Instant at, String memberId, Story story, Purpose purpose,
    Optional<String> justification, Optional<String> caseNumber, Optional<LegalProcess> legalProcess,
    Optional<Agency> onBehalfOf, List<String> sources, Map<String, String> query, List<Category> categories,
    Label label) {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  public ScenarioRequest {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(memberId, "memberId");
    Objects.requireNonNull(story, "story");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(justification, "justification");
    Objects.requireNonNull(caseNumber, "caseNumber");
    Objects.requireNonNull(legalProcess, "legalProcess");
    Objects.requireNonNull(onBehalfOf, "onBehalfOf");
    Objects.requireNonNull(label, "label");
    sources = List.copyOf(sources);
    query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    categories = List.copyOf(categories);
    if (sources.isEmpty() || query.isEmpty()) {
      throw new IllegalArgumentException("request " + seq + ": names no source or no query");
    }
  }

  /** The JSON body the requester posts. */
  public ObjectNode body() {
    ObjectNode o = F.objectNode();
    o.put("purpose", purpose.name());
    justification.ifPresent(j -> o.put("justification", j));
    caseNumber.ifPresent(c -> o.put("caseNumber", c));
    legalProcess.ifPresent(lp -> {
      ObjectNode p = o.putObject("legalProcess");
      p.put("type", lp.type().name());
      lp.issuer().ifPresent(i -> p.put("issuer", i.name()));
      lp.reference().ifPresent(r -> p.put("reference", r));
    });
    onBehalfOf.ifPresent(a -> {
      ObjectNode b = o.putObject("onBehalfOf");
      b.put("id", a.id());
      b.put("name", a.name());
      b.put("level", a.level().name());
      b.put("component", a.component().name());
      b.put("jurisdiction", a.jurisdiction().code());
    });
    sources.forEach(o.putArray("sources")::add);
    ObjectNode q = o.putObject("query");
    query.forEach(q::put);
    if (!categories.isEmpty()) {
      var a = o.putArray("categories");
      categories.forEach(c -> a.add(c.wire()));
    }
    return o;
  }
}
