package org.firebreak.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.firebreak.detect.importer.Timestamps;
import org.junit.jupiter.api.Test;

/** The vendor timestamps, read by position or in general, against instants written by hand. */
class TimestampsTest {
  @Test
  void flocksUsShape() {
    assertThat(Timestamps.parse("11/14/2025, 09:53:36 AM UTC")).contains(Instant.parse("2025-11-14T09:53:36Z"));
    assertThat(Timestamps.parse("11/14/2025, 12:00:00 AM UTC")).contains(Instant.parse("2025-11-14T00:00:00Z"));
    assertThat(Timestamps.parse("11/14/2025, 12:30:00 PM UTC")).contains(Instant.parse("2025-11-14T12:30:00Z"));
    assertThat(Timestamps.parse("11/04/2025, 11:00:00 pm utc")).contains(Instant.parse("2025-11-04T23:00:00Z"));
    assertThat(Timestamps.parse("02/29/2024, 01:00:00 AM UTC")).contains(Instant.parse("2024-02-29T01:00:00Z"));
    assertThat(Timestamps.parse("1/2/2025 3:04 PM")).contains(Instant.parse("2025-01-02T15:04:00Z"));
    // Around the century and the 400-year leap day, where a hand-written day count would slip.
    assertThat(Timestamps.parse("12/31/1999, 11:59:59 PM UTC")).contains(Instant.parse("1999-12-31T23:59:59Z"));
    assertThat(Timestamps.parse("02/29/2000, 06:00:00 AM UTC")).contains(Instant.parse("2000-02-29T06:00:00Z"));
    assertThat(Timestamps.parse("03/01/2100, 06:00:00 AM UTC")).contains(Instant.parse("2100-03-01T06:00:00Z"));
    assertThat(Timestamps.parse("02/29/2100, 06:00:00 AM UTC")).isEmpty(); // 2100 is not a leap year
  }

  @Test
  void isoShapes() {
    assertThat(Timestamps.parse("2025-06-18 00:02:04.789")).contains(Instant.parse("2025-06-18T00:02:04.789Z"));
    assertThat(Timestamps.parse("2026-03-20T00:06:23.972Z")).contains(Instant.parse("2026-03-20T00:06:23.972Z"));
  }

  @Test
  void notTimestamps() {
    assertThat(Timestamps.parse("02/30/2025, 09:00:00 AM UTC")).isEmpty(); // no such day
    assertThat(Timestamps.parse("02/29/2025, 09:00:00 AM UTC")).isEmpty(); // 2025 is not a leap year
    assertThat(Timestamps.parse("11/14/2025, 09:53:36 AM PST")).isEmpty(); // another zone
    assertThat(Timestamps.parse("11/14/2025, 13:53:36 PM UTC")).isEmpty(); // 13 o'clock PM
    assertThat(Timestamps.parse("11/14/2025, 09:60:00 AM UTC")).isEmpty();
    assertThat(Timestamps.parse("2025-06-18 24:00:00")).isEmpty();
    assertThat(Timestamps.parse("1x/14/2025, 09:53:36 AM UTC")).isEmpty();
  }
}
