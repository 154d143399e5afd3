package org.firebreak.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Component;
import org.firebreak.core.vocab.Decision;
import org.firebreak.core.vocab.Effect;
import org.firebreak.core.vocab.LegalProcessType;
import org.firebreak.core.vocab.Purpose;
import org.firebreak.core.vocab.SourceKind;
import org.firebreak.core.vocab.TaskForce;
import org.firebreak.report.LogEntry.DecisionEntry;
import org.firebreak.report.LogEntry.FlagEntry;
import org.firebreak.report.LogEntry.PackRef;
import org.firebreak.report.LogEntry.PacksEntry;
import org.firebreak.report.LogEntry.RejectedEntry;
import org.firebreak.report.LogEntry.ReviewEntry;
import org.firebreak.report.LogEntry.ReviewedSource;
import org.firebreak.report.LogEntry.RuleRef;
import org.firebreak.report.LogEntry.SourceOutcome;

/**
 * The report's arithmetic: from public entries to suppressed tables. Pure and deterministic, so the report and its
 * verifier run exactly this code on exactly the same entries. Only entries whose day falls in the period count,
 * except the mission-drift trend (earlier periods of the same kind) and the packs in force at the start (an earlier
 * announcement).
 */
final class Tally {
  /** The sources the report singles out: records that were never collected for criminal investigation. */
  static final Set<SourceKind> NON_CRIMINAL = EnumSet.of(SourceKind.DMV, SourceKind.SCHOOL, SourceKind.UTILITY,
      SourceKind.ALPR);

  private final Period period;
  private final Options options;
  private final List<LogEntry> entries;
  private final Map<Long, LogEntry> byIndex = new HashMap<>();
  private final int k;

  private Tally(Period period, List<LogEntry> entries, Options options) {
    this.period = period;
    this.options = options;
    this.entries = entries.stream().sorted(Comparator.comparingLong(LogEntry::index)).toList();
    this.entries.forEach(e -> byIndex.put(e.index(), e));
    this.k = options.suppressionThreshold();
  }

  /** Every table of the report for {@code period}, from {@code entries} (any order; others are ignored). */
  static List<Table> tables(Period period, List<LogEntry> entries, Options options) {
    return new Tally(period, entries, options).all();
  }

  private List<Table> all() {
    List<DecisionEntry> decisions = inPeriod(period, DecisionEntry.class);
    List<Table> out = new ArrayList<>();
    out.add(entryTypes());
    out.add(oneColumn("requests-by-decision", "Requests by decision",
        "One count per decided request. PERMIT: something was released; REFER: held for an auditor; DENY: nothing"
            + " released or pending.",
        "decision", decisions, d -> List.of(d.decision().name()), rank(Decision.class),
        names(Decision.class)));
    out.add(requesters(decisions));
    out.add(oneColumn("requests-by-declared-purpose", "Requests by declared purpose",
        "The purpose the requester typed. A declared purpose is a claim, not a fact: compare the effective purposes.",
        "declared purpose", decisions, d -> List.of(d.purpose().name()), rank(Purpose.class), List.of()));
    out.add(effectivePurposes(decisions));
    out.add(oneColumn("requests-by-legal-process", "Requests by legal process",
        "The legal process the request cited. ICE forms I-200/I-203/I-205 are administrative warrants, I-247A a"
            + " detainer: no judge signed them.",
        "legal process", decisions, d -> List.of(d.legalProcess().name()), rank(LegalProcessType.class), List.of()));
    out.add(proxies(decisions));
    out.add(taskForces(decisions));
    out.add(dataBySource(decisions));
    out.add(recordsBySource(decisions));
    out.add(nonCriminal(decisions));
    out.add(rules(decisions));
    out.add(reviews());
    out.add(referralsByRule());
    out.add(rejected());
    out.add(flags());
    out.add(missionDrift());
    out.add(trend());
    out.add(packs());
    return out;
  }

  // ---- tables ----

