package org.firebreak.detect.detector;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.firebreak.detect.AuditEvent;
import org.firebreak.detect.Detector;
import org.firebreak.detect.Flag;
import org.firebreak.detect.Laws;
import org.firebreak.detect.Location;
import org.firebreak.detect.ScreenedEvent;
import org.firebreak.detect.Settings;
import org.firebreak.detect.Severity;

/**
 * {@code volume-spike}: a requester (an organisation, and separately a named user) searched far more on one day (UTC)
 * than on its usual day. The baseline is the requester's median searches per day over every day from its first to
 * its last search, days without searches included, at least 1. A day is a spike when it has at least
 * {@link Settings#spikeMinimum()} searches and at least {@link Settings#spikeFactor()} times the baseline, and the
 * requester has at least {@link Settings#spikeMinimumDays()} days of history. LOW; MEDIUM at ten times the baseline.
 * The flag is on the day's first search; the evidence lists up to {@value #EVIDENCE} of the day's searches.
 */
public final class VolumeSpike implements Detector {
  public static final String ID = "volume-spike";
  static final int EVIDENCE = 20;
  private final Settings settings;
  private final Map<String, Requester> requesters = new HashMap<>();

  private static final class Day {
    int count;
    final List<String> ids = new ArrayList<>();
    String firstId;
    Location firstLocation;
    long firstMillis = Long.MAX_VALUE;
  }

  private static final class Requester {
    final String name;
    final TreeMap<Long, Day> days = new TreeMap<>();
    Optional<String> custodianJurisdiction = Optional.empty();

    Requester(String name) {
      this.name = name;
    }
  }

  public VolumeSpike(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void observe(ScreenedEvent s, Consumer<Flag> flags) {
    AuditEvent e = s.event();
    if (e.time().isEmpty()) {
      return;
    }
    long day = Math.floorDiv(e.time().get().getEpochSecond(), 86_400L);
    count("organisation " + e.requesterName(), day, e);
    e.user().ifPresent(u -> count("user " + u + (e.organization().isPresent() ? " of "
        + e.organization().get() : ""), day, e));
  }

  private void count(String key, long day, AuditEvent e) {
    Requester r = requesters.computeIfAbsent(key, Requester::new);
    r.custodianJurisdiction = e.custodianJurisdiction();
    Day d = r.days.computeIfAbsent(day, k -> new Day());
    d.count++;
    long millis = e.time().orElseThrow().toEpochMilli();
    if (d.ids.size() < EVIDENCE) {
      d.ids.add(e.id());
    }
    if (millis < d.firstMillis) {
      d.firstMillis = millis;
      d.firstId = e.id();
      d.firstLocation = e.location();
    }
  }

  @Override
  public void finish(Consumer<Flag> flags) {
    for (Requester r : requesters.values().stream().sorted((a, b) -> a.name.compareTo(b.name)).toList()) {
      long first = r.days.firstKey();
      long last = r.days.lastKey();
      long span = last - first + 1;
      if (span < settings.spikeMinimumDays() || span > 100_000) {
        continue;
      }
      int[] counts = new int[(int) span];
      r.days.forEach((day, d) -> counts[(int) (day - first)] = d.count);
      int[] sorted = counts.clone();
      Arrays.sort(sorted);
      double median = span % 2 == 1 ? sorted[(int) (span / 2)]
          : (sorted[(int) (span / 2) - 1] + sorted[(int) (span / 2)]) / 2.0;
      double baseline = Math.max(1.0, median);
      r.days.forEach((day, d) -> {
        if (d.count >= settings.spikeMinimum() && d.count >= settings.spikeFactor() * baseline) {
          double ratio = d.count / baseline;
          List<String> evidence = new ArrayList<>();
          evidence.add(d.firstId);
          d.ids.stream().filter(id -> !id.equals(d.firstId)).forEach(evidence::add);
          String explanation = String.format(java.util.Locale.ROOT,
              "%s ran %d searches on %s against a median of %s a day over %d days (%.1fx)%s", r.name, d.count,
              LocalDate.ofEpochDay(day).atStartOfDay(ZoneOffset.UTC).toLocalDate(), fmt(median), span, ratio,
              d.count > EVIDENCE ? "; evidence lists the first " + EVIDENCE : "");
          flags.accept(new Flag(d.firstId, ID, ratio >= 10 ? Severity.MEDIUM : Severity.LOW, explanation,
              evidence, Laws.usagePolicy(r.custodianJurisdiction), r.name, d.firstLocation));
        }
      });
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
