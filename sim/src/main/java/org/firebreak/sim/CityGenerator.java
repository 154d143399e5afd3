package org.firebreak.sim;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import net.datafaker.Faker;

/**
 * Makes the city from a seed: the same seed and size always give the same city. Names and street names come from
 * Datafaker (English and Mexican Spanish locales, by place of birth); everything else from one seeded random stream.
 */
public final class CityGenerator {
  private static final String[] ZIPS = {"94501", "94502", "94503", "94504", "94505", "94506", "94507", "94508"};
  private static final String[][] BIRTHPLACES = {
      {"Mexico", "12"}, {"Guatemala", "3"}, {"El Salvador", "3"}, {"Honduras", "2"}, {"Philippines", "3"},
      {"China", "3"}, {"India", "2"}, {"Vietnam", "2"}};
  private static final String[][] MAKES = {
      {"Toyota", "Camry"}, {"Toyota", "Corolla"}, {"Honda", "Civic"}, {"Honda", "Accord"}, {"Ford", "F-150"},
      {"Chevrolet", "Silverado"}, {"Nissan", "Altima"}, {"Tesla", "Model 3"}, {"Hyundai", "Elantra"},
      {"Subaru", "Outback"}, {"Kia", "Sorento"}, {"Volkswagen", "Jetta"}};
  private static final String[] COLORS = {"white", "black", "silver", "gray", "blue", "red", "green", "beige"};
  private static final String[] OFFENSES = {
      "PC 211 robbery", "PC 459 burglary", "PC 245(a)(1) assault with a deadly weapon", "PC 487 grand theft",
      "VC 10851 vehicle theft", "HS 11351 possession for sale", "PC 273.5 domestic violence", "PC 594 vandalism",
      "PC 236.1 human trafficking", "PC 422 criminal threats"};
  private static final String[] SCHOOLS = {
      "Costa Verde High School", "Bayside Middle School", "Marina Elementary", "Las Palmas Elementary",
      "Harbor View Middle School"};
  private static final String[] PREDICATES = {
      "18 U.S.C. 2339B: material support to a designated foreign terrorist organization",
      "PC 11418: possession of precursor chemicals for a destructive device",
      "PC 186.22: directing a criminal street gang's firearms trafficking",
      "18 U.S.C. 844(i): arson of a building used in interstate commerce",
      "PC 422: written threats to bomb a public school"};

  private CityGenerator() {}