  private Table entryTypes() {
    Counts c = new Counts(1);
    for (String t : List.of("decision", "review", "rejected", "packs", "flag")) {
      c.ensure(List.of(t));
    }
    for (LogEntry e : entries) {
      if (period.contains(e.day())) {
        c.add(List.of(typeOf(e)), 0, 1);
      }
    }
    return c.table("ledger-entries", "Ledger entries of the period, by type",
        "Every public entry whose day falls in the period: decided requests, auditors' reviews, rejected requests,"
            + " announcements of the rule packs in force and flags raised by detection.",
        List.of("entry type"), List.of("entries"), Comparator.comparing(l -> l.get(0)),
        Map.of(), List.of(c.sum(0)));
  }

  private Table requesters(List<DecisionEntry> decisions) {
    Counts c = new Counts(1);
    decisions.forEach(d -> c.add(List.of(d.requester().level().name(), d.requester().component().name()), 0, 1));
    return c.table("requests-by-requester", "Requests by requester level and component",
        "One count per decided request, by the requesting agency's level and component.",
        List.of("level", "component"), List.of("requests"),
        byPositions(rank(AgencyLevel.class), rank(Component.class)), Map.of(), List.of((long) decisions.size()));
  }

  private Table effectivePurposes(List<DecisionEntry> decisions) {
    Counts c = new Counts(1);
    for (DecisionEntry d : decisions) {
      new LinkedHashSet<>(d.effectivePurposes()).forEach(p -> c.add(List.of(p.name()), 0, 1));
    }
    return c.table("requests-by-effective-purpose", "Requests by effective purpose",
        "The purposes Firebreak inferred from who asked, on whose behalf, with what legal process and in what words."
            + " A request can have several, so the rows add up to more than the total (the number of requests).",
        List.of("effective purpose"), List.of("requests"), byPositions(rank(Purpose.class)), Map.of(),
        List.of((long) decisions.size()));
  }

  private Table proxies(List<DecisionEntry> decisions) {
    Counts c = new Counts(1);
    long total = 0;
    for (DecisionEntry d : decisions) {
      if (d.onBehalfOf().isPresent()) {
        total++;
        LogEntry.AgencyView b = d.onBehalfOf().get();
        c.add(List.of(d.requester().component().name(), b.level().name(), b.component().name()), 0, 1);
      }
    }
    return c.table("proxy-requests", "Proxy requests: made on behalf of another agency",
        "Requests whose requester named another agency it was asking for (onBehalfOf): a local officer relaying for a"
            + " federal agency, for instance. The total is the number of proxy requests.",
        List.of("requester component", "on behalf of: level", "on behalf of: component"), List.of("requests"),
        byPositions(rank(Component.class), rank(AgencyLevel.class), rank(Component.class)), Map.of(),
        List.of(total));
  }

  private Table taskForces(List<DecisionEntry> decisions) {
    Counts c = new Counts(1);
    long total = 0;
    for (DecisionEntry d : decisions) {
      if (!d.taskForces().isEmpty()) {
        total++;
        new LinkedHashSet<>(d.taskForces()).forEach(t -> c.add(List.of(t.wire()), 0, 1));
      }
    }
    return c.table("task-force-requests", "Requests by members of task forces",
        "Requests by a requester who belongs to a task force (JTTF, HSI task force, 287(g), ...). A requester can"
            + " belong to several, so the rows can add up to more than the total (requests by any task-force member).",
        List.of("task force"), List.of("requests"),
        byPositions(l -> java.util.Arrays.stream(TaskForce.values()).filter(t -> t.wire().equals(l)).findFirst()
            .map(Enum::ordinal).orElse(Integer.MAX_VALUE)), Map.of(), List.of(total));
  }

