package org.firebreak.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.firebreak.core.error.FirebreakException;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.error.UnreadableFileException;
import org.firebreak.core.model.DecisionRequest;
import org.firebreak.policy.PackLibrary;
import org.firebreak.policy.PackTable;
import org.firebreak.policy.Policy;
import org.firebreak.policy.PolicyEngine;
import org.firebreak.policy.pack.Pack;
import org.firebreak.policy.pack.PackSet;
import org.firebreak.policy.pack.Rule;
import org.firebreak.policy.testing.Coverage;
import org.firebreak.policy.testing.PackTestRunner;
import org.firebreak.policy.testing.TestOutcome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code firebreak policy ...}: work with rule packs. */
@Command(name = "policy", mixinStandardHelpOptions = true,
    description = "Test, evaluate, lint, list and explain rule packs.")
final class PolicyCommand {
  private final Policy policy;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  PolicyCommand(Policy policy) {
    this.policy = policy;
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @Command(name = "test", mixinStandardHelpOptions = true,
      description = "Run the tests written in rule packs (the shipped packs when no DIR is given). Prints a line per"
          + " failure and ends with 'N passed, N failed'; exits 1 on any failure.")
  int test(
      @Parameters(paramLabel = "DIR", arity = "0..*", description = "pack directories") List<Path> dirs,
      @Option(names = "--verbose", description = "also print a line per passing test") boolean verbose) {
    List<PackLibrary.Loaded> sets = new ArrayList<>();
    if (dirs == null || dirs.isEmpty()) {
      sets.add(policy.library().shipped());
    } else {
      for (Path d : dirs) {
        sets.add(policy.library().directory(d));
      }
    }
    int passed = 0;
    int failed = 0;
    for (PackLibrary.Loaded loaded : sets) {
      PolicyEngine engine = policy.engine(loaded);
      PackTestRunner runner = new PackTestRunner(engine, policy.json(), loaded.fixtures(), policy.loader());
      for (TestOutcome o : runner.runAll()) {
        if (o.passed()) {
          passed++;
        } else {
          failed++;
        }
        if (verbose || !o.passed()) {
          out().println(o.describe());
        }
      }
    }
    out().println(passed + " passed, " + failed + " failed");
    return failed == 0 ? 0 : 1;
  }

  @Command(name = "coverage", mixinStandardHelpOptions = true,
      description = "For each pack, which tests cover each rule: where it fires (expect.rules) and where it must not"
          + " (expect.absentRules). Names every rule lacking either kind; exits 1 if any does.")
  int coverage(
      @Parameters(paramLabel = "DIR", arity = "0..*", description = "pack directories") List<Path> dirs) {
    int rules = 0;
    int incomplete = 0;
    for (PackLibrary.Loaded loaded : loadAll(dirs)) {
      Coverage coverage = Coverage.of(loaded.packs());
      String pack = "";
      for (Coverage.RuleCoverage c : coverage.rules()) {
        if (!c.rule().pack().equals(pack)) {
          pack = c.rule().pack();
          out().println(pack);
        }
        rules++;
        out().println("  " + c.rule().id() + ": fires in " + c.fires().size() + ", must not in "
            + c.mustNot().size() + (c.complete() ? "" : "  MISSING " + c.missing()));
        c.fires().forEach(t -> out().println("      fires     " + t));
        c.mustNot().forEach(t -> out().println("      must not  " + t));
      }
      for (Coverage.RuleCoverage c : coverage.incomplete()) {
        incomplete++;
        out().println("MISSING " + c.rule().qualifiedId() + ": " + c.missing());
      }
    }
    out().println(rules + " rules, " + (rules - incomplete) + " covered both ways, " + incomplete + " missing");
    return incomplete == 0 ? 0 : 1;
  }

  @Command(name = "table", mixinStandardHelpOptions = true,
      description = "Print the cross-state table of the packs (per rule: sources, categories, the legal process that"
          + " lifts it for an immigration authority, obligations), generated from the packs. With --readme FILE,"
          + " rewrite the table between its markers in FILE instead.")
  int table(
      @Option(names = "--packs", paramLabel = "DIR", description = "pack directory (default: shipped packs)")
      Path packs,
      @Option(names = "--readme", paramLabel = "FILE", description = "README whose table to rewrite") Path readme) {
    PackTable table = new PackTable();
    PackSet set = engine(packs).packs();
    if (readme == null) {
      out().print(table.render(set));
      return 0;
    }
    String text;
    try {
      text = Files.readString(readme, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UnreadableFileException(readme.toString(), e);
    }
    if (PackTable.extract(text).isEmpty()) {
      throw new InvalidInputException(readme.toString(), "$", "has no table markers ('" + PackTable.BEGIN
          + "' ... '" + PackTable.END + "')", null);
    }
    try {
      Files.writeString(readme, table.splice(text, set), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UnreadableFileException(readme.toString(), e);
    }
    out().println("wrote the table of " + set.rules().size() + " rules into " + readme);
    return 0;
  }

  private List<PackLibrary.Loaded> loadAll(List<Path> dirs) {
    List<PackLibrary.Loaded> sets = new ArrayList<>();
    if (dirs == null || dirs.isEmpty()) {
      sets.add(policy.library().shipped());
    } else {
      for (Path d : dirs) {
        sets.add(policy.library().directory(d));
      }
    }
    return sets;
  }

  /** The options of commands that decide one request. */
  static final class RequestOptions {
    @Option(names = "--request", required = true, paramLabel = "FILE", description = "decision request JSON")
    Path request;

    @Option(names = "--packs", paramLabel = "DIR", description = "pack directory (default: shipped packs)")
    Path packs;
  }

  @Command(name = "eval", mixinStandardHelpOptions = true,
      description = "Print the decision JSON for one decision request.")
  int eval(@CommandLine.Mixin RequestOptions o) {
    out().println(policy.json().writePretty(engine(o.packs).decide(read(o.request))));
    return 0;
  }

  @Command(name = "explain", mixinStandardHelpOptions = true,
      description = "Explain in words how a decision request is decided: every candidate rule and why.")
  int explain(@CommandLine.Mixin RequestOptions o) {
    out().print(engine(o.packs).explain(read(o.request)).toText());
    return 0;
  }

  @Command(name = "lint", mixinStandardHelpOptions = true,
      description = "Load and check rule pack files: YAML, vocabulary, citations, ids, CEL types. Exits 2 if any is"
          + " refused.")
  int lint(@Parameters(paramLabel = "FILE", arity = "1..*", description = "pack files") List<Path> files) {
    int bad = 0;
    List<Pack> loaded = new ArrayList<>();
    for (Path f : files) {
      try {
        Pack p = policy.loader().load(f);
        loaded.add(p);
        out().println("ok " + f + ": " + p.id() + " " + p.ref().version() + ", " + p.rules().size() + " rules, "
            + p.tests().size() + " tests");
      } catch (FirebreakException e) {
        bad++;
        err().println("firebreak: " + e.code().slug() + ": " + Main.oneLine(e.getMessage()));
      }
    }
    if (bad == 0) {
      try {
        PackSet.of(loaded);
      } catch (FirebreakException e) {
        bad++;
        err().println("firebreak: " + e.code().slug() + ": " + Main.oneLine(e.getMessage()));
      }
    }
    return bad == 0 ? 0 : Main.BAD_INPUT;
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the packs in force, their rules and citations.")
  int list(@Option(names = "--packs", paramLabel = "DIR", description = "pack directory (default: shipped packs)")
      Path packs) {
    for (Pack p : engine(packs).packs().packs()) {
      out().println(p.id() + " " + p.ref().version() + " " + p.ref().digest() + " [" + p.jurisdiction() + "] "
          + p.title());
      for (Rule r : p.rules()) {
        out().println("  " + r.id() + " [" + r.effect() + (r.kinds().isEmpty() ? "" : " " + r.kinds()) + "] "
            + r.citation() + " (" + r.confidence() + ") — " + r.summary());
      }
    }
    return 0;
  }

  private PolicyEngine engine(Path packs) {
    return packs == null ? policy.shippedEngine() : policy.engine(packs);
  }

  private DecisionRequest read(Path file) {
    if (Files.isDirectory(file)) {
      throw new UnreadableFileException(file + " (a directory)", null);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new InvalidInputException(file.toString(), "$", "is not UTF-8 text", e);
    } catch (IOException e) {
      throw new UnreadableFileException(file.toString(), e);
    }
    return policy.json().read(text, DecisionRequest.class, file.toString());
  }
}
