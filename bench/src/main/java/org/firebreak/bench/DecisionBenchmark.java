package org.firebreak.bench;

import com.cedarpolicy.model.exception.AuthException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.firebreak.core.json.StrictJson;
import org.firebreak.core.model.DecisionRequest;
import org.firebreak.core.model.DecisionResult;
import org.firebreak.policy.Policy;
import org.firebreak.policy.PolicyEngine;
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
 * One decision over all shipped packs for a request touching three sources (CA DMV, SF ALPR, SF jail bookings),
 * by Firebreak and by the same rules in Cedar (cedar-java), in the same JVM and run. {@code scenario} picks the
 * request: {@code relay} (an SFPD officer relaying for ICE ERO: forbids and the federal-floor permit) or
 * {@code fusion} (a California fusion-center analyst in a criminal case: permits, the SB 244 redaction and the SB 34
 * access-log obligation). See README.md for what each side's time includes.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecisionBenchmark {
  @Param({"relay", "fusion"})
  public String scenario;

  private PolicyEngine engine;
  private CedarPeer cedar;
  private DecisionRequest request;
  private DecisionRequest singleSource;

  @Setup(Level.Trial)
  public void setUp() throws AuthException {
    StrictJson json = new StrictJson();
    engine = new Policy(json).shippedEngine();
    cedar = CedarPeer.load();
    request = request(json, scenario);
    singleSource = new DecisionRequest(request.requester(), request.onBehalfOf(), request.purpose(),
        request.justification(), request.caseNumber(), request.legalProcess(), List.of(request.sources().get(0)),
        request.time());
    // Never time two engines that disagree.
    Agreement.check(engine.decide(request), cedar.decide(request));
  }

  /** Firebreak: purpose inference, candidate rules, CEL conditions, combining, rules named, obligations. */
  @Benchmark
  public DecisionResult firebreak() {
    return engine.decide(request);
  }

  /** The Cedar peer: the same decision, one cedar-java call per requested category (see CedarPeer). */
  @Benchmark
  public CedarPeer.Outcome cedar() throws AuthException {
    return cedar.decide(request);
  }

  /** Firebreak on the first source alone (ca-dmv, seven categories), for reference. */
  @Benchmark
  public DecisionResult firebreakSingleSource() {
    return engine.decide(singleSource);
  }

  /** A benchmark request by name, bound as the request API binds it. */
  public static DecisionRequest request(StrictJson json, String name) {
    try (InputStream in = DecisionBenchmark.class.getResourceAsStream("requests/" + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no benchmark request '" + name + "'");
      }
      return json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), DecisionRequest.class, name + ".json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