  private Table dataBySource(List<DecisionEntry> decisions) {
    Counts c = new Counts(3);
    for (DecisionEntry d : decisions) {
      for (SourceOutcome s : d.sources()) {
        String nc = nonCriminal(s.kind());
        s.released().forEach(cat -> c.add(List.of(s.kind().name(), cat.wire(), nc), 0, 1));
        s.withheld().forEach(cat -> c.add(List.of(s.kind().name(), cat.wire(), nc), 1, 1));
        s.referred().forEach(cat -> c.add(List.of(s.kind().name(), cat.wire(), nc), 2, 1));
      }
    }
    // What an auditor released is released too: in the same column, so that no total of this table is a count of
    // reviews (auditor-reviews may suppress those).
    for (ReviewEntry r : inPeriod(period, ReviewEntry.class)) {
      for (ReviewedSource s : reviewedSources(r)) {
        s.released().forEach(cat -> c.add(List.of(s.kind().name(), cat.wire(), nonCriminal(s.kind())), 0, 1));
      }
    }
    return c.table("data-by-source", "Data released and withheld, by source kind and category",
        "One count per source asked in a request and category asked of it: released (when the request was decided,"
            + " or by an auditor who released a referral, counted in the " + period.kind().noun() + " of the review),"
            + " withheld by a rule, or referred to an auditor. Non-criminal sources (DMV, school, utility, plate"
            + " readers) hold records that were never collected to investigate crime. Each column is suppressed on"
            + " its own; its total is the column's sum.",
        List.of("source kind", "category", "non-criminal source"), List.of("released", "withheld", "referred"),
        byPositions(rank(SourceKind.class), l -> Category.fromWire(l).map(Enum::ordinal).orElse(Integer.MAX_VALUE),
            l -> 0),
        Map.of(), List.of(c.sum(0), c.sum(1), c.sum(2)));
  }

  private Table recordsBySource(List<DecisionEntry> decisions) {
    Counts c = new Counts(1);
    List<String> unattributed = List.of(UNATTRIBUTED, "unknown");
    for (DecisionEntry d : decisions) {
      if (d.sources().stream().anyMatch(s -> s.releasedRecords().isEmpty())) {
        c.add(unattributed, 0, d.releasedRecords());
        continue;
      }
      for (SourceOutcome s : d.sources()) {
        c.add(List.of(s.kind().name(), nonCriminal(s.kind())), 0, s.releasedRecords().getAsLong());
      }
    }
    for (ReviewEntry r : inPeriod(period, ReviewEntry.class)) {
      List<ReviewedSource> sources = reviewedSources(r);
      if (sources.stream().anyMatch(s -> s.releasedRecords().isEmpty())) {
        c.add(unattributed, 0, r.releasedRecords());
        continue;
      }
      for (ReviewedSource s : sources) {
        c.add(List.of(s.kind().name(), nonCriminal(s.kind())), 0, s.releasedRecords().getAsLong());
      }
    }
    return c.table("records-by-source", "Records released, by source kind",
        "The records each kind of source released, when the request was decided or when an auditor released a"
            + " referral (counted in the " + period.kind().noun() + " of the review): the total is the records released"
            + " of Mission drift. A record is one row of a source (a driver's licence, a plate read, a school"
            + " record), cut down to the categories released. \"" + UNATTRIBUTED + "\": records of requests logged"
            + " before the ledger counted them per source, when more than one source released data.",
        List.of("source kind", "non-criminal source"), List.of("records released"),
        byPositions(rank(SourceKind.class), l -> 0), Map.of(), List.of(c.sum(0)));
  }

