package org.firebreak.detect.detector;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.firebreak.detect.AuditEvent;
import org.firebreak.detect.Detector;
import org.firebreak.detect.Flag;
import org.firebreak.detect.Laws;
import org.firebreak.detect.ScreenedEvent;
import org.firebreak.detect.Settings;
import org.firebreak.detect.Severity;

/**
 * {@code bulk-search}: a search far wider than one investigation needs: at least {@link Settings#bulkNetworks()}
 * networks (thousands of agencies' cameras: a nationwide lookup), or {@link Settings#bulkDevices()} devices when the
 * networks are not logged, or a time frame longer than {@link Settings#bulkTimeFrame()}. MEDIUM for one of these,
 * HIGH for two.
 */
public final class BulkSearch implements Detector {
  public static final String ID = "bulk-search";
  private final Settings settings;

  public BulkSearch(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void observe(ScreenedEvent s, Consumer<Flag> flags) {
    AuditEvent e = s.event();
    boolean networks = e.networks().isPresent() && e.networks().getAsLong() >= settings.bulkNetworks();
    boolean devices = !networks && e.networks().isEmpty() && e.devices().isPresent()
        && e.devices().getAsLong() >= settings.bulkDevices();
    boolean frame = e.timeFrame().isPresent() && e.timeFrame().get().longerThan(settings.bulkTimeFrame());
    if (!networks && !devices && !frame) {
      return; // most rows: nothing made
    }
    List<String> why = new ArrayList<>(2);
    if (networks) {
      why.add("searched " + Texts.thousands(e.networks().getAsLong()) + " networks");
    } else if (devices) {
      why.add("searched " + Texts.thousands(e.devices().getAsLong()) + " devices");
    }
    if (frame) {
      why.add("over a time frame of " + e.timeFrame().get().length().toDays() + " days");
    }
    flags.accept(Flag.of(e, ID, why.size() > 1 ? Severity.HIGH : Severity.MEDIUM, String.join(" ", why),
        Laws.usagePolicy(e.custodianJurisdiction())));
  }
}
