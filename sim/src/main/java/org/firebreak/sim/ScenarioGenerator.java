package org.firebreak.sim;

import static org.firebreak.core.vocab.Category.ADDRESS_HOME;
import static org.firebreak.core.vocab.Category.ALPR_READ;
import static org.firebreak.core.vocab.Category.ASSOCIATES;
import static org.firebreak.core.vocab.Category.CONTACT;
import static org.firebreak.core.vocab.Category.CRIMINAL_HISTORY;
import static org.firebreak.core.vocab.Category.CRIMINAL_INTELLIGENCE;
import static org.firebreak.core.vocab.Category.CUSTODY_RELEASE_DATE;
import static org.firebreak.core.vocab.Category.DMV_PHOTO;
import static org.firebreak.core.vocab.Category.DMV_RECORD;
import static org.firebreak.core.vocab.Category.DMV_SOURCE_DOCUMENTS;
import static org.firebreak.core.vocab.Category.IDENTITY;
import static org.firebreak.core.vocab.Category.IMMIGRATION_STATUS;
import static org.firebreak.core.vocab.Category.SCHEDULE;
import static org.firebreak.core.vocab.Category.UTILITY_ACCOUNT;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.LegalProcess;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Issuer;
import org.firebreak.core.vocab.LegalProcessType;
import org.firebreak.core.vocab.Purpose;

/**
 * Makes a month of requests against a city: the stories in their proportions ({@link Story#perThousand()}), each
 * about a real resident, vehicle, booking, pupil or file of the city, at a time in the month; then labels each from
 * its facts with {@link Law}. The same city and seed always give the same scenario.
 */
public final class ScenarioGenerator {
  private static final Purpose[] CRIMES = {Purpose.VIOLENT_CRIME, Purpose.PROPERTY_CRIME, Purpose.NARCOTICS};
  private static final String[] CRIME_REASONS = {
      "Armed robbery at a corner store; identifying the suspect seen on video",
      "Residential burglary series; suspect vehicle seen leaving the scene",
      "Assault with a deadly weapon outside a bar; locating the suspect",
      "Fentanyl sales near the high school; identifying the seller",
      "Catalytic converter thefts; tracing the suspect vehicle",
      "Domestic violence with a firearm; locating the suspect for arrest"};
  /** Reasons typed by officers running lookups for ICE, as found in vendor audit logs (legal-landscape.md § 16). */
  private static final String[] RELAY_REASONS = {
      "ICE+ERO", "ICE WARRANT", "Assist ICE ERO with locating the subject", "per ERO request, I-200 subject",
      "immigration", "Assist HSI with locating subject for removal", "ICE hold follow-up"};
  private static final String[] THIN_REASONS = {
      "Attended a protest at City Hall; general awareness", "Person of interest, social media posts critical of"
      + " police", "Subject of interest, community awareness", "Frequent visitor to the mosque on Harbor Street"};

  private final City city;
  private final SplittableRandom random;

  private ScenarioGenerator(City city, long seed) {
    this.city = city;
    this.random = new SplittableRandom(seed ^ 0x5CE4A810L);
  }

  /** The month's requests for the city's size. */
  public static Scenario generate(City city, long seed) {
    return new ScenarioGenerator(city, seed).month(city.size().requests());
  }

  private Scenario month(int count) {
    List<Story> deck = new ArrayList<>();
    int total = 0;
    for (Story s : Story.values()) {
      total += s.perThousand();
    }
    for (Story s : Story.values()) {
      long n = Math.max(1, Math.round((double) count * s.perThousand() / total));
      for (int i = 0; i < n; i++) {
        deck.add(s);
      }
    }
    // Shuffle with our own random (Collections.shuffle would take another).
    for (int i = deck.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Story t = deck.get(i);
      deck.set(i, deck.get(j));
      deck.set(j, t);
    }
    long monthStart = City.MONTH.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    long step = 30L * 86_400 / deck.size();
    List<ScenarioRequest> out = new ArrayList<>(deck.size());
    for (int i = 0; i < deck.size(); i++) {
      Instant at = Instant.ofEpochSecond(monthStart + i * step + random.nextLong(Math.max(1, step)));
      out.add(make(i + 1, at, deck.get(i)));
    }
    return new Scenario(city.seed(), out);
  }

