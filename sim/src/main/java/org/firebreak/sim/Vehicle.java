package org.firebreak.sim;

import java.util.Objects;

/** A vehicle registered to a resident; its plate is what the ALPR cameras read. */
public record Vehicle(String plate, String vin, String make, String model, int year, String color, String ownerId) {
  public Vehicle {
    Objects.requireNonNull(plate, "plate");
    Objects.requireNonNull(vin, "vin");
    Objects.requireNonNull(make, "make");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(color, "color");
    Objects.requireNonNull(ownerId, "ownerId");
  }
}
