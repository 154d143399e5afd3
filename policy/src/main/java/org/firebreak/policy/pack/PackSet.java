package org.firebreak.policy.pack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.firebreak.core.error.InvalidPackException;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.model.PackRef;
import org.firebreak.core.vocab.SourceKind;

/**
 * The packs in force, in load order, with their rules indexed by pack jurisdiction and source kind (PACKS.md § 3),
 * so that a decision touches only the rules that can apply. Immutable.
 */
public final class PackSet {
  private final List<Pack> packs;
  private final List<PackRef> refs;
  private final List<Rule> rules;
  // pack jurisdiction -> source kind -> rules, each list in ordinal order.
  private final Map<String, Map<SourceKind, List<Rule>>> index;

  private PackSet(List<Pack> packs) {
    this.packs = List.copyOf(packs);
    this.refs = packs.stream().map(Pack::ref).toList();
    this.rules = packs.stream().flatMap(p -> p.rules().stream()).toList();
    Map<String, Map<SourceKind, List<Rule>>> idx = new HashMap<>();
    for (Pack p : packs) {
      Map<SourceKind, List<Rule>> byKind =
          idx.computeIfAbsent(p.jurisdiction().code(), j -> new EnumMap<>(SourceKind.class));
      for (Rule r : p.rules()) {
        for (SourceKind k : r.kinds().isEmpty() ? Set.of(SourceKind.values()) : r.kinds()) {
          byKind.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
        }
      }
    }
    Map<String, Map<SourceKind, List<Rule>>> frozen = new HashMap<>();
    idx.forEach((j, byKind) -> {
      Map<SourceKind, List<Rule>> f = new EnumMap<>(SourceKind.class);
      byKind.forEach((k, list) -> f.put(k, list.stream().sorted(Comparator.comparingInt(Rule::ordinal)).toList()));
      frozen.put(j, f);
    });
    this.index = Map.copyOf(frozen);
  }

  /** Makes a set from packs in load order, numbering their rules; two packs with one id are refused. */
  public static PackSet of(List<Pack> packs) {
    Set<String> ids = new HashSet<>();
    List<Pack> numbered = new ArrayList<>();
    int ordinal = 0;
    for (Pack p : packs) {
      if (!ids.add(p.id())) {
        throw new InvalidPackException(p.file(), p.sourceMap().lineOf("$.id"),
            "pack id '" + p.id() + "' is already loaded");
      }
      List<Rule> rules = new ArrayList<>();
      for (Rule r : p.rules()) {
        rules.add(r.withOrdinal(ordinal++));
      }
      numbered.add(p.withRules(rules));
    }
    return new PackSet(numbered);
  }

  public List<Pack> packs() {
    return packs;
  }

  /** Id, version and digest of every pack in force, in load order. */
  public List<PackRef> refs() {
    return refs;
  }

  /** Every rule, in ordinal order. */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * The candidate rules for a source of this kind collected in this jurisdiction, before time, scope and when are
   * checked: the rules of packs whose jurisdiction contains it and whose kinds admit it, in ordinal order.
   */
  public List<Rule> candidates(SourceKind kind, Jurisdiction jurisdiction) {
    List<Rule> out = new ArrayList<>();
    int lists = 0;
    for (String j : jurisdiction.selfAndAncestors()) {
      Map<SourceKind, List<Rule>> byKind = index.get(j);
      if (byKind != null) {
        List<Rule> rs = byKind.get(kind);
        if (rs != null && !rs.isEmpty()) {
          out.addAll(rs);
          lists++;
        }
      }
    }
    if (lists > 1) {
      out.sort(Comparator.comparingInt(Rule::ordinal));
    }
    return out;
  }
}
