package org.firebreak.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Component;
import org.firebreak.core.vocab.LegalProcessType;
import org.firebreak.core.vocab.SourceKind;
import org.firebreak.detect.importer.Format;
import org.firebreak.policy.ImmigrationTextClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each detector on events made for it, and all of them on the documented network-audit shape. */
class DetectorsTest {
  @TempDir
  Path dir;

  static final Instant T0 = Instant.parse("2025-11-02T09:00:00Z");
  int rows;

  /** A shared-access ALPR search of a California custodian's data, with nothing else set. */
  AuditEvent.Builder search(String id) {
    rows++;
    return AuditEvent.builder(id, new Location("test.csv", rows + 1, rows)).time(Optional.of(T0))
        .sources(List.of(SourceKind.ALPR)).custodian(Optional.of("oakland-ca-pd"))
        .custodianJurisdiction(Optional.of("US-CA")).sharedAccess(true).caseNumber(Optional.of("25-1"));
  }

  static List<Flag> run(AuditEvent... events) {
    Detection d = Detection.standard(new ImmigrationTextClassifier(), Settings.defaults());
    List<Flag> flags = new ArrayList<>();
    for (AuditEvent e : events) {
      d.accept(e, flags::add);
    }
    d.finish(flags::add);
    return flags;
  }

