package org.firebreak.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.firebreak.core.error.UnreadableFileException;
import org.firebreak.detect.Detection;
import org.firebreak.detect.Detector;
import org.firebreak.detect.Flag;
import org.firebreak.detect.Settings;
import org.firebreak.detect.Severity;
import org.firebreak.detect.evaluation.Evaluation;
import org.firebreak.detect.evaluation.GroundTruth;
import org.firebreak.detect.importer.ColumnMapping;
import org.firebreak.detect.importer.Format;
import org.firebreak.detect.importer.ImportSink;
import org.firebreak.detect.importer.Importers;
import org.firebreak.detect.importer.Problem;
import org.firebreak.policy.ImmigrationTextClassifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code firebreak detect}: reads audit logs (Flock exports, a mapped CSV), runs every detector and writes the flags
 * as a JSON array; a short summary goes to standard error.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
    description = {"Find the searches that get around the rules in audit logs (Flock Safety exports, mapped CSV,"
        + " Firebreak's own data directory).",
        "Writes the flags as a JSON array to --out (or standard output) and a summary to standard error.",
        "Rows that cannot be read are reported with their line and skipped.",
        "--evaluate DIR measures the detectors on a demo's data directory against its ground truth."})
final class DetectCommand implements Callable<Integer> {
  /** Problems printed one per line; the rest are counted. */
  private static final int PROBLEMS_SHOWN = 20;

  @Option(names = "--input", paramLabel = "PATH",
      description = "An audit-log file, or a directory (every file in it); with --format firebreak, a data directory.")
  Path input;

