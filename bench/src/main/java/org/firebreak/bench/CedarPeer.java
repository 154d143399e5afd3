package org.firebreak.bench;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.AuthorizationSuccessResponse;
import com.cedarpolicy.model.Context;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.InternalException;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.CedarMap;
import com.cedarpolicy.value.DateTime;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.DecisionRequest;
import org.firebreak.core.model.SourceRef;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Decision;
import org.firebreak.core.vocab.Purpose;
import org.firebreak.policy.ImmigrationTextClassifier;
import org.firebreak.policy.PurposeInference;

/**
 * The Cedar peer: the shipped packs' rules for the benchmark's sources written in Cedar
 * ({@code shipped-packs.cedar}) and evaluated with cedar-java, deciding a {@link DecisionRequest} the way a Java user
 * who ported Firebreak's rules to Cedar would.
 *
 * <p>The policies are parsed once and handed to the native side once ({@link PolicySet#cache()}), so an
 * authorization call sends only the request and its entities. Per decision: the effective purposes (Firebreak's own
 * {@link PurposeInference}: Cedar has no text classifier, and both sides must decide on the same facts), the
 * principal entity and the context are built once; then one {@code isAuthorized} call per requested category of
 * each source ({@code Action::"read"} on {@code Field::"source/category"}), and one {@code Action::"oblige"} call
 * per source that releases or refers something, to collect the obligations. Cedar denies by default and forbids
 * override permits; a denial whose determining policies are all annotated {@code @effect("refer")} is a referral.
 */
public final class CedarPeer {
  /** What Cedar decided for one source: the same fields as Firebreak's {@code SourceDecision}. */
  public record SourceOutcome(String source, Decision decision, List<Category> released, List<Category> withheld,
      List<Category> referred, Set<String> rules, Set<String> obligations) {}

  /** What Cedar decided for a request. */
  public record Outcome(Decision decision, List<Purpose> effectivePurposes, List<SourceOutcome> sources) {}

  private static final DateTimeFormatter CEDAR_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
  private final PurposeInference inference = new PurposeInference(new ImmigrationTextClassifier());
  private final PolicySet policies;
  private final Set<String> referPolicies = new HashSet<>();
  private final Map<String, List<String>> obligationsOf = new HashMap<>();
  private final EntityTypeName agencyType = type("Agency");
  private final EntityTypeName fieldType = type("Field");
  private final EntityTypeName sourceType = type("Source");
  private final EntityUID read = type("Action").of("read");
  private final EntityUID oblige = type("Action").of("oblige");

  private CedarPeer(PolicySet policies) {
    this.policies = policies;
  }

