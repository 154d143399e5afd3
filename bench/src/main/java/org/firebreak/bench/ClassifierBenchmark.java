package org.firebreak.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.firebreak.policy.ImmigrationTextClassifier;
import org.firebreak.policy.ReferenceClassifier;
import org.firebreak.policy.ImmigrationTextClassifier.Signal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ImmigrationTextClassifier#signals} on a request justification, next to two peers in the same JVM and run:
 * {@code before}, the classifier as it was before the single-pass scan ({@link ReferenceClassifier}, the policy module's test oracle), and
 * {@code naiveRegex}, one case-insensitive keyword alternation with {@code \b} boundaries and a single
 * {@code find} (what a first attempt would write; it answers only yes/no and has none of the classifier's rules,
 * so it is a floor for "one regex over the text", not an equivalent). {@code text} picks the input:
 * {@code benign73} (a 73-character justification with no signal, the common case), {@code iceEro73} (the same
 * with "assist ICE ERO": two signals, the ICE context read) and {@code benign300} (a 300-character narrative with
 * no signal but words that begin like pattern words: arrest, warrant, in, identify, ...).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ClassifierBenchmark {

  static final Map<String, String> TEXTS = Map.of(
      "benign73", "plate check for SFPD burglary case, assist BART PD with address follow-up",
      "iceEro73", "plate check for SFPD burglary case, assist ICE ERO with address follow-up",
      "benign300", "Follow-up on felony arrest warrant for robbery suspect; victim reported white Honda Civic leaving"
          + " at high speed, partial plate 7ABC. Requesting plate reads near 16th St and Valencia between 2100 and"
          + " 2300 hrs to identify vehicle and associates. Notice sent to DA office and police service desk. #24-12");

  /** The naive peer: a keyword alternation, whole words by {@code \b}, case-insensitive, one find. */
  static final Pattern NAIVE = Pattern.compile("(?i)\\b(?:ice|ero|hsi|cbp|usbp|uscis|immigration|deport\\w*"
      + "|detainers?|border\\s+patrol|illegal\\s+alien|287\\s?\\(?g\\)?"
      + "|i-?(?:200|203|205|213|247[adnx]?|286|138|862))\\b");

  @Param({"benign73", "iceEro73", "benign300"})
  public String text;

  private String input;
  private ImmigrationTextClassifier classifier;
  private ReferenceClassifier before;

  @Setup(Level.Trial)
  public void setUp() {
    input = TEXTS.get(text);
    if (input == null) {
      throw new IllegalArgumentException("no benchmark text '" + text + "'");
    }
    classifier = new ImmigrationTextClassifier();
    before = new ReferenceClassifier();
    // Never time two classifiers that disagree, nor a text that is not what its name says.
    List<Signal> now = classifier.signals(input);
    List<Signal> then = before.signals(input);
    if (!now.equals(then)) {
      throw new IllegalStateException(text + ": signals " + now + " but before " + then);
    }
    int expected = text.startsWith("benign") ? 0 : 2;
    if (now.size() != expected || NAIVE.matcher(input).find() != (expected > 0)) {
      throw new IllegalStateException(text + ": expected " + expected + " signals, got " + now);
    }
  }

  /** The shipped classifier: single pass over the text, patterns run only where one of their starts is. */
  @Benchmark
  public List<Signal> firebreak() {
    return classifier.signals(input);
  }

  /** The classifier before the single-pass scan (18 patterns, each find() over the whole text). */
  @Benchmark
  public List<Signal> before() {
    return before.signals(input);
  }

  /** One keyword regex, one find: yes/no only. */
  @Benchmark
  public boolean naiveRegex() {
    return NAIVE.matcher(input).find();
  }
}
