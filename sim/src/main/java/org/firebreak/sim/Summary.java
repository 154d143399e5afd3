package org.firebreak.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.firebreak.core.vocab.Decision;

/**
 * The month in numbers: decisions, the ground truth against what left the gateway, and each side door's attempts,
 * releases and the rules that closed it. {@code unlawfulReleased} counts unlawful requests for which any field the
 * law protects from their recipients left the gateway; {@code lawfulReleased} counts lawful requests that received
 * anything, at the decision or after review.
 */
public record Summary(int requests, Map<Decision, Integer> decisions, int unlawful, int unlawfulReleased,
    int lawful, int lawfulReleased, Map<SideDoor, Door> sideDoors, Map<Story, int[]> stories,
    List<Outcome> unlawfulReleases, List<Outcome> lawfulWithheld) {

  /** One side door: how often it was tried, how often protected data got through, and which rules closed it. */
  public record Door(int attempts, int released, Set<String> closedBy) {}

  public static Summary of(List<Outcome> outcomes) {
    Map<Decision, Integer> decisions = new EnumMap<>(Decision.class);
    for (Decision d : Decision.values()) {
      decisions.put(d, 0);
    }
    Map<SideDoor, int[]> doorCounts = new EnumMap<>(SideDoor.class);
    Map<SideDoor, Set<String>> doorRules = new EnumMap<>(SideDoor.class);
    Map<Story, int[]> stories = new EnumMap<>(Story.class); // requests, PERMIT, DENY, REFER, released anything
    int unlawful = 0;
    int unlawfulReleased = 0;
    int lawful = 0;
    int lawfulReleased = 0;
    List<Outcome> bad = new ArrayList<>();
    List<Outcome> withheld = new ArrayList<>();
    for (Outcome o : outcomes) {
      decisions.merge(o.decision(), 1, Integer::sum);
      int[] s = stories.computeIfAbsent(o.request().story(), k -> new int[5]);
      s[0]++;
      s[1 + o.decision().ordinal()]++;
      s[4] += o.releasedAnything() ? 1 : 0;
      Label label = o.request().label();
      if (label.lawful()) {
        lawful++;
        if (o.releasedAnything()) {
          lawfulReleased++;
        } else {
          withheld.add(o);
        }
      } else {
        unlawful++;
        SideDoor door = label.sideDoor().orElseThrow();
        int[] c = doorCounts.computeIfAbsent(door, k -> new int[2]);
        c[0]++;
        doorRules.computeIfAbsent(door, k -> new LinkedHashSet<>()).addAll(o.closingRules());
        if (o.releasedProtected()) {
          unlawfulReleased++;
          c[1]++;
          bad.add(o);
        }
      }
    }
    Map<SideDoor, Door> doors = new EnumMap<>(SideDoor.class);
    doorCounts.forEach((k, v) -> doors.put(k, new Door(v[0], v[1], doorRules.get(k))));
    return new Summary(outcomes.size(), decisions, unlawful, unlawfulReleased, lawful, lawfulReleased, doors,
        stories, bad, withheld);
  }

  /** The summary JSON of {@code firebreak demo --summary-json}, with the ledger's facts. */
  public ObjectNode toJson(String ledgerDir, long ledgerSize, String checkpoint, String vkey) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("requests", requests);
    ObjectNode d = o.putObject("decisions");
    for (Decision k : List.of(Decision.PERMIT, Decision.DENY, Decision.REFER)) {
      d.put(k.name(), decisions.getOrDefault(k, 0));
    }
    ObjectNode g = o.putObject("groundTruth");
    g.put("unlawful", unlawful);
    g.put("unlawfulReleased", unlawfulReleased);
    g.put("lawful", lawful);
    g.put("lawfulReleased", lawfulReleased);
    ObjectNode doors = o.putObject("sideDoors");
    sideDoors.forEach((k, v) -> {
      ObjectNode x = doors.putObject(k.name());
      x.put("attempts", v.attempts());
      x.put("released", v.released());
    });
    ObjectNode l = o.putObject("ledger");
    l.put("dir", ledgerDir);
    l.put("size", ledgerSize);
    l.put("checkpoint", checkpoint);
    l.put("vkey", vkey);
    return o;
  }

  /** A short account in words, for people. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add(String.format("%d requests: %d PERMIT, %d DENY, %d REFER", requests, decisions.get(Decision.PERMIT),
        decisions.get(Decision.DENY), decisions.get(Decision.REFER)));
    out.add("");
    out.add("What was asked                                                      sent  permit  deny  refer  got data");
    stories.forEach((story, s) -> out.add(String.format("  %-64s %5d %7d %5d %6d %9d", story.description(), s[0],
        s[1], s[2], s[3], s[4])));
    out.add("");
    out.add(String.format("Lawful requests:   %d, of which %d received data (%.1f%%)", lawful, lawfulReleased,
        lawful == 0 ? 100.0 : 100.0 * lawfulReleased / lawful));
    for (Outcome o : lawfulWithheld) {
      out.add("  #" + o.request().seq() + " " + o.request().story() + ": "
          + o.whyNothing().orElse("UNEXPLAINED"));
    }
    out.add(String.format("Unlawful requests: %d, of which %d released protected data", unlawful, unlawfulReleased));
    for (Outcome o : unlawfulReleases) {
      out.add("  FINDING #" + o.request().seq() + " " + o.request().label().sideDoor().orElseThrow() + ": released "
          + o.released() + " against " + o.request().label().statutes());
    }
    out.add("");
    out.add("Side doors closed                                                   tried  got through");
    sideDoors.forEach((door, v) -> {
      out.add(String.format("  %-64s %5d %12d", door.description(), v.attempts(), v.released()));
      out.add("      law: " + door.closedBy());
      for (String rule : v.closedBy()) {
        out.add("      rule: " + rule);
      }
    });
    return out;
  }
}