  @Option(names = "--evaluate", paramLabel = "DIR",
      description = "Instead of --input: a data directory of 'firebreak demo --data DIR'. Runs every detector over its"
          + " requests and prints precision and recall per side door against DIR/ground-truth.json.")
  Path evaluate;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto", converter = FormatConverter.class,
      description = "auto, flock-portal, flock-network, flock-org, firebreak or csv (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--mapping", paramLabel = "FILE",
      description = "For --format csv: a JSON file mapping event fields to the CSV's columns (detect/README.md).")
  Path mapping;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the flags here instead of standard output.")
  Path out;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Picocli converter: the wire names of {@link Format}. */
  static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return Format.ofWire(value).orElseThrow(() -> new CommandLine.TypeConversionException(
          "unknown format '" + value + "' (allowed: auto, flock-portal, flock-network, flock-org, firebreak, csv)"));
    }
  }

  @Override
  public Integer call() throws IOException {
    if ((input == null) == (evaluate == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --input PATH or --evaluate DIR");
    }
    if (evaluate != null) {
      if (format != Format.AUTO && format != Format.FIREBREAK) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--evaluate reads a Firebreak data directory:"
            + " --format is firebreak");
      }
      format = Format.FIREBREAK;
      input = evaluate;
    }
    if (mapping != null && format != Format.CSV) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--mapping goes with --format csv");
    }
    Optional<ColumnMapping> columns = mapping == null ? Optional.empty()
        : Optional.of(ColumnMapping.read(mapping, mapping.toString()));
    Detection detection = Detection.standard(new ImmigrationTextClassifier(), Settings.defaults());
    List<Flag> flags = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    long[] events = {0};
    // The demo replays its month in seconds: evaluated requests go back to their scenario times, so the relay and
    // volume-spike windows see the month as the scenario spaced it. The labels are read first, before any output.
    Optional<GroundTruth> truth = evaluate == null ? Optional.empty()
        : Optional.of(GroundTruth.read(evaluate.resolve(GroundTruth.FILE)));
    Map<String, Instant> scenarioTimes = new HashMap<>();
    truth.ifPresent(t -> t.requests().forEach(l -> scenarioTimes.put(l.id(), l.at())));
    int files = Importers.read(input, format, columns, new ImportSink() {
      @Override
      public void event(org.firebreak.detect.AuditEvent event) {
        events[0]++;
        Instant at = scenarioTimes.get(event.id());
        detection.accept(at == null ? event : event.withTime(Optional.of(at)), flags::add);
      }

      @Override
      public void problem(Problem problem) {
        problems.add(problem);
      }
    });
    detection.finish(flags::add);
    Map<String, Integer> order = new HashMap<>();
    for (Detector d : detection.detectors()) {
      order.put(d.id(), order.size());
    }
    flags.sort(Comparator.comparing((Flag f) -> f.source().file()).thenComparingLong(f -> f.source().line())
        .thenComparingInt(f -> order.getOrDefault(f.detector(), 99)));
    if (truth.isPresent()) {
      if (out != null) {
        write(flags);
      }
      summary(spec.commandLine().getErr(), files, events[0], problems, flags, detection);
      PrintWriter w = spec.commandLine().getOut();
      List<String> ids = detection.detectors().stream().map(Detector::id).toList();
      w.printf("%s: %d labelled requests (seed %d, %s), each at its scenario time%n", evaluate,
          truth.get().requests().size(), truth.get().seed(), truth.get().size());
      for (Severity atLeast : List.of(Severity.LOW, Severity.MEDIUM)) {
        w.println();
        Evaluation.of(truth.get(), flags, atLeast, ids).lines().forEach(w::println);
      }
      w.flush();
      return 0;
    }
    write(flags);
    summary(spec.commandLine().getErr(), files, events[0], problems, flags, detection);
    return 0;
  }

  private void write(List<Flag> flags) throws IOException {
    ObjectMapper json = new ObjectMapper().registerModule(new Jdk8Module())
        .enable(SerializationFeature.INDENT_OUTPUT);
    if (out == null) {
      PrintWriter w = spec.commandLine().getOut();
      w.println(json.writeValueAsString(flags));
      w.flush();
      return;
    }
    try (OutputStream o = Files.newOutputStream(out)) {
      json.writeValue(o, flags);
    } catch (IOException e) {
      throw new UnreadableFileException(out.toString(), e);
    }
  }

  private static void summary(PrintWriter err, int files, long events, List<Problem> problems, List<Flag> flags,
      Detection detection) {
    for (int i = 0; i < problems.size() && i < PROBLEMS_SHOWN; i++) {
      err.println("firebreak: warning: " + Main.oneLine(problems.get(i).toString()));
    }
    if (problems.size() > PROBLEMS_SHOWN) {
      err.println("firebreak: warning: ... and " + (problems.size() - PROBLEMS_SHOWN) + " more");
    }
    err.printf("read %,d events from %d file%s; %,d problem%s; %,d flags%n", events, files, files == 1 ? "" : "s",
        problems.size(), problems.size() == 1 ? "" : "s", flags.size());
    Map<String, EnumMap<Severity, Integer>> byDetector = new LinkedHashMap<>();
    for (Detector d : detection.detectors()) {
      byDetector.put(d.id(), new EnumMap<>(Severity.class));
    }
    Map<String, List<Flag>> byRequester = new HashMap<>();
    for (Flag f : flags) {
      byDetector.computeIfAbsent(f.detector(), k -> new EnumMap<>(Severity.class)).merge(f.severity(), 1,
          Integer::sum);
      byRequester.computeIfAbsent(f.requester(), k -> new ArrayList<>()).add(f);
    }
    err.println("flags per detector (HIGH/MEDIUM/LOW):");
    byDetector.forEach((id, counts) -> err.printf("  %-20s %,7d  (%d/%d/%d)%n", id,
        counts.values().stream().mapToInt(Integer::intValue).sum(), counts.getOrDefault(Severity.HIGH, 0),
        counts.getOrDefault(Severity.MEDIUM, 0), counts.getOrDefault(Severity.LOW, 0)));
    List<Map.Entry<String, List<Flag>>> top = byRequester.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, List<Flag>> e) -> -weight(e.getValue()))
            .thenComparing(Map.Entry::getKey))
        .limit(5).toList();
    if (!top.isEmpty()) {
      err.println("top flagged requesters (by severity, then count), with an example:");
    }
    for (Map.Entry<String, List<Flag>> e : top) {
      Flag example = e.getValue().stream().max(Comparator.comparing(Flag::severity)).orElseThrow();
      err.printf("  %s: %,d flags; e.g. %s %s %s (%s): %s%n", e.getKey(), e.getValue().size(), example.severity(),
          example.detector(), example.eventId(), example.source(), clip(example.explanation()));
    }
    err.flush();
  }

  /** HIGH flags count most: an agency with one immigration search outranks one with many missing case numbers. */
  private static long weight(List<Flag> flags) {
    long w = 0;
    for (Flag f : flags) {
      w += switch (f.severity()) {
        case HIGH -> 1_000_000L;
        case MEDIUM -> 1_000L;
        case LOW -> 1L;
      };
    }
    return w;
  }

  private static String clip(String s) {
    return s.length() <= 160 ? s : s.substring(0, 157) + "...";
  }
}
