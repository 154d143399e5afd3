package org.firebreak.sim;

import java.util.Locale;

/** How big a city to make: residents, ALPR reads, cameras, and requests in the month. */
public enum Size {
  SMALL(2_000, 50_000, 40, 600),
  MEDIUM(100_000, 2_000_000, 400, 3_000),
  LARGE(1_000_000, 20_000_000, 2_000, 12_000);

  private final int residents;
  private final int alprReads;
  private final int cameras;
  private final int requests;

  Size(int residents, int alprReads, int cameras, int requests) {
    this.residents = residents;
    this.alprReads = alprReads;
    this.cameras = cameras;
    this.requests = requests;
  }

  public int residents() {
    return residents;
  }

  public int alprReads() {
    return alprReads;
  }

  public int cameras() {
    return cameras;
  }

  public int requests() {
    return requests;
  }

  /** {@code small}, {@code medium}, {@code large}, any case. */
  public static Size parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("size '" + name + "' is not small, medium or large", e);
    }
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
