package org.firebreak.detect.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.firebreak.detect.Flag;
import org.firebreak.detect.Severity;
import org.firebreak.detect.evaluation.GroundTruth.Labelled;

/**
 * Detection measured against the simulator's ground truth. A request counts as flagged when any detector flags it
 * at or above a severity; a flag on an unlawful request is a true positive, on a lawful one a false positive.
 *
 * <p>Per side door: the requests labelled with it, how many are flagged (recall), and, of the flags on them, by
 * which detectors. Precision per side door is the share of the flagged requests that are unlawful when the log holds
 * only that side door's requests and the lawful ones: {@code flagged(door) / (flagged(door) + flagged(lawful))}, so a
 * detector's false positives on lawful work weigh on every door. Per detector: how many requests it flags and what
 * share of them are unlawful (its own precision).
 */
public record Evaluation(Severity atLeast, int lawful, int unlawful, int truePositives, int falsePositives,
    List<DoorScore> sideDoors, List<DetectorScore> detectors, Map<String, Integer> falsePositivesByStory,
    int unmatched) {

  /** One side door: its requests, how many any detector flagged, and the detectors that did. */
  public record DoorScore(String sideDoor, String description, int requests, int flagged, double recall,
      double precision, Map<String, Integer> byDetector) {
  }

  /** One detector: the requests it flagged and how many of them are unlawful. */
  public record DetectorScore(String detector, int flagged, int unlawful, double precision) {
  }

  public Evaluation {
    sideDoors = List.copyOf(sideDoors);
    detectors = List.copyOf(detectors);
    falsePositivesByStory = Map.copyOf(falsePositivesByStory);
  }

  /** Overall precision: the flagged requests that are unlawful. */
  public double precision() {
    return ratio(truePositives, truePositives + falsePositives);
  }

  /** Overall recall: the unlawful requests that are flagged. */
  public double recall() {
    return ratio(truePositives, unlawful);
  }

  /**
   * @param detectorOrder the detectors' ids, in the order to list them
   */
  public static Evaluation of(GroundTruth truth, Collection<Flag> flags, Severity atLeast,
      List<String> detectorOrder) {
    Objects.requireNonNull(atLeast, "atLeast");
    Map<String, Labelled> byId = new HashMap<>();
    for (Labelled l : truth.requests()) {
      byId.put(l.id(), l);
    }
    Map<String, Set<String>> detectorsOn = new HashMap<>(); // request id -> detectors that flagged it
    int unmatched = 0;
    for (Flag f : flags) {
      if (f.severity().compareTo(atLeast) < 0) {
        continue;
      }
      if (!byId.containsKey(f.eventId())) {
        unmatched++;
        continue;
      }
      detectorsOn.computeIfAbsent(f.eventId(), k -> new HashSet<>()).add(f.detector());
    }
    int lawful = 0;
    int unlawful = 0;
    int tp = 0;
    int fp = 0;
    Map<String, Integer> fpByStory = new TreeMap<>();
    Map<String, int[]> door = new LinkedHashMap<>(); // {requests, flagged}
    Map<String, String> descriptions = new HashMap<>();
    Map<String, Map<String, Integer>> doorDetectors = new HashMap<>();
    Map<String, int[]> detector = new HashMap<>(); // {flagged, unlawful}
    List<Labelled> ordered = new ArrayList<>(truth.requests());
    ordered.sort(java.util.Comparator.comparingInt(Labelled::seq));
    for (Labelled l : ordered) {
      Set<String> on = detectorsOn.getOrDefault(l.id(), Set.of());
      boolean flagged = !on.isEmpty();
      for (String d : on) {
        int[] c = detector.computeIfAbsent(d, k -> new int[2]);
        c[0]++;
        c[1] += l.lawful() ? 0 : 1;
      }
      if (l.lawful()) {
        lawful++;
        if (flagged) {
          fp++;
          fpByStory.merge(l.story(), 1, Integer::sum);
        }
        continue;
      }
      unlawful++;
      tp += flagged ? 1 : 0;
      String sd = l.sideDoor().orElseThrow();
      int[] c = door.computeIfAbsent(sd, k -> new int[2]);
      c[0]++;
      c[1] += flagged ? 1 : 0;
      l.sideDoorDescription().ifPresent(dsc -> descriptions.putIfAbsent(sd, dsc));
      for (String d : on) {
        doorDetectors.computeIfAbsent(sd, k -> new TreeMap<>()).merge(d, 1, Integer::sum);
      }
    }
    List<DoorScore> doors = new ArrayList<>();
    for (Map.Entry<String, int[]> e : door.entrySet()) {
      int n = e.getValue()[0];
      int hit = e.getValue()[1];
      doors.add(new DoorScore(e.getKey(), descriptions.getOrDefault(e.getKey(), e.getKey()), n, hit,
          ratio(hit, n), ratio(hit, hit + fp), doorDetectors.getOrDefault(e.getKey(), Map.of())));
    }
    List<DetectorScore> scores = new ArrayList<>();
    for (String d : detectorOrder) {
      int[] c = detector.getOrDefault(d, new int[2]);
      scores.add(new DetectorScore(d, c[0], c[1], ratio(c[1], c[0])));
    }
    return new Evaluation(atLeast, lawful, unlawful, tp, fp, doors, scores, fpByStory, unmatched);
  }

  /** A share; 0/0 is NaN, printed as "-". */
  static double ratio(int a, int b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }

  /** The table {@code firebreak detect --evaluate} prints. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add(String.format("a request is flagged when any detector flags it at %s or above", atLeast));
    out.add(String.format("%-90s %5s %7s %7s %9s  %s", "side door", "sent", "flagged", "recall", "precision",
        "detectors (requests)"));
    for (DoorScore d : sideDoors) {
      out.add(String.format("%-90s %5d %7d %7s %9s  %s", clip(d.sideDoor() + ": " + d.description(), 90),
          d.requests(), d.flagged(), pct(d.recall()), pct(d.precision()), d.byDetector()));
    }
    out.add(String.format("%-90s %5d %7d %7s %9s", "all side doors (unlawful requests)", unlawful, truePositives,
        pct(recall()), pct(precision())));
    out.add(String.format("lawful requests: %d, of which %d flagged (false positives)%s", lawful, falsePositives,
        falsePositivesByStory.isEmpty() ? "" : ": " + new TreeMap<>(falsePositivesByStory)));
    out.add(String.format("%-22s %7s %8s %9s", "detector", "flagged", "unlawful", "precision"));
    for (DetectorScore d : detectors) {
      out.add(String.format("%-22s %7d %8d %9s", d.detector(), d.flagged(), d.unlawful(), pct(d.precision())));
    }
    if (unmatched > 0) {
      out.add(unmatched + " flags on requests the ground truth does not label (not counted)");
    }
    return out;
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "-" : String.format("%.1f%%", 100 * v);
  }

  private static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 3) + "...";
  }
}