  private Table nonCriminal(List<DecisionEntry> decisions) {
    Counts c = new Counts(2);
    for (SourceKind kind : NON_CRIMINAL) {
      for (Mission m : Mission.values()) {
        c.ensure(List.of(kind.name(), m.label()));
      }
    }
    for (DecisionEntry d : decisions) {
      for (SourceOutcome s : d.sources()) {
        if (NON_CRIMINAL.contains(s.kind())) {
          List<String> key = List.of(s.kind().name(), d.mission().label());
          c.add(key, 0, s.released().isEmpty() ? 0 : 1);
          c.add(key, 1, s.withheld().isEmpty() ? 0 : 1);
        }
      }
    }
    return c.table("non-criminal-sources-by-mission", "Non-criminal sources: what they released, and for what",
        "One count per non-criminal source asked in a request: whether it released any category, and whether it"
            + " withheld any, by what the request served (see Mission drift). Each column is suppressed on its own.",
        List.of("source kind", "mission"), List.of("released data", "withheld data"),
        byPositions(rank(SourceKind.class), missionRank()), Map.of(), List.of(c.sum(0), c.sum(1)));
  }

  private Table rules(List<DecisionEntry> decisions) {
    Set<String> digests = digestsSeen();
    Counts c = new Counts(2);
    long withheld = 0;
    long referred = 0;
    for (DecisionEntry d : decisions) {
      for (SourceOutcome s : d.sources()) {
        withheld += s.withheld().isEmpty() ? 0 : 1;
        referred += s.referred().isEmpty() ? 0 : 1;
        for (RuleRef rule : distinct(s.rules(), digests)) {
          if (rule.effect().filter(e -> e == Effect.PERMIT || e == Effect.OBLIGATE).isPresent()) {
            continue; // a permit or obligation rule withholds nothing
          }
          List<String> key = ruleLabels(rule, true);
          c.add(key, 0, s.withheld().isEmpty() ? 0 : 1);
          c.add(key, 1, s.referred().isEmpty() ? 0 : 1);
        }
      }
    }
    return c.table("withheld-by-rule", "Denials and referrals by rule and citation",
        "One count per source asked in a request that had categories withheld (or referred), under each rule it"
            + " named. Each rule's effect and citation are in the public entry; for entries logged before they were"
            + " (version 1), they come from the rule packs whose digests the log records (bundle/rules.json). A"
            + " source can name several rules, so rows can add up to more than the totals (sources with something"
            + " withheld, or referred).",
        List.of("rule", "effect", "citation"), List.of("withheld", "referred"),
        Comparator.comparing(l -> l.get(0)), Map.of(), List.of(withheld, referred));
  }

  /**
   * What auditors decided on referrals, by the rules that referred them. One group with one total (the sources
   * reviewed), not a column per decision: per-decision totals would be the auditor-reviews counts, which that table
   * may suppress.
   */
  private Table referralsByRule() {
    Set<String> digests = digestsSeen();
    Counts c = new Counts(1);
    long reviewed = 0;
    for (ReviewEntry r : inPeriod(period, ReviewEntry.class)) {
      DecisionEntry d = referredRequest(r);
      for (ReviewedSource rs : reviewedSources(r)) {
        reviewed++;
        List<RuleRef> rules = d.sources().stream().filter(s -> s.source().equals(rs.source())).findFirst()
            .map(SourceOutcome::rules).orElse(List.of());
        for (RuleRef rule : distinct(rules, digests)) {
          if (rule.effect().filter(e -> e != Effect.REFER).isPresent()) {
            continue; // only the rules that held it for an auditor
          }
          List<String> key = new ArrayList<>(ruleLabels(rule, false));
          key.add(r.decision().name());
          c.add(key, 0, 1);
        }
      }
    }
    return c.table("referrals-by-rule", "What auditors decided on referrals, by rule and citation",
        "One count per source of a referred request that an auditor reviewed in the period, under each rule that"
            + " referred it, by what the auditor decided: PERMIT released what was referred, DENY kept it withheld."
            + " The total is the sources reviewed; a source can be referred by several rules.",
        List.of("rule", "citation", "auditor's decision"), List.of("sources"),
        byPositions(l -> 0, l -> 0, rank(Decision.class)), Map.of(), List.of(reviewed));
  }