  static List<String> detectors(List<Flag> flags) {
    return flags.stream().map(Flag::detector).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ICE WARRANT", "I.C.E.", "ICE+ERO", "assist HSI", "I-247A on file", "Form I-200",
      "immigration", "illegal alien", "287(g) op", "CBP assist", "ice warrant", "deportation"})
  void immigrationPurposeFiresOnWhatRequestersWrite(String reason) {
    List<Flag> flags = run(search("e").reason(reason).build());
    assertThat(flags).filteredOn(f -> f.detector().equals("immigration-purpose")).singleElement()
        .satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.HIGH); // California forbids it
          assertThat(f.citations()).contains("Cal. Gov. Code § 7284.6(a)(1)");
          assertThat(f.explanation()).startsWith("reason \"" + reason + "\" ");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"police", "dice game", "hotplate removal", "black ice on road", "possession of ice",
      "sale of ice", "erosion", "Alice Price", "Rice", "ICEMAN", "hero", "notice", "287(B) vehicle",
      "FBI SAFE ST TF", "justice", "tree removal"})
  void immigrationPurposeStaysQuietOnTraps(String reason) {
    assertThat(detectors(run(search("e").reason(reason).build())))
        .doesNotContain("immigration-purpose", "task-force", "immigration-agency");
  }

  @Test
  void immigrationPurposeOutsideASanctuaryStateIsMediumWithoutCitations() {
    List<Flag> flags = run(search("e").custodianJurisdiction(Optional.of("US-FL")).reason("ICE WARRANT").build());
    Flag f = flags.stream().filter(x -> x.detector().equals("immigration-purpose")).findFirst().orElseThrow();
    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.citations()).isEmpty();
    assertThat(f.explanation()).contains("no state law restricting this is encoded for US-FL");
  }

  @ParameterizedTest
  @ValueSource(strings = {"U.S. Immigration and Customs Enforcement", "Homeland Security Investigations",
      "Customs and Border Protection", "US Border Patrol - El Paso Sector", "ICE ERO Los Angeles"})
  void immigrationAgencyByOrganisationName(String org) {
    List<Flag> flags = run(search("e").organization(Optional.of(org)).level(Optional.of(AgencyLevel.FEDERAL))
        .reason("theft").build());
    assertThat(flags).filteredOn(f -> f.detector().equals("immigration-agency")).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Department of Homeland Security", "U.S. Secret Service", "Rice County MN SO",
      "Border County Sheriff", "Customs Brokers Inc"})
  void immigrationAgencyNotOnOtherNames(String org) {
    assertThat(detectors(run(search("e").organization(Optional.of(org)).reason("theft").build())))
        .doesNotContain("immigration-agency");
  }

  @Test
  void onBehalfOfAnImmigrationAuthority() {
    List<Flag> flags = run(search("e").organization(Optional.of("Fresno CA PD"))
        .requesterJurisdiction(Optional.of("US-CA")).onBehalfOf(Optional.of("ICE ERO San Francisco"))
        .reason("theft").build());
    assertThat(flags).filteredOn(f -> f.detector().equals("immigration-agency")).singleElement()
        .satisfies(f -> assertThat(f.explanation()).contains("acting on behalf of \"ICE ERO San Francisco\""));
  }

  @Test
  void relayOfTheSamePlateWithinAWeek() {
    AuditEvent local = search("local").organization(Optional.of("Fresno CA PD"))
        .requesterJurisdiction(Optional.of("US-CA")).subject(Optional.of("7ABC123")).reason("stolen vehicle")
        .build();
    AuditEvent ice = search("ice").organization(Optional.of("U.S. Immigration and Customs Enforcement"))
        .level(Optional.of(AgencyLevel.FEDERAL)).subject(Optional.of("7abc 123"))
        .time(Optional.of(T0.plus(6, ChronoUnit.DAYS))).reason("locate").build();
    AuditEvent late = search("late").organization(Optional.of("Fresno CA PD"))
        .requesterJurisdiction(Optional.of("US-CA")).subject(Optional.of("8XYZ999")).reason("theft").build();
    AuditEvent iceLate = search("ice-late").organization(Optional.of("U.S. Border Patrol"))
        .subject(Optional.of("8XYZ999")).time(Optional.of(T0.plus(8, ChronoUnit.DAYS))).reason("x").build();
    List<Flag> relays = run(ice, local, late, iceLate).stream().filter(f -> f.detector().equals("relay"))
        .toList(); // newest-first or not, the order of the log does not matter
    assertThat(relays).singleElement().satisfies(f -> {
      assertThat(f.eventId()).isEqualTo("local");
      assertThat(f.evidence()).containsExactly("local", "ice");
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.explanation()).contains("144 hours later").contains("\"7ABC123\"");
    });
  }

  @Test
  void relayBySameOfficerWithinADay() {
    AuditEvent local = search("l").user(Optional.of("J. Smith")).organization(Optional.of("Fresno CA PD"))
        .subject(Optional.of("5DEF456")).reason("suspicious vehicle").build();
    AuditEvent assist = search("a").user(Optional.of("J. Smith")).organization(Optional.of("Fresno CA PD"))
        .subject(Optional.of("6GHI789")).time(Optional.of(T0.plus(3, ChronoUnit.HOURS))).reason("assist HSI")
        .build();
    List<Flag> relays = run(local, assist).stream().filter(f -> f.detector().equals("relay")).toList();
    assertThat(relays).singleElement().satisfies(f -> {
      assertThat(f.eventId()).isEqualTo("l");
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.evidence()).containsExactly("l", "a");
    });
  }

  /**
   * Relay on random logs against its definition, computed here the obvious way: a local search is flagged by the
   * earliest immigration-related search of the same plate within the relay window after it (HIGH), else by the same
   * officer's earliest one within the officer window (MEDIUM), with the two as evidence. Three plates (spelt two ways)
   * and three officers over ten days, a third of the searches immigration-related, every search at its own minute.
   */
  @Test
  void relayFlagsWhatItsDefinitionSaysOnRandomLogs() {
    Settings settings = Settings.defaults();
    java.util.Random rnd = new java.util.Random(20261129);
    String[][] plates = {{"7ABC123", "7abc 123"}, {"8XYZ999", "8xyz-999"}, {"5DEF456", "5 DEF 456"}};
    for (int round = 0; round < 40; round++) {
      List<Integer> minutes = new ArrayList<>();
      for (int m = 0; m < 10 * 24 * 60; m += 1 + rnd.nextInt(400)) {
        minutes.add(m);
      }
      java.util.Collections.shuffle(minutes, rnd); // the log's order is not its time order
      List<AuditEvent> events = new ArrayList<>();
      Map<String, long[]> facts = new java.util.HashMap<>(); // id -> {minute, plate, officer, immigration}
      for (int m : minutes) {
        String id = "e" + m;
        int plate = rnd.nextInt(3);
        int officer = rnd.nextInt(3);
        boolean immigration = rnd.nextInt(3) == 0;
        facts.put(id, new long[] {m, plate, officer, immigration ? 1 : 0});
        events.add(search(id).time(Optional.of(T0.plus(m, ChronoUnit.MINUTES)))
            .subject(Optional.of(plates[plate][rnd.nextInt(2)])).user(Optional.of("officer " + officer))
            .organization(Optional.of("Fresno CA PD")).reason(immigration ? "assist HSI" : "stolen vehicle")
            .build());
      }
      Map<String, String> expected = new java.util.TreeMap<>(); // flagged id -> severity and evidence
      for (var local : facts.entrySet()) {
        long[] l = local.getValue();
        if (l[3] == 1) {
          continue;
        }
        Optional<String> byPlate = firstLater(facts, l, 1, settings.relayWindow().toMinutes());
        Optional<String> byOfficer = firstLater(facts, l, 2, settings.officerWindow().toMinutes());
        byPlate.map(e -> "HIGH " + e).or(() -> byOfficer.map(e -> "MEDIUM " + e))
            .ifPresent(v -> expected.put(local.getKey(), v));
      }
      Map<String, String> actual = new java.util.TreeMap<>();
      for (Flag f : run(events.toArray(AuditEvent[]::new))) {
        if (f.detector().equals("relay")) {
          assertThat(f.evidence()).hasSize(2).first().isEqualTo(f.eventId());
          assertThat(actual.put(f.eventId(), f.severity() + " " + f.evidence().get(1))).isNull();
        }
      }
      assertThat(actual).as("round %d", round).isNotEmpty().isEqualTo(expected);
    }
  }

  /** The earliest immigration-related search after {@code local} sharing fact {@code key} within {@code window}. */
  private static Optional<String> firstLater(Map<String, long[]> facts, long[] local, int key, long window) {
    return facts.entrySet().stream()
        .filter(e -> e.getValue()[3] == 1 && e.getValue()[key] == local[key] && e.getValue()[0] > local[0]
            && e.getValue()[0] - local[0] <= window)
        .min(java.util.Comparator.comparingLong(e -> e.getValue()[0])).map(Map.Entry::getKey);
  }

  @Test
  void taskForce() {
    assertThat(detectors(run(search("a").reason("HSI TFO follow up").build()))).contains("task-force");
    assertThat(run(search("b").organization(Optional.of("Sheriff 287(g) Task Force")).reason("x").build()))
        .filteredOn(f -> f.detector().equals("task-force")).singleElement()
        .satisfies(f -> assertThat(f.citations()).contains("8 U.S.C. § 1357(g)", "Cal. Gov. Code § 7284.6(b)(3)"));
    assertThat(detectors(run(search("c").reason("FBI SAFE ST TF").build()))).doesNotContain("task-force");
  }

  @Test
  void outOfStateOnlyWhereTheCustodiansLawLimitsIt() {
    AuditEvent texas = search("tx").organization(Optional.of("Houston TX PD"))
        .requesterJurisdiction(Optional.of("US-TX")).reason("theft").build();
    assertThat(run(texas)).filteredOn(f -> f.detector().equals("out-of-state")).singleElement()
        .satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.HIGH);
          assertThat(f.citations()).containsExactly("Cal. Civ. Code § 1798.90.55(b)");
        });
    AuditEvent inState = search("ca").organization(Optional.of("Fresno CA PD"))
        .requesterJurisdiction(Optional.of("US-CA")).reason("theft").build();
    AuditEvent florida = search("fl").custodianJurisdiction(Optional.of("US-FL"))
        .requesterJurisdiction(Optional.of("US-TX")).reason("theft").build();
    AuditEvent own = search("own").sharedAccess(false).requesterJurisdiction(Optional.of("US-TX")).reason("t")
        .build();
    assertThat(detectors(run(inState, florida, own))).doesNotContain("out-of-state");
  }

  /**
   * Cal. Civ. Code § 1798.90.55(b): a public agency shall not share ALPR information except with another (California)
   * public agency. A California agency that searches for an out-of-state agency shares the result with it, so the
   * request is flagged as the out-of-state agency's own would be, whoever holds the plate reads (the AG's bulletin
   * 2023-DLE-06; legal-landscape.md, "deny proxy lookups").
   */
  @Test
  void outOfStateOnBehalfOfAnotherStatesAgency() {
    // a Costa Verde officer relaying for Texas DPS, on Costa Verde's own plate reads (not shared access)
    AuditEvent relay = search("relay").sharedAccess(false).custodianJurisdiction(Optional.of("US-CA-COSTA_VERDE"))
        .organization(Optional.of("Costa Verde PD")).requesterJurisdiction(Optional.of("US-CA-COSTA_VERDE"))
        .onBehalfOf(Optional.of("Texas DPS")).onBehalfOfLevel(Optional.of(AgencyLevel.STATE))
        .onBehalfOfJurisdiction(Optional.of("US-TX")).reason("narcotics").build();
    assertThat(run(relay)).filteredOn(f -> f.detector().equals("out-of-state")).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.citations()).containsExactly("Cal. Civ. Code § 1798.90.55(b)");
      assertThat(f.explanation()).contains("on behalf of \"Texas DPS\" (US-TX)");
    });
    // a California fusion center answering Arizona's RFI on another agency's plate reads
    AuditEvent rfi = search("rfi").organization(Optional.of("California State Threat Assessment Center"))
        .requesterJurisdiction(Optional.of("US-CA")).onBehalfOf(Optional.of("Arizona DPS"))
        .onBehalfOfJurisdiction(Optional.of("US-AZ")).reason("RFI: stolen vehicle").build();
    assertThat(run(rfi)).filteredOn(f -> f.detector().equals("out-of-state")).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
    // Illinois: an out-of-state agency must first sign a declaration (625 ILCS 5/2-130), which a log cannot show
    AuditEvent illinois = search("il").custodianJurisdiction(Optional.of("US-IL"))
        .requesterJurisdiction(Optional.of("US-IL")).onBehalfOf(Optional.of("Indiana State Police"))
        .onBehalfOfJurisdiction(Optional.of("US-IN")).reason("theft").build();
    assertThat(run(illinois)).filteredOn(f -> f.detector().equals("out-of-state")).singleElement()
        .satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
          assertThat(f.citations()).containsExactly("625 ILCS 5/2-130");
        });
  }

  @Test
  void onBehalfOfInStateOrNotAlprIsNotOutOfState() {
    AuditEvent partner = search("partner").requesterJurisdiction(Optional.of("US-CA"))
        .onBehalfOf(Optional.of("Valle County Sheriff")).onBehalfOfJurisdiction(Optional.of("US-CA-VALLE"))
        .reason("theft").build();
    AuditEvent dmv = search("dmv").sources(List.of(SourceKind.DMV)).requesterJurisdiction(Optional.of("US-CA"))
        .onBehalfOf(Optional.of("Texas DPS")).onBehalfOfJurisdiction(Optional.of("US-TX")).reason("theft").build();
    AuditEvent texasData = search("tx-data").custodianJurisdiction(Optional.of("US-TX"))
        .requesterJurisdiction(Optional.of("US-TX")).onBehalfOf(Optional.of("Arizona DPS"))
        .onBehalfOfJurisdiction(Optional.of("US-AZ")).reason("theft").build();
    assertThat(detectors(run(partner, dmv, texasData))).doesNotContain("out-of-state");
  }

  /** The same law for a federal beneficiary: federal agencies are not "public agencies" (Civ. Code § 1798.90.5(f)). */
  @Test
  void federalAccessOnBehalfOfAFederalAgency() {
    AuditEvent forFbi = search("fbi").sharedAccess(false).organization(Optional.of("Costa Verde PD"))
        .requesterJurisdiction(Optional.of("US-CA-COSTA_VERDE")).onBehalfOf(Optional.of("FBI San Francisco"))
        .onBehalfOfLevel(Optional.of(AgencyLevel.FEDERAL)).onBehalfOfJurisdiction(Optional.of("US"))
        .reason("bank robbery").build();
    List<Flag> flags = run(forFbi);
    assertThat(flags).filteredOn(f -> f.detector().equals("federal-access")).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.citations()).containsExactly("Cal. Civ. Code § 1798.90.55(b)");
      assertThat(f.explanation()).contains("on behalf of federal agency \"FBI San Francisco\"");
    });
    assertThat(detectors(flags)).doesNotContain("out-of-state");
    // Illinois: HIGH for an immigration authority (named, with no level given), MEDIUM for another federal agency
    AuditEvent forIce = search("ice").custodianJurisdiction(Optional.of("US-IL"))
        .requesterJurisdiction(Optional.of("US-IL")).onBehalfOf(Optional.of("ICE ERO Chicago")).reason("x").build();
    AuditEvent forAtf = search("atf").custodianJurisdiction(Optional.of("US-IL"))
        .requesterJurisdiction(Optional.of("US-IL")).onBehalfOf(Optional.of("ATF Chicago"))
        .onBehalfOfLevel(Optional.of(AgencyLevel.FEDERAL)).reason("x").build();
    assertThat(run(forIce, forAtf)).filteredOn(f -> f.detector().equals("federal-access"))
        .extracting(Flag::eventId, Flag::severity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ice", Severity.HIGH),
            org.assertj.core.groups.Tuple.tuple("atf", Severity.MEDIUM));
  }

  /**
   * 8 U.S.C. § 1373 and Cal. Gov. Code § 7284.6(e): information on a person's citizenship or immigration status may
   * be exchanged with immigration authorities; the carve-out is that narrow (not addresses, release dates, photos).
   */
  @Test
  void aRequestForImmigrationStatusOnlyRaisesNoImmigrationFlag() {
    AuditEvent.Builder ice = search("status").sources(List.of(SourceKind.JAIL_BOOKING))
        .organization(Optional.of("ICE Enforcement and Removal Operations, San Francisco"))
        .component(Optional.of(Component.ICE_ERO)).level(Optional.of(AgencyLevel.FEDERAL))
        .requesterJurisdiction(Optional.of("US")).reason("Status check under 8 U.S.C. 1373 (legal process I-247A)")
        .legalProcess(Optional.of(LegalProcessType.DETAINER));
    assertThat(detectors(run(ice.categories(List.of(Category.IMMIGRATION_STATUS)).build())))
        .doesNotContain("immigration-agency", "immigration-purpose");
    assertThat(run(search("status-and-address").sources(List.of(SourceKind.JAIL_BOOKING))
        .organization(Optional.of("ICE Enforcement and Removal Operations, San Francisco"))
        .component(Optional.of(Component.ICE_ERO)).reason("Status check (legal process I-247A)")
        .categories(List.of(Category.IMMIGRATION_STATUS, Category.ADDRESS_HOME)).build()))
        .filteredOn(f -> f.detector().startsWith("immigration-")).extracting(Flag::detector, Flag::severity)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("immigration-agency", Severity.HIGH),
            org.assertj.core.groups.Tuple.tuple("immigration-purpose", Severity.HIGH));
    // no categories named: everything the source holds
    assertThat(detectors(run(ice.categories(List.of()).build()))).contains("immigration-agency",
        "immigration-purpose");
  }

  /**
   * A judge's warrant is the exception the sanctuary laws make (legal-landscape.md § 0.1; an ICE form I-200 is not
   * one): the immigration flags drop to LOW for the warrant to be checked. SB 34 makes no such exception for ALPR data
   * going to a federal agency, so federal-access stays HIGH.
   */
  @Test
  void judicialProcessLowersTheImmigrationFlagsButNotFederalAlprAccess() {
    AuditEvent.Builder hsi = search("hsi").organization(Optional.of("Homeland Security Investigations, San Francisco"))
        .component(Optional.of(Component.ICE_HSI)).level(Optional.of(AgencyLevel.FEDERAL))
        .requesterJurisdiction(Optional.of("US")).reason("sex trafficking ring (legal process 3:26-mj-71234)");
    List<Flag> judicial = run(hsi.legalProcess(Optional.of(LegalProcessType.JUDICIAL_WARRANT)).build());
    assertThat(judicial).filteredOn(f -> f.detector().equals("immigration-agency")).singleElement()
        .satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.LOW);
          assertThat(f.explanation()).contains("judicial process");
        });
    assertThat(judicial).filteredOn(f -> f.detector().equals("federal-access")).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
    assertThat(run(hsi.legalProcess(Optional.of(LegalProcessType.ADMINISTRATIVE_WARRANT)).build()))
        .filteredOn(f -> f.detector().equals("immigration-agency")).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
  }

  @Test
  void federalAccessInCaliforniaNotInFlorida() {
    AuditEvent fbi = search("fbi").organization(Optional.of("FBI Los Angeles")).level(Optional.of(AgencyLevel.FEDERAL))
        .requesterJurisdiction(Optional.of("US")).reason("bank robbery").build();
    assertThat(run(fbi)).filteredOn(f -> f.detector().equals("federal-access")).singleElement()
        .satisfies(f -> assertThat(f.citations()).containsExactly("Cal. Civ. Code § 1798.90.55(b)"));
    AuditEvent fl = search("fl").custodianJurisdiction(Optional.of("US-FL")).level(Optional.of(AgencyLevel.FEDERAL))
        .reason("bank robbery").build();
    assertThat(detectors(run(fl))).doesNotContain("federal-access");
  }

  @Test
  void missingCaseNumber() {
    assertThat(detectors(run(search("a").caseNumber(Optional.empty()).reason("26-01628, 211PC").build(),
        search("b").caseNumber(Optional.empty()).reason("SO25-001234 burglary").build(),
        search("c").caseNumber(Optional.empty()).reason("case #4411").build(),
        search("d").reason("investigation").build()))).doesNotContain("missing-case-number");
    assertThat(run(search("e").caseNumber(Optional.empty()).reason("investigation").build()))
        .filteredOn(f -> f.detector().equals("missing-case-number")).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
    assertThat(detectors(run(search("f").caseNumber(Optional.empty()).reason("211PC").build())))
        .contains("missing-case-number");
  }

  @Test
  void bulkSearch() {
    assertThat(run(search("wide").networks(OptionalLong.of(6601)).reason("x")
        .timeFrame(Optional.of(new TimeRange(T0.minus(45, ChronoUnit.DAYS), T0))).build()))
        .filteredOn(f -> f.detector().equals("bulk-search")).singleElement().satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.HIGH);
          assertThat(f.explanation()).isEqualTo("searched 6,601 networks over a time frame of 45 days");
        });
    assertThat(detectors(run(search("narrow").networks(OptionalLong.of(840)).reason("x")
        .timeFrame(Optional.of(new TimeRange(T0.minus(12, ChronoUnit.HOURS), T0))).build())))
        .doesNotContain("bulk-search");
  }

  @Test
  void volumeSpikeAgainstTheRequestersOwnMedian() {
    List<AuditEvent> events = new ArrayList<>();
    for (int day = 0; day < 20; day++) {
      for (int i = 0; i < 2; i++) {
        events.add(search("d" + day + "-" + i).organization(Optional.of("Fresno CA PD"))
            .time(Optional.of(T0.plus(day, ChronoUnit.DAYS).plus(i, ChronoUnit.MINUTES))).reason("x").build());
      }
    }
    for (int i = 0; i < 30; i++) {
      events.add(search("spike-" + i).organization(Optional.of("Fresno CA PD"))
          .time(Optional.of(T0.plus(20, ChronoUnit.DAYS).plus(i, ChronoUnit.MINUTES))).reason("x").build());
    }
    List<Flag> spikes = run(events.toArray(AuditEvent[]::new)).stream()
        .filter(f -> f.detector().equals("volume-spike")).toList();
    // 21 days: twenty of 2 and one of 30, so the median day is 2 and 30 is 15 times it
    assertThat(spikes).singleElement().satisfies(f -> {
      assertThat(f.eventId()).isEqualTo("spike-0");
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.explanation()).isEqualTo("organisation Fresno CA PD ran 30 searches on 2025-11-22 against a"
          + " median of 2 a day over 21 days (15.0x); evidence lists the first 20");
      assertThat(f.evidence()).hasSize(20);
    });
  }

  @Test
  void theDocumentedNetworkAuditShapeEndToEnd() throws Exception {
    Path f = dir.resolve("oakland-ca-pd-network-audit.csv");
    Files.writeString(f, FlockImportTest.NETWORK_AUDIT);
    Runs r = Runs.of(f, Format.AUTO);
    assertThat(detectors(r.on("a1"))).containsExactly("relay");
    assertThat(detectors(r.on("a2"))).containsExactlyInAnyOrder("immigration-purpose", "immigration-agency",
        "federal-access", "missing-case-number", "bulk-search");
    assertThat(detectors(r.on("a3"))).containsExactlyInAnyOrder("out-of-state", "missing-case-number");
    assertThat(r.on("a2")).allSatisfy(x -> assertThat(x.source().line()).isEqualTo(4));
  }
}
