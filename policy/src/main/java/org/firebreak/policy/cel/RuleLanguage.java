package org.firebreak.policy.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Component;
import org.firebreak.core.vocab.Decision;
import org.firebreak.core.vocab.Issuer;
import org.firebreak.core.vocab.LegalProcessType;
import org.firebreak.core.vocab.ObligationType;
import org.firebreak.core.vocab.Purpose;
import org.firebreak.core.vocab.SourceKind;
import org.firebreak.core.vocab.TaskForce;

/**
 * The condition language of rule packs (PACKS.md § 4): two CEL environments, one for {@code when} (the request)
 * and one for {@code scope} (the source), sharing one runtime with the helper functions. Compile once when a pack
 * loads; evaluate cheaply per request. Immutable and thread-safe.
 */
public final class RuleLanguage {

  /** Which variables a condition sees. */
  public enum Context { REQUEST, SOURCE }

  private static final CelType STRING_LIST = ListType.create(SimpleType.STRING);

  /** The variables of {@code when} conditions and their CEL types (PACKS.md § 4). */
  public static final Map<String, CelType> REQUEST_VARIABLES = orderedMap(
      "requester.id", SimpleType.STRING,
      "requester.agency.id", SimpleType.STRING,
      "requester.agency.level", SimpleType.STRING,
      "requester.agency.component", SimpleType.STRING,
      "requester.agency.jurisdiction", SimpleType.STRING,
      "requester.taskForces", STRING_LIST,
      "requester.certifications", STRING_LIST,
      "onBehalfOf.present", SimpleType.BOOL,
      "onBehalfOf.id", SimpleType.STRING,
      "onBehalfOf.level", SimpleType.STRING,
      "onBehalfOf.component", SimpleType.STRING,
      "onBehalfOf.jurisdiction", SimpleType.STRING,
      "recipients.components", STRING_LIST,
      "recipients.levels", STRING_LIST,
      "recipients.jurisdictions", STRING_LIST,
      "purpose", SimpleType.STRING,
      "purposes", STRING_LIST,
      "justification", SimpleType.STRING,
      "caseNumber", SimpleType.STRING,
      "legalProcess.type", SimpleType.STRING,
      "legalProcess.issuer", SimpleType.STRING,
      "legalProcess.reference", SimpleType.STRING);

  /** The variables of {@code scope} conditions. */
  public static final Map<String, CelType> SOURCE_VARIABLES = orderedMap(
      "source.id", SimpleType.STRING,
      "source.kind", SimpleType.STRING,
      "source.jurisdiction", SimpleType.STRING,
      "source.categories", STRING_LIST);

  // Every string a condition may compare against: the vocabulary of DESIGN.md.
  private static final Set<String> VOCABULARY = vocabulary();

  private final CelCompiler requestCompiler;
  private final CelCompiler sourceCompiler;
  private final CelRuntime runtime;

  public RuleLanguage() {
    this.requestCompiler = compiler(REQUEST_VARIABLES);
    this.sourceCompiler = compiler(SOURCE_VARIABLES);
    this.runtime = CelRuntimeFactory.plannerRuntimeBuilder()
        .addFunctionBindings(
            CelFunctionBinding.from("within_string_string", String.class, String.class, Jurisdiction::within),
            stringPredicate("isImmigrationAuthority_string", s -> parse(Component.class, s)
                .map(Component::isImmigrationAuthority).orElse(false)),
            stringPredicate("isLawEnforcement_string", s -> parse(Component.class, s)
                .map(Component::isLawEnforcement).orElse(false)),
            stringPredicate("isJudicial_string", s -> parse(LegalProcessType.class, s)
                .map(LegalProcessType::isJudicial).orElse(false)),
            stringPredicate("isImmigrationPurpose_string", s -> parse(Purpose.class, s)
                .map(Purpose::isImmigration).orElse(false)),
            stringPredicate("isCriminalPurpose_string", s -> parse(Purpose.class, s)
                .map(Purpose::isCriminal).orElse(false)))
        .build();
  }

