package org.firebreak.detect.detector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * {@code relay}: a local search followed, within a window, by an immigration authority's involvement:
 * <ul>
 *   <li>the same plate or subject searched by or for an immigration authority, or with an immigration reason, within
 *       {@link Settings#relayWindow()} after the local search (HIGH: the local result is what the later search
 *       repeats or hands on);</li>
 *   <li>the same officer's own immigration-related search (by, for or about an immigration authority) within
 *       {@link Settings#officerWindow()} after the local search (MEDIUM: the officer was in contact with one).</li>
 * </ul>
 * A local search is one by a non-federal requester with no immigration signal. The local search is flagged, with
 * the later event as evidence. Events without a time cannot be placed and are not read. Logs come newest-first or
 * oldest-first, so the events are kept (their time, id, plate, user) and matched at the end.
 */
public final class Relay implements Detector {
  public static final String ID = "relay";
  private final Settings settings;
  private final Map<String, List<Entry>> byPlate = new HashMap<>();
  private final Map<String, List<Entry>> byUser = new HashMap<>();

  /** What a relay needs of an event; {@code involvement} says how an immigration authority was involved, or "". */
  private record Entry(long epochMilli, String id, Location location, String requester, boolean local,
      String involvement, Optional<String> custodianJurisdiction) {
  }

  public Relay(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void observe(ScreenedEvent s, Consumer<Flag> flags) {
    AuditEvent e = s.event();
    if (e.time().isEmpty() || (e.subject().isEmpty() && e.user().isEmpty())) {
      return;
    }
    // a status check may be answered (8 U.S.C. § 1373): it relays nothing the law protects
    boolean immigration = s.involvesImmigration() && !s.statusOnly();
    boolean local = !s.involvesImmigration() && !s.federalRequester();
    if (!immigration && !local) {
      return; // a federal agency's non-immigration search is neither side of a relay
    }
    Entry entry = new Entry(e.time().get().toEpochMilli(), e.id(), e.location(), e.requesterName(), local,
        immigration ? involvement(s) : "", e.custodianJurisdiction());
    e.subject().ifPresent(p -> byPlate.computeIfAbsent(normalisePlate(p), k -> new ArrayList<>()).add(entry));
    e.user().ifPresent(u -> byUser.computeIfAbsent(u, k -> new ArrayList<>()).add(entry));
  }

  @Override
  public void finish(Consumer<Flag> flags) {
    Map<String, Flag> found = new LinkedHashMap<>();
    match(byPlate, settings.relayWindow(), Severity.HIGH, "the same plate", found);
    match(byUser, settings.officerWindow(), Severity.MEDIUM, "the same officer", found);
    found.values().forEach(flags);
  }

  /**
   * Flags each local search of a group that an immigration-related search of the same group follows within the
   * window, with the first such search as evidence. One pass over the group in time order: the local searches not yet
   * flagged wait in a queue, oldest first, until a later immigration-related search flags them or they fall out of
   * its window. (Scanning back from every immigration-related search was quadratic: an immigration officer's own
   * thousands of searches in a week each scanned all the others.)
   */
  private static void match(Map<String, List<Entry>> groups, Duration window, Severity severity, String what,
      Map<String, Flag> found) {
    long windowMillis = window.toMillis();
    ArrayDeque<Entry> waiting = new ArrayDeque<>();
    for (Map.Entry<String, List<Entry>> g : groups.entrySet()) {
      List<Entry> entries = g.getValue();
      if (entries.stream().allMatch(Entry::local) || entries.stream().noneMatch(Entry::local)) {
        continue; // a relay needs a local search and an immigration-related one
      }
      entries.sort(Comparator.comparingLong(Entry::epochMilli));
      waiting.clear();
      for (Entry later : entries) {
        if (later.local()) {
          waiting.addLast(later);
          continue;
        }
        while (!waiting.isEmpty() && later.epochMilli() - waiting.peekFirst().epochMilli() > windowMillis) {
          waiting.pollFirst();
        }
        while (!waiting.isEmpty()) { // newest first, as the log reads them back
          Entry local = waiting.pollLast();
          String key = local.id() + "@" + local.location();
          if (!found.containsKey(key)) {
            found.put(key, flag(local, later, g.getKey(), what, severity));
          }
        }
      }
    }
  }

  private static Flag flag(Entry local, Entry later, String group, String what, Severity severity) {
    Duration gap = Duration.ofMillis(later.epochMilli() - local.epochMilli());
    String explanation = "local search by " + Texts.quote(local.requester()) + " at "
        + Instant.ofEpochMilli(local.epochMilli()) + " was followed " + hours(gap) + " later by a search of "
        + what + " (" + Texts.quote(group) + ") that " + later.involvement() + " (event " + later.id() + ")";
    List<String> citations = Texts.union(Laws.immigrationUse(local.custodianJurisdiction()),
        Laws.federalSharing(local.custodianJurisdiction()));
    return new Flag(local.id(), ID, severity, explanation, List.of(local.id(), later.id()), citations,
        local.requester(), local.location());
  }

  private static String involvement(ScreenedEvent s) {
    if (s.requesterAuthority().isPresent()) {
      return "was made by " + Texts.quote(s.requesterAuthority().get().name()) + ", an immigration authority";
    }
    if (s.onBehalfOfAuthority().isPresent()) {
      return "was made for " + Texts.quote(s.onBehalfOfAuthority().get().name()) + ", an immigration authority";
    }
    return "gave the immigration reason " + Texts.quote(s.event().reason());
  }

  private static String hours(Duration d) {
    long h = d.toHours();
    return h < 1 ? d.toMinutes() + " minutes" : h + " hours";
  }

  /** Plates as officers type them: "7abc 123" and "7ABC-123" are one plate. */
  static String normalisePlate(String plate) {
    StringBuilder sb = new StringBuilder(plate.length());
    for (int i = 0; i < plate.length(); i++) {
      char c = plate.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        sb.append(Character.toUpperCase(c));
      }
    }
    return sb.isEmpty() ? plate : sb.toString();
  }
}