  /** The parts of one request before it is labelled. */
  private final class Draft {
    String member;
    Purpose purpose;
    Optional<String> justification = Optional.empty();
    Optional<String> caseNumber = Optional.empty();
    Optional<LegalProcess> process = Optional.empty();
    Optional<Agency> onBehalfOf = Optional.empty();
    final List<String> sources = new ArrayList<>();
    final Map<String, String> query = new LinkedHashMap<>();
    final List<Category> categories = new ArrayList<>();
    // the facts
    Optional<Agency> beneficiary = Optional.empty();
    Purpose realPurpose;
    boolean predicate;
    boolean urgent;

    Draft(String member, Purpose purpose) {
      this.member = member;
      this.purpose = purpose;
      this.realPurpose = purpose;
    }

    Draft why(String text) {
      justification = Optional.of(text);
      return this;
    }

    Draft caseNo(String c) {
      caseNumber = Optional.of(c);
      return this;
    }

    Draft process(LegalProcessType type, Issuer issuer, String reference) {
      process = Optional.of(LegalProcess.of(type, issuer, reference));
      return this;
    }

    Draft ask(String source, String field, String value) {
      if (!sources.contains(source)) {
        sources.add(source);
      }
      query.put(field, value);
      return this;
    }

    Draft only(Category... cs) {
      for (Category c : cs) {
        if (!categories.contains(c)) {
          categories.add(c);
        }
      }
      return this;
    }

    ScenarioRequest done(int seq, Instant at, Story story) {
      Map<SourceSpec, List<Category>> asked = new LinkedHashMap<>();
      for (String id : sources) {
        SourceSpec s = city.source(id);
        List<Category> cs = categories.isEmpty() ? s.categories()
            : s.categories().stream().filter(categories::contains).toList();
        if (cs.isEmpty()) {
          throw new IllegalStateException(story + ": source " + id + " holds none of " + categories);
        }
        asked.put(s, cs);
      }
      Agency requester = city.agency(city.member(member).agencyId());
      Optional<Agency> whoGetsIt = beneficiary.isPresent() ? beneficiary : onBehalfOf;
      Facts facts = new Facts(requester, whoGetsIt, realPurpose,
          process.map(LegalProcess::type).orElse(LegalProcessType.NONE), predicate, urgent, asked);
      Label label = Law.judge(facts, story.sideDoor());
      return new ScenarioRequest(seq, at, member, story, purpose, justification, caseNumber, process, onBehalfOf,
          sources, query, categories, label);
    }
  }