  private Table reviews() {
    Counts c = new Counts(2);
    c.ensure(List.of(Decision.PERMIT.name()));
    c.ensure(List.of(Decision.DENY.name()));
    for (ReviewEntry r : inPeriod(period, ReviewEntry.class)) {
      c.add(List.of(r.decision().name()), 0, 1);
      c.add(List.of(r.decision().name()), 1, r.releasedRecords());
    }
    return c.table("auditor-reviews", "What auditors decided on referred requests",
        "One count per review in the period (PERMIT releases what was referred, never what a rule forbade), and the"
            + " records it released. Released records are suppressed with the reviews they belong to.",
        List.of("auditor's decision"), List.of("reviews", "records released"), byPositions(rank(Decision.class)),
        Map.of(1, 0), List.of(c.sum(0), c.sum(1)));
  }

  private Table rejected() {
    Counts c = new Counts(1);
    for (RejectedEntry r : inPeriod(period, RejectedEntry.class)) {
      c.add(List.of(r.requester().level().name(), r.reason()), 0, 1);
    }
    return c.table("rejected-requests", "Requests rejected before a decision",
        "Requests refused after authentication and before the rules could decide them (an unknown source, nothing"
            + " asked for, a rule that failed to evaluate): by requester level and reason.",
        List.of("level", "reason"), List.of("requests"), byPositions(rank(AgencyLevel.class), l -> 0),
        Map.of(), List.of(c.sum(0)));
  }

  private Table flags() {
    Counts c = new Counts(1);
    for (FlagEntry f : inPeriod(period, FlagEntry.class)) {
      c.add(List.of(f.detector(), f.severity()), 0, 1);
    }
    return c.table("flags-by-detector", "Flags raised by detection, by detector and severity",
        "One count per flag entry whose day falls in the period: the day the server published the flag, which for"
            + " detectors that need later requests (relay, volume-spike) can be days after the flagged request. Each"
            + " detector flags a request at most once. A flag is a lead for an auditor, not a finding: the detectors"
            + " and their thresholds are in detect/README.md.",
        List.of("detector", "severity"), List.of("flags"),
        byPositions(l -> 0, l -> SEVERITIES.contains(l) ? SEVERITIES.indexOf(l) : Integer.MAX_VALUE), Map.of(),
        List.of(c.sum(0)));
  }

  /** Requests and released records per mission for one period, suppressed; rows in {@link Mission} order. */
  private List<Table.Row> missionRows(Period p, List<String> prefix, List<Table.Row> totals) {
    long[] requests = new long[Mission.values().length];
    long[] records = new long[Mission.values().length];
    for (DecisionEntry d : inPeriod(p, DecisionEntry.class)) {
      requests[d.mission().ordinal()]++;
      records[d.mission().ordinal()] += d.releasedRecords();
    }
    for (ReviewEntry r : inPeriod(p, ReviewEntry.class)) {
      records[referredRequest(r).mission().ordinal()] += r.releasedRecords();
    }
    List<Long> req = java.util.Arrays.stream(requests).boxed().toList();
    List<Long> rec = java.util.Arrays.stream(records).boxed().toList();
    long reqTotal = req.stream().mapToLong(Long::longValue).sum();
    long recTotal = rec.stream().mapToLong(Long::longValue).sum();
    Suppression.Result r1 = Suppression.apply(req, reqTotal, k);
    Suppression.Result r2 = Suppression.apply(rec, recTotal, k, r1.suppressed());
    List<Table.Row> rows = new ArrayList<>();
    for (Mission m : Mission.values()) {
      int i = m.ordinal();
      List<String> labels = new ArrayList<>(prefix);
      labels.add(m.label());
      rows.add(new Table.Row(labels, List.of(r1.cells().get(i), share(r1.cells().get(i), r1.total()),
          r2.cells().get(i), share(r2.cells().get(i), r2.total()))));
    }
    List<String> labels = new ArrayList<>(prefix);
    labels.add("total");
    totals.add(new Table.Row(labels, List.of(r1.total(), share(r1.total(), r1.total()), r2.total(),
        share(r2.total(), r2.total()))));
    return rows;
  }

