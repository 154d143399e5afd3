package org.firebreak.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.detect.importer.ColumnMapping;
import org.firebreak.detect.importer.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The importers on the shapes data/README.md describes, written by hand after it, and on broken files. */
class FlockImportTest {
  @TempDir
  Path dir;

  /** A network audit in the documented shape: two-line Time Frame, [Federal] prefix, *** and REDACTED. */
  static final String NETWORK_AUDIT = """
      ID,Name,Org Name,Total Networks Searched,Total Devices Searched,Time Frame,License Plate,Reason,Case #,Filters,Search Time,Search Type
      a1,Jane Roe,Fresno CA PD,12,340,"11/01/2025, 08:00:00 AM UTC
      11/02/2025, 08:00:00 AM UTC",7ABC123,stolen vehicle,25-001234,,"11/02/2025, 09:00:00 AM UTC",lookup
      a2,***,[Federal] U.S. Immigration and Customs Enforcement,6601,96316,"10/01/2025, 12:00:00 AM UTC
      11/15/2025, 12:00:00 AM UTC",7ABC123,ICE WARRANT,,,"11/03/2025, 10:00:00 AM UTC",search
      a3,REDACTED,Houston TX PD,3,40,"11/01/2025, 08:00:00 AM UTC
      11/02/2025, 08:00:00 AM UTC",REDACTED,hotplate removal,,,"11/04/2025, 11:00:00 PM UTC",lookup
      """;

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void networkAuditRowsSpanTwoLinesAndKeepTheirStartLine() throws Exception {
    Runs r = Runs.of(write("oakland-ca-pd-network-audit.csv", NETWORK_AUDIT), Format.AUTO);
    assertThat(r.problems()).isEmpty();
    assertThat(r.events()).extracting(AuditEvent::id).containsExactly("a1", "a2", "a3");
    assertThat(r.events()).extracting(e -> e.location().line()).containsExactly(2L, 4L, 6L);
    AuditEvent a1 = r.event("a1");
    assertThat(a1.timeFrame().orElseThrow().start()).isEqualTo(Instant.parse("2025-11-01T08:00:00Z"));
    assertThat(a1.timeFrame().orElseThrow().length()).isEqualTo(Duration.ofDays(1));
    assertThat(a1.time()).contains(Instant.parse("2025-11-02T09:00:00Z"));
    assertThat(a1.caseNumber()).contains("25-001234");
    assertThat(a1.requesterJurisdiction()).contains("US-CA");
    assertThat(a1.custodian()).contains("oakland-ca-pd");
    assertThat(a1.custodianJurisdiction()).contains("US-CA");
    assertThat(a1.sharedAccess()).isTrue();
    AuditEvent a2 = r.event("a2");
    assertThat(a2.organization()).contains("U.S. Immigration and Customs Enforcement");
    assertThat(a2.level()).contains(AgencyLevel.FEDERAL);
    assertThat(a2.user()).isEmpty(); // ***
    assertThat(a2.networks()).hasValue(6601);
    AuditEvent a3 = r.event("a3");
    assertThat(a3.subject()).isEmpty(); // REDACTED
    assertThat(a3.time()).contains(Instant.parse("2025-11-04T23:00:00Z")); // 11 PM
    assertThat(a3.requesterJurisdiction()).contains("US-TX");
  }

  @Test
  void laterNetworkAuditColumnsAreFoundByName() throws Exception {
    String later = """
        ID,Name,Org Name,Total Networks Searched,Time Frame,License Plate,Reason,Case #,Filters,Search Time,Search Type,Text Prompt,Moderation
        b1,***,Reno NV PD,4,"12/20/2025, 01:00:00 PM UTC
        12/21/2025, 01:00:00 PM UTC",***,Theft,,,"12/21/2025, 02:15:00 PM UTC",search,white van,
        """;
    Runs r = Runs.of(write("x-network-audit.csv", later), Format.FLOCK_NETWORK);
    assertThat(r.problems()).isEmpty();
    AuditEvent b1 = r.event("b1");
    assertThat(b1.devices()).isEmpty();
    assertThat(b1.networks()).hasValue(4);
    assertThat(b1.reason()).isEqualTo("Theft");
    assertThat(b1.time()).contains(Instant.parse("2025-12-21T14:15:00Z"));
  }

