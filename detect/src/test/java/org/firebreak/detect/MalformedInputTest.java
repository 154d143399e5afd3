package org.firebreak.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.firebreak.core.error.FirebreakException;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.detect.importer.Format;
import org.firebreak.detect.importer.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every importer reports the rows it cannot read by line and goes on; none throws anything but its own errors. */
class MalformedInputTest {
  @TempDir
  Path dir;

  static final String HEADER = "ID,Name,Org Name,Total Networks Searched,Total Devices Searched,Time Frame,"
      + "License Plate,Reason,Case #,Filters,Search Time,Search Type\n";

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void aRowWithTooFewCellsIsReportedByLineAndTheNextRowIsRead() throws Exception {
    Path f = write("n-network-audit.csv", HEADER
        + "c1,A,Reno NV PD,1,2,,,theft,,,\"11/02/2025, 09:00:00 AM UTC\",lookup\n"
        + "c2,B,Reno NV PD,1\n"
        + "c3,C,Reno NV PD,1,2,,,theft,,,\"11/02/2025, 09:00:00 AM UTC\",lookup\n");
    Runs r = Runs.of(f, Format.FLOCK_NETWORK);
    assertThat(r.events()).extracting(AuditEvent::id).containsExactly("c1", "c3");
    assertThat(r.problems()).extracting(Problem::line).containsExactly(3L);
    assertThat(r.problems().get(0).reason()).isEqualTo("row has 4 cells, the header has 12; row skipped");
  }

  @Test
  void unreadableValuesAreReportedAndTheRowIsKept() throws Exception {
    Path f = write("n-network-audit.csv", HEADER
        + "c1,A,Reno NV PD,many,2,\"yesterday\",,theft,,,\"13/45/2025, 09:00:00 AM UTC\",lookup\n");
    Runs r = Runs.of(f, Format.FLOCK_NETWORK);
    assertThat(r.events()).extracting(AuditEvent::id).containsExactly("c1");
    assertThat(r.event("c1").time()).isEmpty();
    assertThat(r.event("c1").networks()).isEmpty();
    assertThat(r.problems()).extracting(Problem::toString).containsExactlyInAnyOrder(
        f + ":2: Search Time: not a timestamp '13/45/2025, 09:00:00 AM UTC'; row kept without it",
        f + ":2: Total Networks Searched: not a count 'many'; row kept without it",
        f + ":2: Time Frame: not a time frame 'yesterday'; row kept without it");
  }

  @Test
  void anUnterminatedQuoteEndsTheFileWithAProblemNotACrash() throws Exception {
    Path f = write("n-network-audit.csv", HEADER
        + "c1,A,Reno NV PD,1,2,,,theft,,,\"11/02/2025, 09:00:00 AM UTC\",lookup\n"
        + "c2,B,Reno NV PD,1,2,,,\"never closed,,,x,lookup\n"
        + "c3,C,Reno NV PD,1,2,,,theft,,,x,lookup\n");
    Runs r = Runs.of(f, Format.FLOCK_NETWORK);
    assertThat(r.events()).extracting(AuditEvent::id).startsWith("c1");
    assertThat(r.problems()).isNotEmpty();
    assertThat(r.problems()).allSatisfy(p -> assertThat(p.line()).isGreaterThanOrEqualTo(3));
  }

  @Test
  void aTruncatedPortalJsonKeepsTheRowsBeforeTheBreak() throws Exception {
    Path f = write("x-ca-pd.json", """
        {"portal": "x-ca-pd", "rows": [
          {"id": "r1", "userId": "***", "searchDate": "2026-03-20T00:06:23.972Z", "networkCount": "1", "reason": "a"},
          "not an object",
          {"id": "r3", "userId": "***", "searchDate": "2026-03-20T00:06:23.972Z", "networkCount": "1", "reas
        """);
    Runs r = Runs.of(f, Format.AUTO);
    assertThat(r.events()).extracting(AuditEvent::id).containsExactly("r1");
    assertThat(r.problems()).extracting(Problem::line).contains(3L);
    assertThat(r.problems()).anySatisfy(p -> assertThat(p.reason()).startsWith("JSON breaks off"));
  }

  @Test
  void anUnknownCsvShapeIsAnErrorNamingLineOne() throws Exception {
    Path f = write("x.csv", "a,b\n1,2\n");
    assertThatThrownBy(() -> Runs.of(f, Format.AUTO)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(f + ": line 1: not a known Flock export");
  }

  @Test
  void anEmptyFileIsAProblem() throws Exception {
    Runs r = Runs.of(write("e-network-audit.csv", ""), Format.FLOCK_NETWORK);
    assertThat(r.events()).isEmpty();
    assertThat(r.problems()).extracting(Problem::reason).containsExactly("empty file: no header row");
  }

  @Property(tries = 300)
  void randomBytesAfterAValidHeaderNeverCrash(@ForAll @Size(max = 400) byte[] body) throws Exception {
    Path f = Files.createTempFile("fuzz-network-audit", ".csv");
    try {
      byte[] head = HEADER.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      byte[] all = new byte[head.length + body.length];
      System.arraycopy(head, 0, all, 0, head.length);
      System.arraycopy(body, 0, all, head.length, body.length);
      Files.write(f, all);
      for (Format format : new Format[] {Format.FLOCK_NETWORK, Format.FLOCK_PORTAL, Format.AUTO}) {
        try {
          Runs r = Runs.of(f, format);
          assertThat(r.problems()).allSatisfy(p -> assertThat(p.line()).isBetween(0L, 1000L));
        } catch (FirebreakException expected) {
          // a file-level refusal with its file and line is allowed; anything else is a crash
          assertThat(expected.getMessage()).startsWith(f.toString());
        }
      }
    } finally {
      Files.deleteIfExists(f);
    }
  }

  @Property(tries = 300)
  void randomTextAsPortalJsonNeverCrashes(@ForAll @StringLength(max = 300) String body) throws Exception {
    Path f = Files.createTempFile("fuzz-ca-pd", ".json");
    try {
      Files.writeString(f, "{\"portal\":\"x-ca-pd\",\"rows\":[" + body);
      try {
        Runs.of(f, Format.AUTO);
      } catch (FirebreakException expected) {
        assertThat(expected.getMessage()).startsWith(f.toString());
      }
    } finally {
      Files.deleteIfExists(f);
    }
  }
}
