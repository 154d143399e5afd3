package org.firebreak.core.vocab;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A data category of a source field. JSON and rule packs use the dotted wire names, e.g. {@code dmv.record}. */
public enum Category {
  IDENTITY("identity"), 
  DMV_RECORD("dmv.record"), 
  DMV_PHOTO("dmv.photo"), 
  DMV_SOURCE_DOCUMENTS("dmv.source_documents"), 
  BIOMETRIC_PHOTO("biometric.photo"), 
  BIOMETRIC_FACE_SEARCH("biometric.face_search"), 
  ADDRESS_HOME("address.home"), 
  ADDRESS_WORK("address.work"), 
  CONTACT("contact"), 
  SCHEDULE("schedule"), 
  CUSTODY_RELEASE_DATE("custody.release_date"), 
  ALPR_READ("alpr.read"), 
  ALPR_HOTLIST("alpr.hotlist"), 
  EDUCATION_RECORD("education.record"), 
  SCHOOL_INCIDENT_REPORT("school.incident_report"), 
  UTILITY_ACCOUNT("utility.account"), 
  IMMIGRATION_STATUS("immigration_status"), 
  PLACE_OF_BIRTH("place_of_birth"), 
  CRIMINAL_HISTORY("criminal_history"), 
  CRIMINAL_INTELLIGENCE("criminal_intelligence"), 
  ASSOCIATES("associates");

  private static final Map<String, Category> BY_WIRE =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Category::wire, Function.identity()));

  private final String wire;

  Category(String wire) {
    this.wire = wire;
  }

  /** The name used in JSON, YAML and CEL. */
  @JsonValue
  public String wire() {
    return wire;
  }

  public static Optional<Category> fromWire(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(BY_WIRE.get(name));
  }

  @Override
  public String toString() {
    return wire;
  }
}
