package org.firebreak.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.detect.evaluation.Evaluation;
import org.firebreak.detect.evaluation.GroundTruth;
import org.firebreak.detect.evaluation.GroundTruth.Labelled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Precision and recall against labels, counted by hand. */
class EvaluationTest {
  private static final java.time.Instant T = java.time.Instant.parse("2026-11-01T00:00:00Z");
  private static final GroundTruth TRUTH = new GroundTruth(7, "small", List.of(
      new Labelled("r1", 1, T.plusSeconds(1), "LOCAL_NO_CASE", true, Optional.empty(), Optional.empty()),
      new Labelled("r2", 2, T.plusSeconds(2), "LOCAL_CASE", true, Optional.empty(), Optional.empty()),
      new Labelled("r3", 3, T.plusSeconds(3), "RELAY", false, Optional.of("X"), Optional.of("door x")),
      new Labelled("r4", 4, T.plusSeconds(4), "RELAY", false, Optional.of("X"), Optional.of("door x")),
      new Labelled("r5", 5, T.plusSeconds(5), "OUT_OF_STATE", false, Optional.of("Y"), Optional.of("door y"))));
  private static final List<Flag> FLAGS = List.of(
      flag("r1", "missing-case-number", Severity.LOW),
      flag("r3", "immigration-agency", Severity.HIGH),
      flag("r3", "relay", Severity.MEDIUM),
      flag("r5", "out-of-state", Severity.HIGH),
      flag("r9", "relay", Severity.HIGH));
  private static final List<String> ORDER = List.of("immigration-agency", "relay", "out-of-state",
      "missing-case-number");

  @TempDir
  Path tmp;

  @Test
  void everyFlagCountsAtLow() {
    Evaluation e = Evaluation.of(TRUTH, FLAGS, Severity.LOW, ORDER);
    assertThat(e.lawful()).isEqualTo(2);
    assertThat(e.unlawful()).isEqualTo(3);
    assertThat(e.truePositives()).isEqualTo(2); // r3, r5
    assertThat(e.falsePositives()).isEqualTo(1); // r1
    assertThat(e.precision()).isEqualTo(2.0 / 3);
    assertThat(e.recall()).isEqualTo(2.0 / 3);
    assertThat(e.unmatched()).isEqualTo(1); // r9 is not labelled
    assertThat(e.falsePositivesByStory()).isEqualTo(Map.of("LOCAL_NO_CASE", 1));
    Evaluation.DoorScore x = e.sideDoors().get(0);
    assertThat(x.sideDoor()).isEqualTo("X");
    assertThat(x.requests()).isEqualTo(2);
    assertThat(x.flagged()).isEqualTo(1);
    assertThat(x.recall()).isEqualTo(0.5);
    assertThat(x.precision()).isEqualTo(0.5); // r3 against r1's false positive
    assertThat(x.byDetector()).isEqualTo(Map.of("immigration-agency", 1, "relay", 1));
    Evaluation.DoorScore y = e.sideDoors().get(1);
    assertThat(y.recall()).isEqualTo(1.0);
    assertThat(y.precision()).isEqualTo(0.5);
    assertThat(e.detectors()).extracting(Evaluation.DetectorScore::detector, Evaluation.DetectorScore::flagged,
            Evaluation.DetectorScore::unlawful)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("immigration-agency", 1, 1),
            org.assertj.core.groups.Tuple.tuple("relay", 1, 1),
            org.assertj.core.groups.Tuple.tuple("out-of-state", 1, 1),
            org.assertj.core.groups.Tuple.tuple("missing-case-number", 1, 0));
  }

  @Test
  void aLowFlagDoesNotCountAtMedium() {
    Evaluation e = Evaluation.of(TRUTH, FLAGS, Severity.MEDIUM, ORDER);
    assertThat(e.falsePositives()).isZero();
    assertThat(e.precision()).isEqualTo(1.0);
    assertThat(e.sideDoors().get(0).precision()).isEqualTo(1.0);
    assertThat(e.recall()).isEqualTo(2.0 / 3);
  }

  @Test
  void groundTruthRoundTripsAndABadFileNamesThePath() throws Exception {
    Path file = tmp.resolve(GroundTruth.FILE);
    TRUTH.write(file);
    assertThat(GroundTruth.read(file)).isEqualTo(TRUTH);
    Files.writeString(file, "{\"requests\":[{\"id\":\"r1\",\"seq\":1,\"at\":\"2026-11-01T00:00:00Z\",\"story\":\"S\",\"lawful\":false}]}");
    assertThatThrownBy(() -> GroundTruth.read(file)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("$.requests[0].sideDoor");
  }

  private static Flag flag(String id, String detector, Severity severity) {
    return new Flag(id, detector, severity, "why", List.of(id), List.of(), "someone", new Location("f", 1, 1));
  }
}