  /**
   * Compiles and type-checks a condition. {@code certifications} are the extra literals the pack declares.
   *
   * @throws ConditionException when it does not parse, type-check, return bool, or compares against a string that
   *     is not a vocabulary value, a jurisdiction code or a declared certification
   */
  public Condition compile(String text, Context context, Set<String> certifications) throws ConditionException {
    CelCompiler compiler = context == Context.REQUEST ? requestCompiler : sourceCompiler;
    CelAbstractSyntaxTree ast;
    try {
      ast = compiler.compile(text).getAst();
    } catch (CelValidationException e) {
      CelIssue first = e.getErrors().get(0);
      String hint = first.getMessage().contains("undeclared reference")
          ? (context == Context.REQUEST
              ? " (a 'when' sees the request variables of PACKS.md § 4; the source belongs in 'scope')"
              : " (a 'scope' sees only source.id, source.kind, source.jurisdiction, source.categories)")
          : "";
      throw new ConditionException(first.getSourceLocation().getLine(), first.getMessage() + hint);
    }
    if (!ast.getResultType().equals(SimpleType.BOOL)) {
      throw new ConditionException(1, "a condition must be a bool, not " + ast.getResultType().name());
    }
    checkLiterals(ast, certifications);
    try {
      return new Condition(text, runtime.createProgram(ast));
    } catch (CelEvaluationException e) {
      throw new ConditionException(1, e.getMessage());
    }
  }

  private static void checkLiterals(CelAbstractSyntaxTree ast, Set<String> certifications) throws ConditionException {
    List<CelNavigableExpr> strings = CelNavigableAst.fromAst(ast).getRoot().allNodes()
        .filter(n -> n.expr().getKind() == CelExpr.ExprKind.Kind.CONSTANT)
        .filter(n -> n.expr().constant().getKind() == CelConstant.Kind.STRING_VALUE)
        .toList();
    for (CelNavigableExpr n : strings) {
      String value = n.expr().constant().stringValue();
      if (!VOCABULARY.contains(value) && !Jurisdiction.isValid(value) && !certifications.contains(value)) {
        int line = Optional.ofNullable(ast.getSource().getPositionsMap().get(n.expr().id()))
            .flatMap(offset -> ast.getSource().getOffsetLocation(offset))
            .map(l -> l.getLine()).orElse(1);
        throw new ConditionException(line, "'" + value + "' is not a vocabulary value, a jurisdiction code or a"
            + " certification this pack declares");
      }
    }
  }

  private static CelCompiler compiler(Map<String, CelType> variables) {
    CelCompilerBuilder b = CelCompilerFactory.standardCelCompilerBuilder()
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .setResultType(SimpleType.BOOL);
    variables.forEach(b::addVar);
    b.addFunctionDeclarations(
        CelFunctionDecl.newFunctionDeclaration("within", CelOverloadDecl.newGlobalOverload(
            "within_string_string", SimpleType.BOOL, SimpleType.STRING, SimpleType.STRING)),
        predicate("isImmigrationAuthority"),
        predicate("isLawEnforcement"),
        predicate("isJudicial"),
        predicate("isImmigrationPurpose"),
        predicate("isCriminalPurpose"));
    return b.build();
  }

  private static CelFunctionDecl predicate(String name) {
    return CelFunctionDecl.newFunctionDeclaration(name,
        CelOverloadDecl.newGlobalOverload(name + "_string", SimpleType.BOOL, SimpleType.STRING));
  }

  private static CelFunctionBinding stringPredicate(String overload, Predicate<String> p) {
    return CelFunctionBinding.from(overload, String.class, p::test);
  }

  private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String name) {
    try {
      return Optional.of(Enum.valueOf(type, name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Set<String> vocabulary() {
    Set<String> words = new HashSet<>();
    Stream.of(AgencyLevel.class, Component.class, Purpose.class, LegalProcessType.class, Issuer.class,
            SourceKind.class, Decision.class, ObligationType.class)
        .flatMap(t -> Arrays.stream(t.getEnumConstants()))
        .forEach(e -> words.add(e.name()));
    Arrays.stream(Category.values()).forEach(c -> words.add(c.wire()));
    Arrays.stream(TaskForce.values()).forEach(t -> words.add(t.wire()));
    return Set.copyOf(words);
  }

  private static Map<String, CelType> orderedMap(Object... kv) {
    Map<String, CelType> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (CelType) kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
