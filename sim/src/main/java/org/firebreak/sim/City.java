package org.firebreak.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.firebreak.core.model.Agency;

/**
 * The synthetic city: its agencies and their members, the sources they hold, the residents and their vehicles, and
 * what the sources record about them. ALPR reads are far too many to hold, so {@link #records(String)} makes them
 * on the fly, always the same for the same seed. Everything else is in memory.
 */
public record City(long seed, Size size, List<Agency> agencies, List<Member> members, List<SourceSpec> sources,
    List<Resident> residents, List<Vehicle> vehicles, List<Camera> cameras, List<Incident> incidents,
    List<Booking> bookings, List<Student> students, List<UtilityAccount> accounts, List<IntelFile> intelFiles,
    int alprReads) {

  /** The first day of the simulated month. */
  public static final LocalDate MONTH = LocalDate.of(2026, 11, 1);

  public City {
    Objects.requireNonNull(size, "size");
    agencies = List.copyOf(agencies);
    members = List.copyOf(members);
    sources = List.copyOf(sources);
    residents = List.copyOf(residents);
    vehicles = List.copyOf(vehicles);
    cameras = List.copyOf(cameras);
    incidents = List.copyOf(incidents);
    bookings = List.copyOf(bookings);
    students = List.copyOf(students);
    accounts = List.copyOf(accounts);
    intelFiles = List.copyOf(intelFiles);
  }

  /** A fixed ALPR camera. */
  public record Camera(String id, String location, double lat, double lon) {}

  /** A police incident report naming a subject and, sometimes, associates. */
  public record Incident(String reportNumber, String offense, LocalDate occurred, String subjectId,
      List<String> associateIds) {
    public Incident {
      associateIds = List.copyOf(associateIds);
    }
  }

  /** A county jail booking, with the release date and the status the jail recorded. */
  public record Booking(String bookingNumber, String residentId, String charges, LocalDate booked,
      LocalDate release) {}

  /** A pupil of the school district; some have an incident report. */
  public record Student(String studentId, String residentId, String school, int grade, String schedule,
      Optional<String> incident) {}

  /** A utility account held by a resident. */
  public record UtilityAccount(String account, String residentId, LocalDate since) {}

  /** A criminal intelligence file of the state fusion center (28 CFR Part 23), with its criminal predicate. */
  public record IntelFile(String fileNumber, String subjectId, String predicate, String summary,
      List<String> associateIds) {
    public IntelFile {
      associateIds = List.copyOf(associateIds);
    }
  }

  /** The resident with this id ({@code R} and the resident's position, as the generator numbers them). */
  public Resident resident(String id) {
    try {
      Resident r = residents.get(Integer.parseInt(id.substring(1)));
      if (r.id().equals(id)) {
        return r;
      }
    } catch (RuntimeException e) {
      // below
    }
    throw new NoSuchElementException("no resident " + id);
  }

  public SourceSpec source(String id) {
    return sources.stream().filter(s -> s.id().equals(id)).findFirst()
        .orElseThrow(() -> new NoSuchElementException("no source " + id));
  }

  public Agency agency(String id) {
    return agencies.stream().filter(a -> a.id().equals(id)).findFirst()
        .orElseThrow(() -> new NoSuchElementException("no agency " + id));
  }

  public Member member(String id) {
    return members.stream().filter(m -> m.id().equals(id)).findFirst()
        .orElseThrow(() -> new NoSuchElementException("no member " + id));
  }

  /** How many records {@link #records(String)} yields for the source. */
  public long recordCount(String sourceId) {
    return switch (sourceId) {
      case Sources.DMV_LICENCES -> residents.stream().filter(r -> r.licence().isPresent()).count();
      case Sources.DMV_VEHICLES -> vehicles.size();
      case Sources.ALPR -> alprReads;
      case Sources.POLICE_RECORDS -> incidents.size();
      case Sources.JAIL_BOOKINGS -> bookings.size();
      case Sources.SCHOOL -> students.size();
      case Sources.UTILITY -> accounts.size();
      case Sources.INTELLIGENCE -> intelFiles.size();
      default -> throw new NoSuchElementException("no source " + sourceId);
    };
  }

  /** Every record of the source, in a fixed order. */
  public Iterator<SimRecord> records(String sourceId) {
    return Sources.records(this, sourceId);
  }

  /** The camera reads of the month, made from the seed: plates of residents' vehicles and of visitors. */
  Iterator<SimRecord> alprRecords() {
    SplittableRandom random = new SplittableRandom(seed ^ 0x41_4C_50_52L);
    Instant start = MONTH.minusDays(30).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    long window = 60L * 86_400; // the 30 days before the month and the month itself
    return new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return i < alprReads;
      }

      @Override
      public SimRecord next() {
        if (i >= alprReads) {
          throw new NoSuchElementException();
        }
        i++;
        // Four reads in five are residents' cars, a few of them far more often (commuters pass the same cameras).
        String plate;
        if (!vehicles.isEmpty() && random.nextInt(5) > 0) {
          int v = random.nextInt(vehicles.size());
          if (random.nextInt(3) == 0) {
            v = v % Math.max(1, vehicles.size() / 10);
          }
          plate = vehicles.get(v).plate();
        } else {
          plate = CityGenerator.visitorPlate(random);
        }
        Camera cam = cameras.get(random.nextInt(cameras.size()));
        Instant seen = start.plusSeconds(random.nextLong(window));
        String id = "read-" + i;
        return new SimRecord(id, Sources.fields("plate", plate, "camera", cam.id(), "location", cam.location(),
            "seenAt", seen.toString(), "image", "alpr://cvpd/" + cam.id() + "/" + id + ".jpg"));
      }
    };
  }

  /** SHA-256 over the agencies, members, sources and every record of every source: the city's fingerprint. */
  public String digest() {
    MessageDigest md = sha256();
    update(md, "seed " + seed + " size " + size);
    agencies.forEach(a -> update(md, a.toString()));
    members.forEach(m -> update(md, m.toString()));
    for (SourceSpec s : sources) {
      update(md, s.toString());
      for (Iterator<SimRecord> it = records(s.id()); it.hasNext(); ) {
        SimRecord r = it.next();
        update(md, r.id());
        for (String f : s.fields().keySet()) {
          String v = r.fields().get(f);
          if (v != null) {
            update(md, f + "=" + v);
          }
        }
      }
    }
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  static void update(MessageDigest md, String s) {
    md.update(s.getBytes(StandardCharsets.UTF_8));
    md.update((byte) '\n');
  }
}