  @Test
  void okaloosaOrganizationAuditAsReleased() {
    Path file = Data.flock("okaloosa-fl-so-org-audit-sample.csv");
    Runs r = Runs.of(file, Format.AUTO);
    assertThat(r.problems()).isEmpty();
    assertThat(r.events()).hasSize(200); // data/README.md
    // first data row, read by hand
    AuditEvent first = r.events().get(0);
    assertThat(first.id()).isEqualTo("23d55b89-42eb-4f5c-9281-f5e8bf4864be");
    assertThat(first.location().line()).isEqualTo(2);
    assertThat(first.organization()).contains("Okaloosa County FL SO");
    assertThat(first.requesterJurisdiction()).contains("US-FL");
    assertThat(first.networks()).hasValue(840);
    assertThat(first.devices()).hasValue(17652);
    assertThat(first.timeFrame().orElseThrow().start()).isEqualTo(Instant.parse("2025-11-13T22:00:17Z"));
    assertThat(first.timeFrame().orElseThrow().end()).isEqualTo(Instant.parse("2025-11-14T10:00:17Z"));
    assertThat(first.reason()).isEqualTo("bolo");
    assertThat(first.time()).contains(Instant.parse("2025-11-14T09:53:36Z"));
    assertThat(first.searchType()).contains("lookup");
    assertThat(first.custodianJurisdiction()).contains("US-FL");
    assertThat(first.sharedAccess()).isFalse();
  }

  @Test
  void eugenePortalCsvAsReleased() {
    Runs r = Runs.of(Data.flock("eugene-or-pd-portal-search-audit.csv"), Format.AUTO);
    assertThat(r.problems()).isEmpty();
    assertThat(r.events()).hasSize(4294); // 4,295 lines less the header (the last line has no line break)
    AuditEvent first = r.events().get(0);
    assertThat(first.id()).isEqualTo("5869ce7e-98f2-47e7-a3c2-5e6bff4def4a");
    assertThat(first.user()).contains("587e52c3-e5b1-494d-bc15-943a853a26f5");
    assertThat(first.time()).contains(Instant.parse("2025-06-18T00:02:04.789Z"));
    assertThat(first.devices()).hasValue(2510);
    assertThat(first.reason()).isEqualTo("investigation");
    assertThat(first.custodian()).contains("eugene-or-pd");
    assertThat(first.custodianJurisdiction()).contains("US-OR");
    AuditEvent row55 = r.events().get(54);
    assertThat(row55.id()).isEqualTo("540c3151-7a62-4a84-aa8c-5e130cb3da73");
    assertThat(row55.location().line()).isEqualTo(56);
  }

  @Test
  void californiaPortalJson() {
    Runs r = Runs.of(Data.flock("ca-portals/alameda-ca-pd.json"), Format.AUTO);
    assertThat(r.problems()).isEmpty();
    assertThat(r.events()).hasSize(207); // row_count in the file
    AuditEvent first = r.events().get(0);
    assertThat(first.id()).isEqualTo("403c3a8b-bd5a-4f5c-bbb3-dc130f2e23c8");
    assertThat(first.user()).isEmpty(); // ***
    assertThat(first.networks()).hasValue(1);
    assertThat(first.reason()).isEqualTo("suspect vehicle");
    assertThat(first.time()).contains(Instant.parse("2026-03-20T00:06:23.972Z"));
    assertThat(first.custodian()).contains("alameda-ca-pd");
    assertThat(first.custodianJurisdiction()).contains("US-CA");
    assertThat(r.events().get(1).reason()).isEqualTo("26-01628, 211PC");
  }