  private static final List<String> MISSION_COLUMNS = List.of("requests", "share of requests (%)",
      "records released", "share of records released (%)");

  private Table missionDrift() {
    List<Table.Row> totals = new ArrayList<>();
    List<Table.Row> rows = missionRows(period, List.of(), totals);
    return new Table("mission-drift", "Mission drift: what the requests served",
        "Each request counts once, under the first of: immigration enforcement (any effective purpose is civil or"
            + " criminal immigration enforcement, whatever purpose was declared), counter-terrorism, ordinary crime,"
            + " other. Records released include those an auditor released on review, counted in the "
            + period.kind().noun() + " of the review. Shares are of the published totals; a suppressed count has no"
            + " published share.",
        List.of("mission"), MISSION_COLUMNS, rows, totals);
  }

  private Table trend() {
    List<Table.Row> totals = new ArrayList<>();
    List<Table.Row> rows = new ArrayList<>();
    for (int back = options.trendPeriods(); back >= 0; back--) {
      // Earlier periods of the same kind: a quarterly report's trend is quarterly, a yearly one's yearly.
      Period p = period.minus(back);
      rows.addAll(missionRows(p, List.of(p.label()), totals));
    }
    Period.Kind kind = period.kind();
    return new Table("mission-drift-trend", "Mission drift over the last " + kind.plural(),
        "The mission-drift table for this " + kind.noun() + " and the " + options.trendPeriods() + " before it,"
            + " each " + kind.noun() + " suppressed on its own.",
        List.of(kind.noun(), "mission"), MISSION_COLUMNS, rows, totals);
  }

  private Table packs() {
    LocalDate start = period.firstDay();
    List<Table.Row> rows = new ArrayList<>();
    List<PackRef> current = List.of();
    Optional<PacksEntry> atStart = entries.stream().filter(e -> e instanceof PacksEntry && e.day().isBefore(start))
        .map(PacksEntry.class::cast).reduce((a, b) -> b);
    if (atStart.isPresent()) {
      current = atStart.get().packs();
      for (PackRef p : current) {
        rows.add(new Table.Row(List.of(atStart.get().day().toString(), p.id(), p.version(), p.digest(),
            "in force at the start of the period"), List.of()));
      }
    }
    for (PacksEntry e : inPeriod(period, PacksEntry.class)) {
      if (e.packs().equals(current)) {
        continue; // announced again unchanged (every restart announces)
      }
      Map<String, PackRef> before = new TreeMap<>();
      current.forEach(p -> before.put(p.id(), p));
      Set<String> now = new HashSet<>();
      for (PackRef p : e.packs()) {
        now.add(p.id());
        PackRef was = before.get(p.id());
        String change = was == null ? "added" : was.equals(p) ? "unchanged"
            : "changed from " + was.version() + " " + was.digest();
        rows.add(new Table.Row(List.of(e.day().toString(), p.id(), p.version(), p.digest(), change), List.of()));
      }
      for (PackRef p : current) {
        if (!now.contains(p.id())) {
          rows.add(new Table.Row(List.of(e.day().toString(), p.id(), p.version(), p.digest(), "removed"),
              List.of()));
        }
      }
      current = e.packs();
    }
    return new Table("packs-in-force", "Rule packs in force, and when they changed",
        "The packs in force at the start of the period (the last announcement before it), then every announcement in"
            + " the period that changed them. Each pack is named by id, version and the SHA-256 digest of its file.",
        List.of("announced", "pack", "version", "digest", "change"), List.of(), rows, List.of());
  }

  // ---- helpers ----

  private static final List<String> SEVERITIES = List.of("HIGH", "MEDIUM", "LOW");
  private static final String UNATTRIBUTED = "not counted per source (version-1 entries)";

  private static String nonCriminal(SourceKind kind) {
    return NON_CRIMINAL.contains(kind) ? "yes" : "no";
  }

