package org.firebreak.detect;

import java.time.Duration;
import java.util.Objects;

/**
 * The thresholds of the detectors; {@link #defaults()} are the documented ones (detect/README.md says why each).
 *
 * @param relayWindow how long after a local search an immigration authority's search for the same plate or subject
 *     still counts as a relay
 * @param officerWindow how long after an officer's local search that officer's own immigration-related search
 *     still counts as a relay
 * @param bulkNetworks networks searched at once from which a search is bulk
 * @param bulkDevices devices searched at once from which a search is bulk (when the networks are not known)
 * @param bulkTimeFrame time frame longer than which a search is bulk
 * @param spikeMinimum searches in a day below which no day is a spike
 * @param spikeFactor how many times its own median day a day must be to be a spike
 * @param spikeMinimumDays days of history a requester needs before any day of theirs can be a spike
 */
public record Settings(Duration relayWindow, Duration officerWindow, long bulkNetworks, long bulkDevices,
    Duration bulkTimeFrame, int spikeMinimum, double spikeFactor, int spikeMinimumDays) {
  public Settings {
    Objects.requireNonNull(relayWindow, "relayWindow");
    Objects.requireNonNull(officerWindow, "officerWindow");
    Objects.requireNonNull(bulkTimeFrame, "bulkTimeFrame");
    if (relayWindow.isNegative() || officerWindow.isNegative() || bulkNetworks < 1 || bulkDevices < 1
        || spikeMinimum < 1 || spikeFactor <= 1 || spikeMinimumDays < 2) {
      throw new IllegalArgumentException("thresholds out of range");
    }
  }

  public static Settings defaults() {
    return new Settings(Duration.ofDays(7), Duration.ofHours(24), 2_000, 50_000, Duration.ofDays(30), 20, 4.0, 7);
  }
}
