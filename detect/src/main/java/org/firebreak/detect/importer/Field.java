package org.firebreak.detect.importer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The fields of an {@link org.firebreak.detect.AuditEvent} an importer can fill from a column, with the names
 * Flock's exports give those columns. Header names are compared {@link #normalise normalised}: "Org Name",
 * "Org_Name" and "orgName" are the same column.
 */
public enum Field {
  ID("id", "id", "searchid", "auditid"),
  TIME("time", "searchtime", "searchdate", "time", "timestamp", "date"),
  USER("user", "name", "userid", "user", "username", "officer"),
  ORGANIZATION("organization", "orgname", "organization", "organisation", "org", "agency", "agencyname"),
  ON_BEHALF_OF("onBehalfOf", "onbehalfof"),
  REASON("reason", "reason", "justification", "purpose"),
  CASE_NUMBER("caseNumber", "case", "casenumber", "caseno", "casenum", "incidentnumber"),
  OFFENSE_TYPE("offenseType", "offensetype", "offense"),
  SUBJECT("subject", "licenseplate", "plate", "subject"),
  NETWORKS("networks", "totalnetworkssearched", "networkcount", "networks", "networkssearched"),
  DEVICES("devices", "totaldevicessearched", "devicecount", "cameracount", "devices", "devicessearched"),
  TIME_FRAME("timeFrame", "timeframe"),
  TIME_FRAME_START("timeFrameStart", "timeframestart"),
  TIME_FRAME_END("timeFrameEnd", "timeframeend"),
  SEARCH_TYPE("searchType", "searchtype"),
  REQUESTER_JURISDICTION("requesterJurisdiction", "requesterjurisdiction");

  private final String wire;
  private final List<String> headers;

  Field(String wire, String... headers) {
    this.wire = wire;
    this.headers = List.of(headers);
  }

  /** The field's name in a mapping file. */
  public String wire() {
    return wire;
  }

  /** Normalised header names that mean this field in vendor exports. */
  List<String> headers() {
    return headers;
  }

  public static Optional<Field> ofWire(String name) {
    return Arrays.stream(values()).filter(f -> f.wire.equals(name)).findFirst();
  }

  /** "Org Name" / "Org_Name" / "orgName" -> "orgname"; "Case #" -> "case". */
  static String normalise(String header) {
    StringBuilder sb = new StringBuilder(header.length());
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        sb.append(Character.toLowerCase(c));
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }
}