  /**
   * What a review did per source: from the entry, or for a version-1 review from the referred request (PERMIT
   * released, DENY kept withheld, what each source referred; the records are known when one source referred
   * something, or none were released).
   */
  private List<ReviewedSource> reviewedSources(ReviewEntry r) {
    if (r.sources().isPresent()) {
      return r.sources().get();
    }
    List<SourceOutcome> referred = referredRequest(r).sources().stream().filter(s -> !s.referred().isEmpty())
        .toList();
    boolean permit = r.decision() == Decision.PERMIT;
    OptionalLong records;
    if (referred.size() == 1) {
      records = OptionalLong.of(r.releasedRecords());
    } else {
      records = r.releasedRecords() == 0 ? OptionalLong.of(0) : OptionalLong.empty();
    }
    return referred.stream().map(s -> new ReviewedSource(s.source(), s.kind(), permit ? s.referred() : List.of(),
        permit ? List.of() : s.referred(), records)).toList();
  }

  /**
   * A source's rules, each once, with effect and citation: from the entry (version 2), or from the rule packs whose
   * digest the log records (a version-1 entry).
   */
  private List<RuleRef> distinct(List<RuleRef> rules, Set<String> digests) {
    Map<String, RuleRef> byId = new java.util.LinkedHashMap<>();
    for (RuleRef r : rules) {
      if (r.effect().isPresent()) {
        byId.putIfAbsent(r.id(), r);
      } else {
        Optional<RuleCatalog.Rule> info = options.rules().rule(r.id()).filter(x -> digests.contains(x.packDigest()));
        byId.putIfAbsent(r.id(), new RuleRef(r.id(), info.map(RuleCatalog.Rule::effect),
            info.map(RuleCatalog.Rule::citation)));
      }
    }
    return List.copyOf(byId.values());
  }

  private static List<String> ruleLabels(RuleRef rule, boolean withEffect) {
    String citation = rule.citation().orElse("not in the public entry");
    return withEffect ? List.of(rule.id(), rule.effect().map(Effect::wire).orElse("unknown"), citation)
        : List.of(rule.id(), citation);
  }

  private DecisionEntry referredRequest(ReviewEntry r) {
    LogEntry e = byIndex.get(r.requestIndex());
    if (e instanceof DecisionEntry d) {
      return d;
    }
    throw new InvalidInputException("ledger entry " + r.index(), "$.requestIndex", "names entry " + r.requestIndex()
        + (e == null ? ", which is not among the entries read" : ", which is not a decided request"), null);
  }

  /** Every pack digest the entries record, in announcements or in decisions ({@code id@version sha256:...}). */
  private Set<String> digestsSeen() {
    Set<String> s = new HashSet<>();
    for (LogEntry e : entries) {
      if (e instanceof PacksEntry p) {
        p.packs().forEach(r -> s.add(r.digest()));
      } else if (e instanceof DecisionEntry d) {
        for (String ref : d.packs()) {
          int sp = ref.lastIndexOf(' ');
          if (sp > 0) {
            s.add(ref.substring(sp + 1));
          }
        }
      }
    }
    return s;
  }

  private Table oneColumn(String id, String title, String notes, String label, List<DecisionEntry> decisions,
      java.util.function.Function<DecisionEntry, List<String>> key, ToIntFunction<String> rank,
      List<String> alwaysShown) {
    Counts c = new Counts(1);
    alwaysShown.forEach(l -> c.ensure(List.of(l)));
    decisions.forEach(d -> c.add(key.apply(d), 0, 1));
    return c.table(id, title, notes, List.of(label), List.of("requests"), byPositions(rank), Map.of(),
        List.of((long) decisions.size()));
  }

  private <T extends LogEntry> List<T> inPeriod(Period p, Class<T> type) {
    return entries.stream().filter(e -> type.isInstance(e) && p.contains(e.day())).map(type::cast).toList();
  }

