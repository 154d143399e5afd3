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
import static org.firebreak.core.vocab.Category.EDUCATION_RECORD;
import static org.firebreak.core.vocab.Category.IDENTITY;
import static org.firebreak.core.vocab.Category.IMMIGRATION_STATUS;
import static org.firebreak.core.vocab.Category.PLACE_OF_BIRTH;
import static org.firebreak.core.vocab.Category.SCHEDULE;
import static org.firebreak.core.vocab.Category.SCHOOL_INCIDENT_REPORT;
import static org.firebreak.core.vocab.Category.UTILITY_ACCOUNT;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.SourceKind;

/**
 * The city's sources: what each field holds (its data category, which decides what the law lets out) and the
 * fields a request may look records up by; and how each resident, vehicle, report, booking, pupil, account and file
 * becomes a record.
 */
public final class Sources {
  public static final String DMV_LICENCES = "ca-dmv-licences";
  public static final String DMV_VEHICLES = "ca-dmv-vehicles";
  public static final String ALPR = "cvpd-alpr";
  public static final String POLICE_RECORDS = "cvpd-records";
  public static final String JAIL_BOOKINGS = "vcso-bookings";
  public static final String SCHOOL = "cvusd-students";
  public static final String UTILITY = "cv-utility-accounts";
  public static final String INTELLIGENCE = "stac-intel";

  private Sources() {}

  static List<SourceSpec> all() {
    return List.of(
        spec(DMV_LICENCES, SourceKind.DMV, "US-CA", Agencies.DMV, fieldMap(
            "licence", DMV_RECORD, "name", IDENTITY, "dob", IDENTITY, "address", ADDRESS_HOME, "zip", ADDRESS_HOME,
            "photo", DMV_PHOTO, "licenceType", DMV_RECORD, "licenceClass", DMV_RECORD, "expires", DMV_RECORD,
            "sourceDocuments", DMV_SOURCE_DOCUMENTS),
            "licence", "name", "zip"),
        spec(DMV_VEHICLES, SourceKind.DMV, "US-CA", Agencies.DMV, fieldMap(
            "plate", DMV_RECORD, "vin", DMV_RECORD, "make", DMV_RECORD, "model", DMV_RECORD, "year", DMV_RECORD,
            "color", DMV_RECORD, "owner", IDENTITY, "ownerAddress", ADDRESS_HOME),
            "plate", "owner"),
        spec(ALPR, SourceKind.ALPR, Agencies.CITY_JURISDICTION, Agencies.CVPD, fieldMap(
            "plate", ALPR_READ, "camera", ALPR_READ, "location", ALPR_READ, "seenAt", ALPR_READ, "image", ALPR_READ),
            "plate", "camera"),
        spec(POLICE_RECORDS, SourceKind.POLICE_RECORDS, Agencies.CITY_JURISDICTION, Agencies.CVPD, fieldMap(
            "reportNumber", CRIMINAL_HISTORY, "offense", CRIMINAL_HISTORY, "occurred", CRIMINAL_HISTORY,
            "subject", IDENTITY, "subjectDob", IDENTITY, "subjectAddress", ADDRESS_HOME, "phone", CONTACT,
            "associates", ASSOCIATES),
            "reportNumber", "subject"),
        spec(JAIL_BOOKINGS, SourceKind.JAIL_BOOKING, Agencies.COUNTY_JURISDICTION, Agencies.SHERIFF, fieldMap(
            "bookingNumber", CRIMINAL_HISTORY, "name", IDENTITY, "dob", IDENTITY, "charges", CRIMINAL_HISTORY,
            "booked", CRIMINAL_HISTORY, "releaseDate", CUSTODY_RELEASE_DATE, "immigrationStatus", IMMIGRATION_STATUS,
            "placeOfBirth", PLACE_OF_BIRTH, "address", ADDRESS_HOME),
            "bookingNumber", "name"),
        spec(SCHOOL, SourceKind.SCHOOL, Agencies.CITY_JURISDICTION, Agencies.SCHOOLS, fieldMap(
            "studentId", EDUCATION_RECORD, "name", IDENTITY, "dob", IDENTITY, "school", EDUCATION_RECORD,
            "grade", EDUCATION_RECORD, "homeAddress", ADDRESS_HOME, "guardianPhone", CONTACT,
            "classSchedule", SCHEDULE, "incident", SCHOOL_INCIDENT_REPORT),
            "studentId", "name"),
        spec(UTILITY, SourceKind.UTILITY, Agencies.CITY_JURISDICTION, Agencies.UTILITIES, fieldMap(
            "account", UTILITY_ACCOUNT, "name", IDENTITY, "serviceAddress", ADDRESS_HOME, "phone", CONTACT,
            "email", CONTACT, "since", UTILITY_ACCOUNT),
            "account", "name"),
        spec(INTELLIGENCE, SourceKind.CRIMINAL_INTELLIGENCE, "US-CA", Agencies.FUSION_CENTER, fieldMap(
            "fileNumber", CRIMINAL_INTELLIGENCE, "subject", IDENTITY, "dob", IDENTITY, "zip", ADDRESS_HOME,
            "predicate", CRIMINAL_INTELLIGENCE, "summary", CRIMINAL_INTELLIGENCE, "associates", ASSOCIATES),
            "fileNumber", "subject", "zip"));
  }