  private ScenarioRequest make(int seq, Instant at, Story story) {
    Draft d = switch (story) {
      case LOCAL_INVESTIGATION -> localInvestigation(true);
      case LOCAL_NO_CASE_NUMBER -> localInvestigation(false);
      case MISSING_PERSON -> {
        Vehicle v = vehicle();
        Resident r = city.resident(v.ownerId());
        Draft x = new Draft(pick("chp-off-1", "chp-off-2", "cvpd-det-1"), Purpose.MISSING_PERSON)
            .why("Missing " + (60 + random.nextInt(30)) + "-year-old with dementia, silver alert issued")
            .caseNo(caseNumber("CHP-26-", 4))
            .ask(Sources.DMV_LICENCES, "name", r.name()).ask(Sources.ALPR, "plate", v.plate())
            .only(IDENTITY, DMV_PHOTO, DMV_RECORD, ALPR_READ);
        yield x;
      }
      case EXIGENT_SOURCE_DOCUMENTS -> {
        Draft x = new Draft(pick("chp-off-1", "cvpd-det-2"), Purpose.EXIGENT_THREAT)
            .why("Armed subject holding hostages; confirming the identity he used at the DMV")
            .caseNo(caseNumber("CV26-", 6)).ask(Sources.DMV_LICENCES, "name", licensed().name())
            .only(DMV_SOURCE_DOCUMENTS);
        x.urgent = true;
        yield x;
      }
      case COUNTERTERRORISM_PREDICATED -> {
        City.IntelFile f = intelFile();
        String name = city.resident(f.subjectId()).name();
        Draft x = new Draft(pick("fbi-sa-1", "fbi-sa-2"), Purpose.COUNTERTERRORISM).why(f.predicate())
            .caseNo(caseNumber("JTTF-SF-26-", 4))
            .ask(Sources.INTELLIGENCE, "subject", name).ask(Sources.DMV_LICENCES, "name", name)
            .only(IDENTITY, DMV_PHOTO, ADDRESS_HOME, CRIMINAL_INTELLIGENCE, ASSOCIATES);
        x.predicate = true;
        yield x;
      }
      case TASK_FORCE_JTTF -> {
        City.IntelFile f = intelFile();
        String name = city.resident(f.subjectId()).name();
        Draft x = new Draft("cvpd-tfo-jttf", Purpose.COUNTERTERRORISM).why("JTTF lead: " + f.predicate())
            .caseNo(caseNumber("JTTF-SF-26-", 4))
            .ask(Sources.INTELLIGENCE, "subject", name).ask(Sources.POLICE_RECORDS, "subject", name);
        x.predicate = true;
        yield x;
      }
      case HSI_JUDICIAL_WARRANT -> {
        Resident r = licensed();
        Draft x = new Draft(pick("hsi-agent-1", "hsi-agent-2"), Purpose.HUMAN_TRAFFICKING)
            .why("Sex trafficking ring operating out of two motels on the waterfront")
            .caseNo(caseNumber("HSI-SF-26-", 4))
            .process(LegalProcessType.JUDICIAL_WARRANT, Issuer.MAGISTRATE, "3:26-mj-7" + digits(4))
            .ask(Sources.DMV_LICENCES, "name", r.name()).only(IDENTITY, DMV_PHOTO, ADDRESS_HOME);
        x.predicate = true;
        yield x;
      }
      case FUSION_RFI_PARTNER -> fusionRfiPartner();
      case STATUS_ONLY -> {
        City.Booking b = booking();
        Draft x = new Draft(pick("ero-officer-1", "ero-officer-2", "cbp-officer-1"),
            Purpose.CIVIL_IMMIGRATION_ENFORCEMENT).why("Status check under 8 U.S.C. 1373")
            .ask(Sources.JAIL_BOOKINGS, "bookingNumber", b.bookingNumber()).only(IMMIGRATION_STATUS);
        if (random.nextBoolean()) {
          x.process(LegalProcessType.DETAINER, Issuer.AGENCY_OFFICER, "I-247A");
        }
        yield x;
      }
      case ICE_ADMINISTRATIVE_WARRANT -> {
        Draft x = new Draft(pick("ero-officer-1", "ero-officer-2", "ero-officer-3"),
            Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
            .process(LegalProcessType.ADMINISTRATIVE_WARRANT, Issuer.AGENCY_OFFICER, pick("I-200", "I-205"))
            .why("Locate the subject of an administrative warrant");
        switch (random.nextInt(3)) {
          case 0 -> x.ask(Sources.DMV_LICENCES, "name", licensed().name()).only(ADDRESS_HOME, DMV_PHOTO);
          case 1 -> x.ask(Sources.UTILITY, "account", account().account()).only(ADDRESS_HOME, CONTACT);
          default -> x.ask(Sources.SCHOOL, "studentId", student().studentId()).only(ADDRESS_HOME, SCHEDULE);
        }
        yield x;
      }
      case ICE_DETAINER -> {
        City.Booking b = booking();
        yield new Draft(pick("ero-officer-1", "ero-officer-2"), Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
            .process(LegalProcessType.DETAINER, Issuer.AGENCY_OFFICER, "I-247A")
            .why("Detainer lodged; requesting release date and address")
            .ask(Sources.JAIL_BOOKINGS, "bookingNumber", b.bookingNumber())
            .only(CUSTODY_RELEASE_DATE, ADDRESS_HOME, IMMIGRATION_STATUS);
      }
      case ICE_ADMINISTRATIVE_SUBPOENA -> {
        Draft x = new Draft(pick("ero-officer-3", "ero-officer-1"), Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
            .process(LegalProcessType.ADMINISTRATIVE_SUBPOENA, Issuer.AGENCY_OFFICER, "I-138");
        if (random.nextBoolean()) {
          x.ask(Sources.UTILITY, "account", account().account());
        } else {
          x.ask(Sources.SCHOOL, "studentId", student().studentId());
        }
        yield x;
      }
      case ICE_RELABELLED_PURPOSE -> {
        Purpose claimed = pick(Purpose.COUNTERTERRORISM, Purpose.NARCOTICS, Purpose.VIOLENT_CRIME);
        Draft x = new Draft(pick("ero-officer-1", "ero-officer-2", "cbp-officer-1", "usbp-agent-1"), claimed)
            .why(pick("Subject of interest, threat assessment", "Smuggling suspect", "Officer safety check"))
            .caseNo(caseNumber("ERO-SF-26-", 4));
        if (random.nextBoolean()) {
          x.ask(Sources.DMV_LICENCES, "name", licensed().name()).only(DMV_PHOTO, ADDRESS_HOME, DMV_RECORD);
        } else {
          x.ask(Sources.ALPR, "plate", vehicle().plate());
        }
        x.realPurpose = Purpose.CIVIL_IMMIGRATION_ENFORCEMENT;
        yield x;
      }
      case RELAY_ON_BEHALF_OF -> {
        Draft x = relayBase(pick("cvpd-det-1", "cvpd-det-3", "vcso-dep-1", "vcso-dep-2"));
        x.onBehalfOf = Optional.of(city.agency(Agencies.ICE_ERO));
        x.why(pick(CRIME_REASONS));
        yield x;
      }
      case RELAY_UNDECLARED -> {
        Draft x = relayBase(pick("cvpd-det-2", "cvpd-det-4", "vcso-dep-3"));
        x.beneficiary = Optional.of(city.agency(Agencies.ICE_ERO));
        x.why(pick(RELAY_REASONS));
        if (random.nextBoolean()) {
          x.purpose = Purpose.OTHER;
        }
        yield x;
      }
      case TASK_FORCE_IMMIGRATION -> {
        Draft x = new Draft(pick("cvpd-tfo-hsi", "vcso-tfo-hsi"), pick(Purpose.HUMAN_TRAFFICKING, Purpose.NARCOTICS))
            .caseNo(caseNumber("HSI-TF-26-", 4));
        if (random.nextBoolean()) {
          x.process(LegalProcessType.ADMINISTRATIVE_WARRANT, Issuer.AGENCY_OFFICER, "I-205")
              .why("HSI task force: locate subject");
        } else {
          x.why("HSI task force: subject has a final order of removal");
        }
        if (random.nextBoolean()) {
          x.ask(Sources.DMV_LICENCES, "name", licensed().name()).only(ADDRESS_HOME, DMV_PHOTO, IDENTITY);
        } else {
          x.ask(Sources.UTILITY, "account", account().account()).only(ADDRESS_HOME, CONTACT, IDENTITY);
        }
        x.beneficiary = Optional.of(city.agency(Agencies.ICE_HSI));
        x.realPurpose = Purpose.CIVIL_IMMIGRATION_ENFORCEMENT;
        yield x;
      }
      case OUT_OF_STATE_ALPR -> {
        String member = pick("txdps-1", "azdps-1", "phx-1");
        Draft x = new Draft(member, pick(CRIMES)).why(pick(CRIME_REASONS))
            .caseNo(caseNumber(member.startsWith("tx") ? "TXDPS-26-" : member.startsWith("az") ? "AZDPS-26-"
                : "PHX-26-", 5))
            .ask(Sources.ALPR, "plate", vehicle().plate());
        if (random.nextInt(3) == 0) {
          x.process(LegalProcessType.JUDICIAL_WARRANT, Issuer.STATE_JUDGE, "SW-26-" + digits(5));
        }
        x.predicate = true;
        yield x;
      }
      case FEDERAL_ALPR -> {
        City.IntelFile f = intelFile();
        Draft x = new Draft(pick("fbi-sa-1", "fbi-sa-2"), Purpose.COUNTERTERRORISM).why(f.predicate())
            .caseNo(caseNumber("JTTF-SF-26-", 4)).ask(Sources.ALPR, "plate", vehicle().plate());
        if (random.nextBoolean()) {
          x.process(LegalProcessType.GRAND_JURY_SUBPOENA, Issuer.GRAND_JURY, "GJ-26-" + digits(3));
        }
        x.predicate = true;
        yield x;
      }
      case FUSION_RFI_FOR_IMMIGRATION -> {
        Draft x = new Draft(pick("stac-analyst-1", "stac-analyst-2"), pick(Purpose.PROPERTY_CRIME, Purpose.OTHER))
            .caseNo(caseNumber("STAC-RFI-26-", 4));
        if (random.nextBoolean()) {
          x.onBehalfOf = Optional.of(city.agency(Agencies.ICE_ERO));
          x.why("RFI from a partner agency: please run this plate");
        } else {
          x.beneficiary = Optional.of(city.agency(Agencies.ICE_ERO));
          x.why("RFI from ICE ERO: will you please run this plate, they can only pull commercial databases");
        }
        if (random.nextBoolean()) {
          x.ask(Sources.ALPR, "plate", vehicle().plate());
        } else {
          x.ask(Sources.DMV_LICENCES, "name", licensed().name()).only(DMV_PHOTO, ADDRESS_HOME);
        }
        x.realPurpose = Purpose.CIVIL_IMMIGRATION_ENFORCEMENT;
        yield x;
      }
      case FUSION_RFI_OUT_OF_STATE -> {
        Agency partner = city.agency(pick(Agencies.TEXAS_DPS, Agencies.PHOENIX_PD, Agencies.ARIZONA_DPS));
        Draft x = new Draft(pick("stac-analyst-2", "stac-analyst-3"), pick(CRIMES))
            .why("RFI from " + partner.name() + ": " + pick(CRIME_REASONS))
            .caseNo(caseNumber("STAC-RFI-26-", 4)).ask(Sources.ALPR, "plate", vehicle().plate());
        x.onBehalfOf = Optional.of(partner);
        x.predicate = true;
        yield x;
      }
      case THIN_PREDICATE_INTELLIGENCE -> {
        Draft x = new Draft(pick("fbi-sa-2", "stac-analyst-1", "stac-analyst-3"), Purpose.COUNTERTERRORISM)
            .why(pick(THIN_REASONS)).ask(Sources.INTELLIGENCE, "subject", adult().name());
        x.predicate = false;
        yield x;
      }
      case BULK_FISHING -> bulkFishing();
    };
    return d.done(seq, at, story);
  }

  private Draft localInvestigation(boolean withCase) {
    String member = pick("cvpd-det-1", "cvpd-det-2", "cvpd-det-3", "cvpd-det-4", "cvpd-det-5", "cvpd-det-6",
        "vcso-dep-1", "vcso-dep-2", "vcso-dep-3", "chp-off-1", "chp-off-2");
    Draft x = new Draft(member, pick(CRIMES)).why(pick(CRIME_REASONS));
    if (withCase) {
      x.caseNo(member.startsWith("vcso") ? caseNumber("VC-26-", 5) : member.startsWith("chp")
          ? caseNumber("CHP-26-", 4) : caseNumber("CV26-", 6));
    }
    x.predicate = true;
    switch (random.nextInt(6)) {
      case 0 -> x.ask(Sources.DMV_LICENCES, "licence", licensed().licence().orElseThrow())
          .only(IDENTITY, DMV_RECORD, DMV_PHOTO, ADDRESS_HOME);
      case 1 -> {
        String plate = vehicle().plate();
        x.ask(Sources.ALPR, "plate", plate).ask(Sources.DMV_VEHICLES, "plate", plate)
            .only(ALPR_READ, DMV_RECORD, IDENTITY, ADDRESS_HOME);
      }
      case 2 -> x.ask(Sources.POLICE_RECORDS, "subject", city.resident(incident().subjectId()).name());
      case 3 -> x.ask(Sources.JAIL_BOOKINGS, "bookingNumber", booking().bookingNumber())
          .only(IDENTITY, CRIMINAL_HISTORY, CUSTODY_RELEASE_DATE, ADDRESS_HOME);
      case 4 -> x.ask(Sources.UTILITY, "account", account().account())
          .only(IDENTITY, UTILITY_ACCOUNT, ADDRESS_HOME, CONTACT);
      default -> {
        String name = city.resident(incident().subjectId()).name();
        x.ask(Sources.DMV_LICENCES, "name", name).ask(Sources.POLICE_RECORDS, "subject", name)
            .only(IDENTITY, ADDRESS_HOME, DMV_PHOTO, CRIMINAL_HISTORY, ASSOCIATES);
      }
    }
    return x;
  }

  private Draft fusionRfiPartner() {
    String analyst = pick("stac-analyst-1", "stac-analyst-2", "stac-analyst-3");
    Draft x;
    if (random.nextInt(3) == 0) {
      // A subject the police know, so both sources hold something about the person.
      Resident subject = city.resident(incident().subjectId());
      x = new Draft(analyst, Purpose.COUNTERTERRORISM).why("RFI from the FBI JTTF: " + intelFile().predicate())
          .caseNo(caseNumber("JTTF-SF-26-", 4))
          .ask(Sources.DMV_LICENCES, "name", subject.name()).ask(Sources.POLICE_RECORDS, "subject", subject.name())
          .only(IDENTITY, DMV_PHOTO, ADDRESS_HOME, CRIMINAL_HISTORY);
      x.onBehalfOf = Optional.of(city.agency(Agencies.FBI));
    } else {
      Agency partner = city.agency(pick(Agencies.SHERIFF, Agencies.CVPD, Agencies.CHP));
      String plate = vehicle().plate();
      x = new Draft(analyst, pick(CRIMES)).why("RFI from " + partner.name() + ": " + pick(CRIME_REASONS))
          .caseNo(caseNumber("STAC-RFI-26-", 4))
          .ask(Sources.ALPR, "plate", plate).ask(Sources.DMV_VEHICLES, "plate", plate);
      x.onBehalfOf = Optional.of(partner);
    }
    x.predicate = true;
    return x;
  }

  /** A local officer's request whose real beneficiary is ICE ERO. */
  private Draft relayBase(String member) {
    Draft x = new Draft(member, pick(Purpose.PROPERTY_CRIME, Purpose.VIOLENT_CRIME))
        .caseNo(member.startsWith("vcso") ? caseNumber("VC-26-", 5) : caseNumber("CV26-", 6));
    if (random.nextBoolean()) {
      x.ask(Sources.DMV_LICENCES, "name", licensed().name()).only(DMV_PHOTO, ADDRESS_HOME, DMV_RECORD);
    } else {
      x.ask(Sources.ALPR, "plate", vehicle().plate());
    }
    x.realPurpose = Purpose.CIVIL_IMMIGRATION_ENFORCEMENT;
    return x;
  }

  private Draft bulkFishing() {
    String zip = city.residents().get(random.nextInt(city.residents().size())).home().zip();
    return switch (random.nextInt(3)) {
      case 0 -> {
        Draft x = new Draft(pick("stac-analyst-1", "stac-analyst-3"), Purpose.OTHER)
            .why("Who in " + zip + " is in our files?").ask(Sources.INTELLIGENCE, "zip", zip);
        x.predicate = false;
        yield x;
      }
      case 1 -> {
        Draft x = new Draft("usbp-agent-1", Purpose.OTHER)
            .why("All plates at the day-labor corner camera this week")
            .ask(Sources.ALPR, "camera", city.cameras().get(random.nextInt(city.cameras().size())).id());
        x.realPurpose = Purpose.CIVIL_IMMIGRATION_ENFORCEMENT;
        yield x;
      }
      default -> {
        Draft x = new Draft(pick("cvpd-det-5", "cvpd-det-6"), Purpose.OTHER)
            .why("List of AB 60 licence holders in " + zip + " for the ERO liaison")
            .ask(Sources.DMV_LICENCES, "zip", zip).only(IDENTITY, ADDRESS_HOME, DMV_RECORD);
        x.beneficiary = Optional.of(city.agency(Agencies.ICE_ERO));
        x.realPurpose = Purpose.CIVIL_IMMIGRATION_ENFORCEMENT;
        yield x;
      }
    };
  }

  // ---- picking people and things of the city

  private Resident licensed() {
    while (true) {
      Resident r = city.residents().get(random.nextInt(city.residents().size()));
      if (r.licence().isPresent()) {
        return r;
      }
    }
  }

  private Resident adult() {
    while (true) {
      Resident r = city.residents().get(random.nextInt(city.residents().size()));
      if (r.age(City.MONTH) >= 18) {
        return r;
      }
    }
  }

  private Vehicle vehicle() {
    return city.vehicles().get(random.nextInt(city.vehicles().size()));
  }

  private City.Booking booking() {
    return city.bookings().get(random.nextInt(city.bookings().size()));
  }

  private City.Incident incident() {
    return city.incidents().get(random.nextInt(city.incidents().size()));
  }

  private City.Student student() {
    return city.students().get(random.nextInt(city.students().size()));
  }

  private City.UtilityAccount account() {
    return city.accounts().get(random.nextInt(city.accounts().size()));
  }

  private City.IntelFile intelFile() {
    return city.intelFiles().get(random.nextInt(city.intelFiles().size()));
  }

  private String caseNumber(String prefix, int digits) {
    return prefix + digits(digits);
  }

  private String digits(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(random.nextInt(10));
    }
    return sb.toString();
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }
}