  @Test
  void wholeFlockFolderReadsEveryRow() {
    Runs r = Runs.of(Data.flock("ca-portals"), Format.AUTO);
    assertThat(r.problems()).isEmpty();
    assertThat(r.events()).hasSize(42_473); // data/README.md
  }

  @Test
  void mappedCsv() throws Exception {
    Path csv = write("requests.csv", """
        Request,When,Agency,Purpose,Plate
        r-1,2026-01-05T10:00:00Z,ICE ERO Los Angeles,address check,8XYZ001
        r-2,01/06/2026 09:30 AM,Pasadena CA PD,burglary 26-00411,8XYZ001
        """);
    Path mapping = write("mapping.json", """
        {"columns": {"id": "Request", "time": "When", "organization": "Agency", "reason": "Purpose",
                     "subject": "Plate"},
         "custodian": "Los Angeles County SO", "custodianJurisdiction": "US-CA", "sharedAccess": true}
        """);
    Runs r = Runs.of(csv, Format.CSV, Optional.of(ColumnMapping.read(mapping, "mapping.json")));
    assertThat(r.problems()).isEmpty();
    assertThat(r.event("r-1").organization()).contains("ICE ERO Los Angeles");
    assertThat(r.event("r-2").time()).contains(Instant.parse("2026-01-06T09:30:00Z"));
    assertThat(r.on("r-1")).extracting(Flag::detector).contains("immigration-agency");
    assertThat(r.on("r-2")).extracting(Flag::detector).doesNotContain("missing-case-number", "out-of-state");
  }

  /** An onBehalfOf cell is placed as an organisation cell is: by a [Federal] prefix, a state code or a state's name. */
  @Test
  void mappedOnBehalfOfIsPlaced() throws Exception {
    Path csv = write("relays.csv", """
        Request,When,Agency,For,Purpose,Plate
        r-1,2026-01-05T10:00:00Z,Pasadena CA PD,Texas Department of Public Safety,narcotics 26-00410,8XYZ001
        r-2,2026-01-05T11:00:00Z,Pasadena CA PD,[Federal] FBI,bank robbery 26-00411,8XYZ002
        r-3,2026-01-05T12:00:00Z,Pasadena CA PD,Glendale CA PD,burglary 26-00412,8XYZ003
        """);
    Path mapping = write("relays.json", """
        {"columns": {"id": "Request", "time": "When", "organization": "Agency", "onBehalfOf": "For",
                     "reason": "Purpose", "subject": "Plate"},
         "custodian": "Pasadena CA PD", "custodianJurisdiction": "US-CA", "sharedAccess": false}
        """);
    Runs r = Runs.of(csv, Format.CSV, Optional.of(ColumnMapping.read(mapping, "relays.json")));
    assertThat(r.problems()).isEmpty();
    assertThat(r.event("r-1").onBehalfOfJurisdiction()).contains("US-TX");
    assertThat(r.event("r-2").onBehalfOf()).contains("[Federal] FBI");
    assertThat(r.event("r-2").onBehalfOfLevel()).contains(AgencyLevel.FEDERAL);
    assertThat(r.event("r-3").onBehalfOfJurisdiction()).contains("US-CA");
    assertThat(r.on("r-1")).extracting(Flag::detector).containsExactly("out-of-state");
    assertThat(r.on("r-2")).extracting(Flag::detector).containsExactly("federal-access");
    assertThat(r.on("r-3")).isEmpty();
  }

  @Test
  void mappingErrorsNameTheFileAndField() throws Exception {
    Path bad = write("bad.json", "{\"columns\": {\"reasn\": \"Purpose\"}}");
    assertThatThrownBy(() -> ColumnMapping.read(bad, "bad.json")).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("bad.json: $.columns.reasn: unknown field (allowed: id, time,");
    Path good = write("good.json", "{\"columns\": {\"reason\": \"Why\"}}");
    Path csv = write("x.csv", "Purpose\nfoo\n");
    assertThatThrownBy(() -> Runs.of(csv, Format.CSV, Optional.of(ColumnMapping.read(good, "good.json"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 1: column 'Why' (mapped to reason) is not in the header");
  }
}
