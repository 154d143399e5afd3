package org.firebreak.detect;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.firebreak.detect.detector.BulkSearch;
import org.firebreak.detect.detector.FederalAccess;
import org.firebreak.detect.detector.ImmigrationAgency;
import org.firebreak.detect.detector.ImmigrationPurpose;
import org.firebreak.detect.detector.MissingCaseNumber;
import org.firebreak.detect.detector.OutOfState;
import org.firebreak.detect.detector.Relay;
import org.firebreak.detect.detector.TaskForceMember;
import org.firebreak.detect.detector.VolumeSpike;
import org.firebreak.policy.ImmigrationTextClassifier;

/**
 * One run of detectors over one stream of events: each event is screened once ({@link Screening}) and shown to
 * every detector; {@link #finish} ends the stream. Not thread-safe; one per log.
 */
public final class Detection {
  private final Screening screening;
  private final List<Detector> detectors;
  /** The same, for the loop run on every event (no iterator per event). */
  private final Detector[] each;

  public Detection(Screening screening, List<Detector> detectors) {
    this.screening = Objects.requireNonNull(screening, "screening");
    this.detectors = List.copyOf(detectors);
    this.each = this.detectors.toArray(Detector[]::new);
  }

  /** Every detector, with fresh state. */
  public static Detection standard(ImmigrationTextClassifier classifier, Settings settings) {
    Screening screening = new Screening(classifier);
    return new Detection(screening, all(screening, settings));
  }

  /** Every detector, in the order their flags are listed. */
  public static List<Detector> all(Screening screening, Settings settings) {
    return List.of(new ImmigrationPurpose(screening), new ImmigrationAgency(), new Relay(settings),
        new TaskForceMember(),
        new OutOfState(), new FederalAccess(), new MissingCaseNumber(), new BulkSearch(settings),
        new VolumeSpike(settings));
  }

  /** The detectors that read one event at a time and keep nothing between events. */
  public static List<Detector> perEvent(Screening screening, Settings settings) {
    return List.of(new ImmigrationPurpose(screening), new ImmigrationAgency(), new TaskForceMember(),
        new OutOfState(),
        new FederalAccess(), new MissingCaseNumber(), new BulkSearch(settings));
  }

  public List<Detector> detectors() {
    return detectors;
  }

  public void accept(AuditEvent event, Consumer<Flag> flags) {
    ScreenedEvent screened = screening.screen(event);
    for (Detector d : each) {
      d.observe(screened, flags);
    }
  }

  public void finish(Consumer<Flag> flags) {
    for (Detector d : detectors) {
      d.finish(flags);
    }
  }
}
