package org.firebreak.policy.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.error.InvalidPackException;
import org.firebreak.core.error.UnreadableFileException;
import org.firebreak.core.json.StrictJson;
import org.firebreak.core.model.PackRef;
import org.firebreak.policy.cel.Condition;
import org.firebreak.policy.cel.ConditionException;
import org.firebreak.policy.cel.RuleLanguage;
import org.firebreak.policy.pack.PackSpec.RuleSpec;

/**
 * Reads a rule pack file, validates it (PACKS.md § 2) and compiles its conditions. Every refusal is an
 * {@link InvalidPackException} naming the file, the line and the reason.
 */
public final class PackLoader {
  private final RuleLanguage language;
  private final StrictJson json;
  private final YAMLMapper yaml;

  public PackLoader(RuleLanguage language, StrictJson json) {
    this.language = language;
    this.json = json;
    this.yaml = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();
  }

  /** Loads a pack file from disk. */
  public Pack load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UnreadableFileException(file.toString(), e);
    }
    return load(file.toString(), bytes);
  }

  /** Loads a pack from its bytes; {@code file} names it in errors. Rule ordinals are set by {@link PackSet#of}. */
  public Pack load(String file, byte[] bytes) {
    String text = utf8(file, bytes);
    SourceMap map = SourceMap.of(text);
    JsonNode tree = parseYaml(file, text);
    PackSpec spec;
    try {
      spec = json.bind(tree, PackSpec.class, file);
    } catch (InvalidInputException e) {
      throw new InvalidPackException(file, map.lineOf(e.path()), e.path() + ": " + e.reason(), e);
    }
    PackRef ref = new PackRef(spec.id(), spec.version(), "sha256:" + sha256(bytes));
    Set<String> certifications = Set.copyOf(spec.certifications());
    Set<String> ids = new HashSet<>();
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < spec.rules().size(); i++) {
      RuleSpec r = spec.rules().get(i);
      String path = "$.rules[" + i + "]";
      if (!ids.add(r.id())) {
        throw new InvalidPackException(file, map.lineOf(path + ".id"), "duplicate rule id '" + r.id() + "'");
      }
      Optional<Condition> scope = compile(file, map, path + ".scope", r.scope(), RuleLanguage.Context.SOURCE,
          certifications);
      Optional<Condition> when = compile(file, map, path + ".when", r.when(), RuleLanguage.Context.REQUEST,
          certifications);
      rules.add(new Rule(i, spec.id(), r.id(), r.citation(), r.summary(), r.confidence(),
          r.effective(), r.expires(), Set.copyOf(r.kinds()), scope, when, r.effect(), Set.copyOf(r.categories()),
          r.obligations(), r.message().orElse(r.summary()), map.lineOf(path)));
    }
    Set<String> testNames = new HashSet<>();
    for (int i = 0; i < spec.tests().size(); i++) {
      if (!testNames.add(spec.tests().get(i).name())) {
        throw new InvalidPackException(file, map.lineOf("$.tests[" + i + "].name"),
            "duplicate test name '" + spec.tests().get(i).name() + "'");
      }
    }
    return new Pack(file, ref, spec.title(), spec.jurisdiction(), spec.sourcesOfLaw(), rules, spec.tests(),
        spec.fixtures(), map);
  }

  /** Parses YAML text as a tree, refusing duplicate keys; errors name the file and line. */
  public JsonNode parseYaml(String file, String text) {
    try {
      JsonNode tree = yaml.readTree(text);
      if (tree == null || tree.isMissingNode() || !tree.isObject()) {
        throw new InvalidPackException(file, 1, "expected a YAML mapping (id, title, version, ...)");
      }
      return tree;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InvalidPackException(file, line, "YAML does not parse: " + firstLine(e.getOriginalMessage()), e);
    }
  }

  private Optional<Condition> compile(String file, SourceMap map, String path, Optional<String> text,
      RuleLanguage.Context context, Set<String> certifications) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(language.compile(text.get(), context, certifications));
    } catch (ConditionException e) {
      throw new InvalidPackException(file, map.lineInScalar(path, e.line()),
          path.substring(path.lastIndexOf('.') + 1) + ": " + e.getMessage(), e);
    }
  }

  private static String utf8(String file, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidPackException(file, 0, "is not UTF-8 text", e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