  static String typeOf(LogEntry e) {
    return switch (e) {
      case DecisionEntry d -> "decision";
      case ReviewEntry r -> "review";
      case RejectedEntry r -> "rejected";
      case PacksEntry p -> "packs";
      case FlagEntry f -> "flag";
      case LogEntry.Other o -> o.type();
    };
  }

  private static Value share(Value part, Value whole) {
    if (part instanceof Value.Count p && whole instanceof Value.Count w) {
      return w.value() == 0 ? new Value.NotApplicable() : Value.Percent.of(p.value(), w.value());
    }
    return new Value.Suppressed();
  }

  private static <E extends Enum<E>> ToIntFunction<String> rank(Class<E> type) {
    return l -> {
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(l)) {
          return e.ordinal();
        }
      }
      return Integer.MAX_VALUE;
    };
  }

  private static ToIntFunction<String> missionRank() {
    return l -> java.util.Arrays.stream(Mission.values()).filter(m -> m.label().equals(l)).findFirst()
        .map(Enum::ordinal).orElse(Integer.MAX_VALUE);
  }

  private static <E extends Enum<E>> List<String> names(Class<E> type) {
    return java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
  }

  /** Rows ordered by each label's rank in turn, then by the label's text. */
  @SafeVarargs
  private static Comparator<List<String>> byPositions(ToIntFunction<String>... ranks) {
    return (a, b) -> {
      for (int i = 0; i < ranks.length; i++) {
        int c = Integer.compare(ranks[i].applyAsInt(a.get(i)), ranks[i].applyAsInt(b.get(i)));
        if (c == 0) {
          c = a.get(i).compareTo(b.get(i));
        }
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
  }

  /** Counts per row (labels) and column, before suppression. */
  private final class Counts {
    private final int columns;
    private final Map<List<String>, long[]> rows = new HashMap<>();
    private final Set<List<String>> fixed = new HashSet<>();

    Counts(int columns) {
      this.columns = columns;
    }

    /** A row shown even when all its counts are zero. */
    void ensure(List<String> key) {
      rows.computeIfAbsent(List.copyOf(key), x -> new long[columns]);
      fixed.add(List.copyOf(key));
    }

    void add(List<String> key, int column, long n) {
      rows.computeIfAbsent(List.copyOf(key), x -> new long[columns])[column] += n;
    }

    long sum(int column) {
      return rows.values().stream().mapToLong(v -> v[column]).sum();
    }

    /**
     * The suppressed table. {@code follow} maps a column to the column whose suppressed rows it must also hide
     * (records released follow the reviews they belong to). Rows that are zero everywhere are left out unless fixed.
     */
    Table table(String id, String title, String notes, List<String> labelColumns, List<String> valueColumns,
        Comparator<List<String>> order, Map<Integer, Integer> follow, List<Long> totals) {
      List<List<String>> keys = rows.keySet().stream()
          .filter(key -> fixed.contains(key) || java.util.Arrays.stream(rows.get(key)).anyMatch(v -> v != 0))
          .sorted(order).toList();
      List<Suppression.Result> results = new ArrayList<>();
      for (int c = 0; c < columns; c++) {
        int col = c;
        List<Long> cells = keys.stream().map(key -> rows.get(key)[col]).toList();
        Set<Integer> hidden = follow.containsKey(c) ? results.get(follow.get(c)).suppressed() : Set.of();
        results.add(Suppression.apply(cells, totals.get(c), k, hidden));
      }
      List<Table.Row> out = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        int row = i;
        out.add(new Table.Row(keys.get(i), results.stream().map(r -> r.cells().get(row)).toList()));
      }
      List<String> totalLabels = new ArrayList<>();
      totalLabels.add("total");
      while (totalLabels.size() < labelColumns.size()) {
        totalLabels.add("");
      }
      Table.Row total = new Table.Row(totalLabels, results.stream().map(Suppression.Result::total).toList());
      return new Table(id, title, notes, labelColumns, valueColumns, out, List.of(total));
    }
  }
}
