package org.firebreak.detect.importer;

import java.util.Arrays;
import java.util.Optional;

/** The formats {@code firebreak detect --format} reads. */
public enum Format {
  /** Decided by the file's extension and header (see {@link Importers#detect}). */
  AUTO("auto"),
  /** A Flock transparency-portal "search audit": CSV ({@code id,userId,searchDate,cameraCount,reason}) or JSON. */
  FLOCK_PORTAL("flock-portal"),
  /** A Flock "network audit": other organisations' searches of the custodian's cameras. */
  FLOCK_NETWORK("flock-network"),
  /** A Flock "organization audit": the custodian's own users' searches. */
  FLOCK_ORG("flock-org"),
  /** Firebreak's own audit events: the requests in a data directory's database ({@link FirebreakImporter}). */
  FIREBREAK("firebreak"),
  /** Any CSV, read by a column mapping file ({@code --mapping}). */
  CSV("csv");

  private final String wire;

  Format(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<Format> ofWire(String name) {
    return Arrays.stream(values()).filter(f -> f.wire.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return wire;
  }
}