  /** The city for this seed and size; {@code progress} hears each resident made. */
  public static City generate(long seed, Size size, IntConsumer progress) {
    SplittableRandom random = new SplittableRandom(seed);
    Faker us = new Faker(Locale.US, new Random(seed));
    Faker mx = new Faker(Locale.forLanguageTag("es-MX"), new Random(seed + 1));
    // Pools keep Datafaker (the slow part) off the per-resident path: thousands of names and streets, combined.
    List<String> usFirst = pool(() -> us.name().firstName(), 1_500);
    List<String> usLast = pool(() -> us.name().lastName(), 1_500);
    List<String> mxFirst = pool(() -> mx.name().firstName(), 600);
    List<String> mxLast = pool(() -> mx.name().lastName(), 600);
    List<String> streets = pool(() -> us.address().streetName(), Math.max(200, size.residents() / 50));

    List<Resident> residents = new ArrayList<>(size.residents());
    Set<String> licences = new HashSet<>();
    LocalDate day = City.MONTH;
    for (int i = 0; i < size.residents(); i++) {
      String birthplace = birthplace(random);
      boolean latin = Set.of("Mexico", "Guatemala", "El Salvador", "Honduras").contains(birthplace);
      String first = pick(random, latin ? mxFirst : usFirst);
      String last = pick(random, latin ? mxLast : usLast);
      LocalDate born = day.minusDays(random.nextInt(365 * 85));
      ImmigrationStatus status = status(random, birthplace);
      Resident.Address home = new Resident.Address((1 + random.nextInt(9_899)) + " " + pick(random, streets),
          Agencies.CITY, ZIPS[random.nextInt(ZIPS.length)]);
      String phone = String.format("(510) %03d-%04d", 200 + random.nextInt(800), random.nextInt(10_000));
      String email = (first.charAt(0) + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + i + "@example.net";
      int age = java.time.Period.between(born, day).getYears();
      Optional<String> licence = Optional.empty();
      boolean ab60 = false;
      if (age >= 16 && random.nextInt(100) < 85) {
        String l;
        do {
          l = "D" + String.format("%07d", random.nextInt(10_000_000));
        } while (!licences.add(l));
        licence = Optional.of(l);
        ab60 = status == ImmigrationStatus.UNDOCUMENTED;
      }
      residents.add(new Resident(String.format("R%d", i), first, last, born, birthplace, status, home, phone,
          email, licence, ab60));
      progress.accept(1);
    }

    List<Vehicle> vehicles = new ArrayList<>();
    Set<String> plates = new HashSet<>();
    for (Resident r : residents) {
      if (r.licence().isEmpty()) {
        continue;
      }
      int n = random.nextInt(10) < 6 ? 1 : random.nextInt(10) < 2 ? 2 : 0;
      for (int k = 0; k < n; k++) {
        String plate;
        do {
          plate = californiaPlate(random);
        } while (!plates.add(plate));
        String[] mm = MAKES[random.nextInt(MAKES.length)];
        vehicles.add(new Vehicle(plate, vin(random), mm[0], mm[1], 2005 + random.nextInt(21),
            COLORS[random.nextInt(COLORS.length)], r.id()));
      }
    }

    List<City.Camera> cameras = new ArrayList<>();
    for (int c = 0; c < size.cameras(); c++) {
      String street = pick(random, streets);
      cameras.add(new City.Camera(String.format("CV-CAM-%04d", c + 1), street + " & " + pick(random, streets),
          37.70 + random.nextDouble() * 0.1, -122.25 + random.nextDouble() * 0.1));
    }

    List<City.Incident> incidents = new ArrayList<>();
    for (int k = 0; k < size.residents() / 10; k++) {
      List<String> associates = new ArrayList<>();
      for (int a = random.nextInt(3); a > 0; a--) {
        associates.add(pick(random, residents).id());
      }
      incidents.add(new City.Incident(String.format("CV26-%06d", k + 1), OFFENSES[random.nextInt(OFFENSES.length)],
          day.minusDays(random.nextInt(400)), adult(random, residents, day).id(), associates));
    }

    List<City.Booking> bookings = new ArrayList<>();
    for (int k = 0; k < size.residents() / 25; k++) {
      LocalDate booked = day.minusDays(random.nextInt(60));
      bookings.add(new City.Booking(String.format("VC-B-%07d", k + 1), adult(random, residents, day).id(),
          OFFENSES[random.nextInt(OFFENSES.length)], booked, booked.plusDays(1 + random.nextInt(120))));
    }

    List<City.Student> students = new ArrayList<>();
    List<City.UtilityAccount> accounts = new ArrayList<>();
    for (Resident r : residents) {
      int age = r.age(day);
      if (age >= 5 && age <= 17) {
        int grade = age - 5;
        String school = SCHOOLS[grade >= 9 ? 0 : grade >= 6 ? 1 + 3 * random.nextInt(2) : 2 + random.nextInt(2)];
        Optional<String> incident = random.nextInt(20) == 0
            ? Optional.of("Referred to the principal: " + (random.nextBoolean() ? "fight at lunch" : "truancy"))
            : Optional.empty();
        students.add(new City.Student(String.format("CVUSD-%07d", students.size() + 1), r.id(), school, grade,
            "Period 1-6, 8:10-15:05, " + school, incident));
      }
      if (age >= 21 && random.nextInt(2) == 0) {
        accounts.add(new City.UtilityAccount(String.format("CVPU-%08d", accounts.size() + 1), r.id(),
            day.minusDays(random.nextInt(3_650))));
      }
    }

    List<City.IntelFile> intel = new ArrayList<>();
    for (int k = 0; k < Math.max(20, size.residents() / 200); k++) {
      List<String> associates = new ArrayList<>();
      for (int a = 1 + random.nextInt(3); a > 0; a--) {
        associates.add(pick(random, residents).id());
      }
      String predicate = PREDICATES[random.nextInt(PREDICATES.length)];
      intel.add(new City.IntelFile(String.format("STAC-CI-26-%05d", k + 1), adult(random, residents, day).id(),
          predicate, "Reasonable suspicion documented by the originating agency; source reliability B2.",
          associates));
    }
    return new City(seed, size, Agencies.all(), Agencies.members(), Sources.all(), residents, vehicles, cameras,
        incidents, bookings, students, accounts, intel, size.alprReads());
  }

  /** A plate of a car from out of town, as the cameras read it. */
  static String visitorPlate(SplittableRandom random) {
    return switch (random.nextInt(4)) {
      case 0 -> "TX-" + letters(random, 3) + String.format("%04d", random.nextInt(10_000));
      case 1 -> "AZ-" + letters(random, 3) + String.format("%04d", random.nextInt(10_000));
      default -> californiaPlate(random);
    };
  }

  private static String californiaPlate(SplittableRandom random) {
    return (1 + random.nextInt(9)) + letters(random, 3) + String.format("%03d", random.nextInt(1_000));
  }

  private static String letters(SplittableRandom random, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((char) ('A' + random.nextInt(26)));
    }
    return sb.toString();
  }

  private static String vin(SplittableRandom random) {
    String alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 17; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static String birthplace(SplittableRandom random) {
    int roll = random.nextInt(100);
    int acc = 0;
    for (String[] b : BIRTHPLACES) {
      acc += Integer.parseInt(b[1]);
      if (roll < acc) {
        return b[0];
      }
    }
    return "California";
  }

  private static ImmigrationStatus status(SplittableRandom random, String birthplace) {
    if (birthplace.equals("California")) {
      return ImmigrationStatus.CITIZEN;
    }
    int roll = random.nextInt(100);
    return roll < 35 ? ImmigrationStatus.NATURALIZED : roll < 65 ? ImmigrationStatus.PERMANENT_RESIDENT
        : roll < 75 ? ImmigrationStatus.VISA : ImmigrationStatus.UNDOCUMENTED;
  }

  private static Resident adult(SplittableRandom random, List<Resident> residents, LocalDate day) {
    for (int tries = 0; tries < 50; tries++) {
      Resident r = pick(random, residents);
      if (r.age(day) >= 18) {
        return r;
      }
    }
    return residents.get(0);
  }

  private static <T> T pick(SplittableRandom random, List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  /** Distinct values from a generator, in the order first made. */
  private static List<String> pool(java.util.function.Supplier<String> make, int size) {
    java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>();
    for (int tries = 0; seen.size() < size && tries < size * 20; tries++) {
      seen.add(make.get());
    }
    return List.copyOf(seen);
  }
}