  static Iterator<SimRecord> records(City city, String sourceId) {
    return switch (sourceId) {
      case DMV_LICENCES -> city.residents().stream().filter(r -> r.licence().isPresent())
          .map(Sources::licence).iterator();
      case DMV_VEHICLES -> city.vehicles().stream().map(v -> vehicle(city, v)).iterator();
      case ALPR -> city.alprRecords();
      case POLICE_RECORDS -> city.incidents().stream().map(i -> incident(city, i)).iterator();
      case JAIL_BOOKINGS -> city.bookings().stream().map(b -> booking(city, b)).iterator();
      case SCHOOL -> city.students().stream().map(s -> student(city, s)).iterator();
      case UTILITY -> city.accounts().stream().map(a -> account(city, a)).iterator();
      case INTELLIGENCE -> city.intelFiles().stream().map(f -> intel(city, f)).iterator();
      default -> throw new java.util.NoSuchElementException("no source " + sourceId);
    };
  }

  /** The documents an applicant proves identity and residency with; an AB 60 applicant has no proof of status. */
  static String sourceDocuments(Resident r) {
    if (r.ab60()) {
      return "AB 60: foreign passport (" + r.placeOfBirth() + "), consular ID, utility bill as proof of residency";
    }
    return switch (r.status()) {
      case CITIZEN -> "US birth certificate, utility bill";
      case NATURALIZED -> "certificate of naturalization, lease agreement";
      case PERMANENT_RESIDENT -> "permanent resident card (I-551), utility bill";
      case VISA -> "foreign passport with visa and I-94, lease agreement";
      case UNDOCUMENTED -> "none on file";
    };
  }

  private static SimRecord licence(Resident r) {
    String licence = r.licence().orElseThrow();
    return new SimRecord("DL-" + licence, fields("licence", licence, "name", r.name(), "dob", r.born().toString(),
        "address", r.home().toString(), "zip", r.home().zip(), "photo", "dmv-photo://" + licence + ".jpg",
        "licenceType", r.ab60() ? "AB 60 (federal limits apply)" : "REAL ID", "licenceClass", "C",
        "expires", r.born().withYear(2029).toString(), "sourceDocuments", sourceDocuments(r)));
  }

  private static SimRecord vehicle(City city, Vehicle v) {
    Resident owner = city.resident(v.ownerId());
    return new SimRecord("VEH-" + v.plate(), fields("plate", v.plate(), "vin", v.vin(), "make", v.make(),
        "model", v.model(), "year", Integer.toString(v.year()), "color", v.color(), "owner", owner.name(),
        "ownerAddress", owner.home().toString()));
  }

  private static SimRecord incident(City city, City.Incident i) {
    Resident s = city.resident(i.subjectId());
    String associates = i.associateIds().stream().map(a -> city.resident(a).name()).collect(Collectors.joining("; "));
    Map<String, String> f = fields("reportNumber", i.reportNumber(), "offense", i.offense(),
        "occurred", i.occurred().toString(), "subject", s.name(), "subjectDob", s.born().toString(),
        "subjectAddress", s.home().toString(), "phone", s.phone());
    if (!associates.isEmpty()) {
      f.put("associates", associates);
    }
    return new SimRecord(i.reportNumber(), f);
  }

  private static SimRecord booking(City city, City.Booking b) {
    Resident r = city.resident(b.residentId());
    return new SimRecord(b.bookingNumber(), fields("bookingNumber", b.bookingNumber(), "name", r.name(),
        "dob", r.born().toString(), "charges", b.charges(), "booked", b.booked().toString(),
        "releaseDate", b.release().toString(), "immigrationStatus", r.status().text(),
        "placeOfBirth", r.placeOfBirth(), "address", r.home().toString()));
  }

  private static SimRecord student(City city, City.Student s) {
    Resident r = city.resident(s.residentId());
    Map<String, String> f = fields("studentId", s.studentId(), "name", r.name(), "dob", r.born().toString(),
        "school", s.school(), "grade", Integer.toString(s.grade()), "homeAddress", r.home().toString(),
        "guardianPhone", r.phone(), "classSchedule", s.schedule());
    s.incident().ifPresent(i -> f.put("incident", i));
    return new SimRecord(s.studentId(), f);
  }

  private static SimRecord account(City city, City.UtilityAccount a) {
    Resident r = city.resident(a.residentId());
    return new SimRecord(a.account(), fields("account", a.account(), "name", r.name(),
        "serviceAddress", r.home().toString(), "phone", r.phone(), "email", r.email(), "since", a.since().toString()));
  }

  private static SimRecord intel(City city, City.IntelFile f) {
    Resident s = city.resident(f.subjectId());
    String associates = f.associateIds().stream().map(a -> city.resident(a).name()).collect(Collectors.joining("; "));
    Map<String, String> m = fields("fileNumber", f.fileNumber(), "subject", s.name(), "dob", s.born().toString(),
        "zip", s.home().zip(), "predicate", f.predicate(), "summary", f.summary());
    if (!associates.isEmpty()) {
      m.put("associates", associates);
    }
    return new SimRecord(f.fileNumber(), m);
  }

  /** An ordered field map from name, value pairs. */
  static Map<String, String> fields(String... nameValue) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      m.put(nameValue[i], nameValue[i + 1]);
    }
    return m;
  }

  private static Map<String, Category> fieldMap(Object... nameCategory) {
    Map<String, Category> m = new LinkedHashMap<>();
    for (int i = 0; i < nameCategory.length; i += 2) {
      m.put((String) nameCategory[i], (Category) nameCategory[i + 1]);
    }
    return m;
  }

  private static SourceSpec spec(String id, SourceKind kind, String jurisdiction, String agency,
      Map<String, Category> fields, String... searchable) {
    return new SourceSpec(id, kind, new Jurisdiction(jurisdiction), agency, fields, List.of(searchable));
  }
}
