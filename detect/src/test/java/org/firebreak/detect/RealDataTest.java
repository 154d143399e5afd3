package org.firebreak.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.firebreak.detect.importer.Format;
import org.junit.jupiter.api.Test;

/**
 * The detectors on the real Flock logs. California agencies cannot search for immigration enforcement and Flock
 * rejects such terms there, so their portals should show none (data/README.md); a hand search of every reason for
 * ICE/HSI/ERO/CBP/immigration/border/deport/alien/287 words finds only "287(B) vehicle" (a penal-code section) and
 * two FBI rows, none of them immigration.
 */
class RealDataTest {
  @Test
  void californiaPortalsRaiseNoImmigrationFlags() {
    Runs r = Runs.of(Data.flock("ca-portals"), Format.AUTO);
    assertThat(r.by("immigration-purpose")).isEmpty();
    assertThat(r.by("immigration-agency")).isEmpty();
    assertThat(r.by("task-force")).isEmpty();
    assertThat(r.by("relay")).isEmpty();
    // the agencies' own searches: no one else's access to their data is in these files
    assertThat(r.by("out-of-state")).isEmpty();
    assertThat(r.by("federal-access")).isEmpty();
    // the largest California search covers 1,898 networks: the state's own network, not a nationwide lookup
    assertThat(r.by("bulk-search")).isEmpty();
  }

  @Test
  void okaloosaNationwideSearchesAreBulk() {
    Runs r = Runs.of(Data.flock("okaloosa-fl-so-org-audit-sample.csv"), Format.AUTO);
    // 16 rows with 6,593..6,601 networks (a hand count of Total_Networks_Searched), and two frames over 30 days:
    // line 11 (10/15/2025 05:00 AM to 11/14/2025 05:59:59 AM) and line 21 (10/13/2025 to 11/13/2025)
    assertThat(r.by("bulk-search")).filteredOn(f -> f.explanation().contains("networks")).hasSize(16);
    assertThat(r.by("bulk-search")).filteredOn(f -> f.explanation().startsWith("over a time frame"))
        .extracting(f -> f.source().line()).containsExactly(11L, 21L);
    assertThat(r.by("bulk-search")).hasSize(18);
    assertThat(r.flags()).filteredOn(f -> f.detector().startsWith("immigration")).isEmpty();
  }
}
