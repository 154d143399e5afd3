package org.firebreak.sim;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One person living in the city. {@code licence} is the California driver's licence number, absent for those
 * without one; an {@code ab60} licence was issued without proof of lawful presence (Veh. Code § 12801.9).
 */
public record Resident(String id, String firstName, String lastName, LocalDate born, String placeOfBirth,
    ImmigrationStatus status, Address home, String phone, String email, Optional<String> licence, boolean ab60) {

  public Resident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(firstName, "firstName");
    Objects.requireNonNull(lastName, "lastName");
    Objects.requireNonNull(born, "born");
    Objects.requireNonNull(placeOfBirth, "placeOfBirth");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(licence, "licence");
    if (ab60 && licence.isEmpty()) {
      throw new IllegalArgumentException("resident " + id + ": an AB 60 licence needs a licence number");
    }
  }

  public String name() {
    return firstName + " " + lastName;
  }

  /** Age in whole years on {@code day}. */
  public int age(LocalDate day) {
    return java.time.Period.between(born, day).getYears();
  }

  /** A street address in the city. */
  public record Address(String street, String city, String zip) {
    public Address {
      Objects.requireNonNull(street, "street");
      Objects.requireNonNull(city, "city");
      Objects.requireNonNull(zip, "zip");
    }

    @Override
    public String toString() {
      return street + ", " + city + ", CA " + zip;
    }
  }
}