  /** The peer over {@code shipped-packs.cedar}, parsed and cached on the native side. */
  public static CedarPeer load() {
    try (InputStream in = CedarPeer.class.getResourceAsStream("shipped-packs.cedar")) {
      return load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The peer over Cedar policies, each annotated with {@code @id("pack/rule")}. */
  public static CedarPeer load(String cedarText) {
    try {
      PolicySet parsed = PolicySet.parsePolicies(cedarText);
      Set<Policy> named = new LinkedHashSet<>();
      Map<String, String> effects = new HashMap<>();
      Map<String, List<String>> obligations = new HashMap<>();
      for (Policy p : parsed.policies) {
        Map<String, String> annotations = p.getAnnotations();
        String id = annotations.get("id");
        if (id == null) {
          throw new IllegalArgumentException("a policy has no @id: " + p.policySrc);
        }
        named.add(new Policy(p.policySrc, id));
        effects.put(id, annotations.getOrDefault("effect", ""));
        if (annotations.containsKey("obligation")) {
          obligations.put(id, List.of(annotations.get("obligation").split(",")));
        }
      }
      PolicySet set = new PolicySet(named);
      set.cache();
      CedarPeer peer = new CedarPeer(set);
      effects.forEach((id, effect) -> {
        if (effect.equals("refer")) {
          peer.referPolicies.add(id);
        }
      });
      peer.obligationsOf.putAll(obligations);
      return peer;
    } catch (InternalException | com.cedarpolicy.model.exception.CacheException e) {
      throw new IllegalStateException("Cedar policies do not load: " + e.getMessage(), e);
    }
  }

  public int policyCount() {
    return policies.getNumPolicies();
  }

  /** Decides a request: one read call per requested category, one oblige call per source that releases. */
  public Outcome decide(DecisionRequest request) throws AuthException {
    PurposeInference.Result purposes = inference.infer(request);
    Agency agency = request.requester().agency();
    Entity principal = new Entity(agencyType.of(agency.id()), Map.of(
        "id", str(agency.id()),
        "level", str(agency.level().name()),
        "component", str(agency.component().name()),
        "jurisdiction", str(agency.jurisdiction().code())), Set.of());
    Context context = new Context(context(request, purposes.purposes()));

    List<SourceOutcome> outcomes = new ArrayList<>(request.sources().size());
    boolean anyReleased = false;
    boolean anyReferred = false;
    for (SourceRef source : request.sources()) {
      PrimString sourceId = str(source.id());
      PrimString kind = str(source.kind().name());
      PrimString jurisdiction = str(source.jurisdiction().code());
      List<Category> released = new ArrayList<>();
      List<Category> withheld = new ArrayList<>();
      List<Category> referred = new ArrayList<>();
      Set<String> rules = new LinkedHashSet<>();
      for (Category c : source.categories()) {
        Entity field = new Entity(fieldType.of(source.id() + "/" + c.wire()), Map.of(
            "source", sourceId, "kind", kind, "jurisdiction", jurisdiction, "category", str(c.wire())), Set.of());
        AuthorizationSuccessResponse r = authorize(
            new AuthorizationRequest(principal.getEUID(), read, field.getEUID(), context), Set.of(principal, field));
        Set<String> reasons = r.getReason();
        rules.addAll(reasons);
        if (r.isAllowed()) {
          released.add(c);
        } else if (!reasons.isEmpty() && referPolicies.containsAll(reasons)) {
          referred.add(c);
        } else {
          withheld.add(c);
        }
      }

      Set<String> obligations = new LinkedHashSet<>();
      if (!released.isEmpty() || !referred.isEmpty()) {
        List<Value> mayGo = new ArrayList<>(released.size() + referred.size());
        released.forEach(c -> mayGo.add(str(c.wire())));
        referred.forEach(c -> mayGo.add(str(c.wire())));
        Entity src = new Entity(sourceType.of(source.id()), Map.of(
            "source", sourceId, "kind", kind, "jurisdiction", jurisdiction, "mayGo", new CedarList(mayGo)), Set.of());
        AuthorizationSuccessResponse r = authorize(
            new AuthorizationRequest(principal.getEUID(), oblige, src.getEUID(), context), Set.of(principal, src));
        for (String id : r.getReason()) {
          rules.add(id);
          obligations.addAll(obligationsOf.getOrDefault(id, List.of()));
        }
      }
      Decision d = !released.isEmpty() ? Decision.PERMIT : !referred.isEmpty() ? Decision.REFER : Decision.DENY;
      anyReleased |= !released.isEmpty();
      anyReferred |= !referred.isEmpty();
      outcomes.add(new SourceOutcome(source.id(), d, released, withheld, referred, rules, obligations));
    }
    Decision decision = anyReleased ? Decision.PERMIT : anyReferred ? Decision.REFER : Decision.DENY;
    return new Outcome(decision, purposes.purposes(), outcomes);
  }

  private AuthorizationSuccessResponse authorize(AuthorizationRequest request, Set<Entity> entities)
      throws AuthException {
    AuthorizationResponse response = engine.isAuthorized(request, policies, entities);
    if (response.success.isEmpty()) {
      throw new IllegalStateException("Cedar failed: " + response.errors);
    }
    AuthorizationSuccessResponse success = response.success.get();
    if (!success.getErrors().isEmpty()) {
      // As in Firebreak, a condition that fails to evaluate never becomes a silent decision.
      throw new IllegalStateException("Cedar policy error: " + success.getErrors());
    }
    return success;
  }

  /** The request as Cedar context: the variables of PACKS.md § 4, with the effective purposes precomputed. */
  private static Map<String, Value> context(DecisionRequest r, List<Purpose> effectivePurposes) {
    Agency a = r.requester().agency();
    Optional<Agency> b = r.onBehalfOf();
    List<Value> components = new ArrayList<>(2);
    List<Value> levels = new ArrayList<>(2);
    List<Value> jurisdictions = new ArrayList<>(2);
    components.add(str(a.component().name()));
    levels.add(str(a.level().name()));
    jurisdictions.add(str(a.jurisdiction().code()));
    b.ifPresent(x -> {
      components.add(str(x.component().name()));
      levels.add(str(x.level().name()));
      jurisdictions.add(str(x.jurisdiction().code()));
    });
    List<Value> taskForces = new ArrayList<>();
    r.requester().taskForces().forEach(t -> taskForces.add(str(t.wire())));
    List<Value> certifications = new ArrayList<>();
    r.requester().certifications().forEach(c -> certifications.add(str(c)));
    List<Value> purposes = new ArrayList<>(effectivePurposes.size());
    effectivePurposes.forEach(p -> purposes.add(str(p.name())));

    Map<String, Value> v = new HashMap<>(16);
    v.put("requester", new CedarMap(Map.of(
        "id", str(r.requester().id()),
        "taskForces", new CedarList(taskForces),
        "certifications", new CedarList(certifications))));
    v.put("onBehalfOf", new CedarMap(Map.of(
        "present", new PrimBool(b.isPresent()),
        "id", str(b.map(Agency::id).orElse("")),
        "level", str(b.map(x -> x.level().name()).orElse("")),
        "component", str(b.map(x -> x.component().name()).orElse("")),
        "jurisdiction", str(b.map(x -> x.jurisdiction().code()).orElse("")))));
    v.put("recipients", new CedarMap(Map.of(
        "components", new CedarList(components),
        "levels", new CedarList(levels),
        "jurisdictions", new CedarList(jurisdictions))));
    v.put("purpose", str(r.purpose().name()));
    v.put("purposes", new CedarList(purposes));
    v.put("justification", str(r.justification()));
    v.put("caseNumber", str(r.caseNumber().orElse("")));
    v.put("legalProcess", new CedarMap(Map.of(
        "type", str(r.legalProcess().type().name()),
        "issuer", str(r.legalProcess().issuer().map(Enum::name).orElse("")),
        "reference", str(r.legalProcess().reference().orElse("")))));
    v.put("time", new DateTime(CEDAR_TIME.format(r.time().truncatedTo(ChronoUnit.MILLIS))));
    return v;
  }

  private static PrimString str(String s) {
    return new PrimString(s);
  }

  private static EntityTypeName type(String name) {
    return EntityTypeName.parse(name).orElseThrow();
  }
}
