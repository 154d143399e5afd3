package org.firebreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code firebreak detect} in-process, on a network audit written after data/README.md's description. */
class DetectCommandTest {
  @TempDir
  Path dir;

  static final String NETWORK_AUDIT = """
      ID,Name,Org Name,Total Networks Searched,Total Devices Searched,Time Frame,License Plate,Reason,Case #,Filters,Search Time,Search Type
      a1,Jane Roe,Fresno CA PD,12,340,"11/01/2025, 08:00:00 AM UTC
      11/02/2025, 08:00:00 AM UTC",7ABC123,stolen vehicle,25-001234,,"11/02/2025, 09:00:00 AM UTC",lookup
      a2,***,[Federal] U.S. Immigration and Customs Enforcement,12,300,"11/01/2025, 12:00:00 AM UTC
      11/02/2025, 12:00:00 AM UTC",7ABC123,ICE WARRANT,25-2,,"11/03/2025, 10:00:00 AM UTC",search
      a3,REDACTED,Fresno CA PD,1
      """;

  @Test
  void writesFlagsAsJsonAndASummaryOnStderr() throws Exception {
    Path in = dir.resolve("oakland-ca-pd-network-audit.csv");
    Files.writeString(in, NETWORK_AUDIT);
    Path out = dir.resolve("flags.json");
    CliTest.Run r = CliTest.run("detect", "--input", in.toString(), "--out", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode flags = new ObjectMapper().readTree(Files.readString(out));
    // a2: ICE by name and by reason, federal access to California ALPR data; a1: the local search it followed
    assertThat(flags).hasSize(4);
    assertThat(flags.get(0).get("eventId").asText()).isEqualTo("a1");
    assertThat(flags.get(0).get("detector").asText()).isEqualTo("relay");
    assertThat(flags.get(0).get("evidence").toString()).isEqualTo("[\"a1\",\"a2\"]");
    JsonNode purpose = flags.get(1);
    assertThat(purpose.get("eventId").asText()).isEqualTo("a2");
    assertThat(purpose.get("detector").asText()).isEqualTo("immigration-purpose");
    assertThat(purpose.get("severity").asText()).isEqualTo("HIGH");
    assertThat(purpose.get("citations").toString()).contains("Cal. Gov. Code § 7284.6(a)(1)");
    assertThat(purpose.get("source").get("line").asInt()).isEqualTo(4);
    // the short row on line 6 is named, the rest is read
    assertThat(r.err()).contains(in + ":6: row has 4 cells, the header has 12; row skipped")
        .contains("read 2 events from 1 file; 1 problem; 4 flags")
        .contains("immigration-purpose        1  (1/0/0)")
        .contains("U.S. Immigration and Customs Enforcement: 3 flags");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void flagsGoToStandardOutputWithoutOut() throws Exception {
    Path in = dir.resolve("oakland-ca-pd-network-audit.csv");
    Files.writeString(in, NETWORK_AUDIT);
    CliTest.Run r = CliTest.run("detect", "--input", in.toString(), "--format", "flock-network");
    assertThat(r.exit()).isZero();
    assertThat(new ObjectMapper().readTree(r.out())).hasSize(4);
  }

  @Test
  void badInputIsOneLineWithoutAStackTrace() throws Exception {
    Path csv = dir.resolve("x.csv");
    Files.writeString(csv, "a,b\n1,2\n");
    CliTest.Run unknown = CliTest.run("detect", "--input", csv.toString());
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err().strip()).isEqualTo("firebreak: invalid-input: " + csv
        + ": line 1: not a known Flock export (header a,b): use --format csv --mapping FILE");

    CliTest.Run noMapping = CliTest.run("detect", "--input", csv.toString(), "--format", "csv");
    assertThat(noMapping.exit()).isEqualTo(2);
    assertThat(noMapping.err().lines()).hasSize(1);

    Path mapping = dir.resolve("m.json");
    Files.writeString(mapping, "{\"columns\": {\"why\": \"b\"}}");
    CliTest.Run badMapping = CliTest.run("detect", "--input", csv.toString(), "--format", "csv", "--mapping",
        mapping.toString());
    assertThat(badMapping.exit()).isEqualTo(2);
    assertThat(badMapping.err()).startsWith("firebreak: invalid-input: " + mapping + ": $.columns.why: unknown field");

    CliTest.Run badFormat = CliTest.run("detect", "--input", csv.toString(), "--format", "pdf");
    assertThat(badFormat.exit()).isEqualTo(2);
    assertThat(badFormat.err()).contains("unknown format 'pdf'").doesNotContain("Exception");

    CliTest.Run missing = CliTest.run("detect", "--input", dir.resolve("nope.csv").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).startsWith("firebreak: unreadable-file: ").doesNotContain("\tat ");
  }

  @Test
  void evaluateNeedsADataDirectoryWithItsGroundTruthAndOneInput() throws Exception {
    CliTest.Run none = CliTest.run("detect", "--evaluate", dir.toString());
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err().strip()).startsWith("firebreak: ").contains(dir.resolve("ground-truth.json").toString())
        .doesNotContain("\n");
    CliTest.Run both = CliTest.run("detect", "--evaluate", dir.toString(), "--input", dir.toString());
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("give --input PATH or --evaluate DIR");
  }

  @Test
  void mappedCsvThroughTheCommand() throws Exception {
    Path csv = dir.resolve("requests.csv");
    Files.writeString(csv, "Request,Agency,Purpose\nr-1,Pasadena CA PD,assist ICE ERO with address\n");
    Path mapping = dir.resolve("m.json");
    Files.writeString(mapping, "{\"columns\": {\"id\": \"Request\", \"organization\": \"Agency\", \"reason\": \"Purpose\"},"
        + " \"custodianJurisdiction\": \"US-CA\"}");
    CliTest.Run r = CliTest.run("detect", "--input", csv.toString(), "--format", "csv", "--mapping",
        mapping.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode flags = new ObjectMapper().readTree(r.out());
    assertThat(flags.findValuesAsText("detector")).contains("immigration-purpose", "missing-case-number");
  }
}
