package org.firebreak.detect.importer;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Reads the timestamps of vendor exports, all in UTC:
 * <ul>
 *   <li>US style, Flock audit CSVs: {@code 11/14/2025, 09:53:36 AM UTC} (comma, seconds and zone optional);</li>
 *   <li>ISO style, portal exports: {@code 2025-06-18 00:02:04.789}, {@code 2026-03-20T00:06:23.972Z}.</li>
 * </ul>
 * Read by hand rather than with {@code DateTimeFormatter}: a log has a timestamp or two on every one of millions of
 * rows, and a formatter per variant would cost more than the detectors. A zone other than UTC/GMT/Z, or anything
 * that is not one of these shapes, is not a timestamp (empty).
 */
public final class Timestamps {
  private Timestamps() {
  }

  public static Optional<Instant> parse(String s) {
    Instant t = parseOrNull(s.strip());
    return Optional.ofNullable(t);
  }

  private static Instant parseOrNull(String s) {
    int[] at = {0};
    int a = number(s, at, 4);
    if (a < 0 || at[0] >= s.length()) {
      return null;
    }
    char sep = s.charAt(at[0]);
    int year;
    int month;
    int day;
    if (sep == '/') {
      month = a;
      at[0]++;
      day = number(s, at, 2);
      if (day < 0 || !skip(s, at, '/')) {
        return null;
      }
      year = number(s, at, 4);
    } else if (sep == '-') {
      year = a;
      at[0]++;
      month = number(s, at, 2);
      if (month < 0 || !skip(s, at, '-')) {
        return null;
      }
      day = number(s, at, 2);
    } else {
      return null;
    }
    if (year < 1000) {
      return null;
    }
    // date and time are separated by 'T', a space, or ", "
    if (at[0] < s.length() && (s.charAt(at[0]) == 'T' || s.charAt(at[0]) == 't')) {
      at[0]++;
    } else {
      skip(s, at, ',');
      if (!spaces(s, at)) {
        return at[0] == s.length() ? utc(year, month, day, 0, 0, 0, 0) : null;
      }
    }
    int hour = number(s, at, 2);
    if (hour < 0 || !skip(s, at, ':')) {
      return null;
    }
    int minute = number(s, at, 2);
    int second = 0;
    int nanos = 0;
    if (minute < 0) {
      return null;
    }
    if (skip(s, at, ':')) {
      second = number(s, at, 2);
      if (second < 0) {
        return null;
      }
      if (skip(s, at, '.')) {
        int from = at[0];
        int fraction = number(s, at, 9);
        if (fraction < 0) {
          return null;
        }
        for (int digits = at[0] - from; digits < 9; digits++) {
          fraction *= 10;
        }
        nanos = fraction;
      }
    }
    spaces(s, at);
    if (s.regionMatches(true, at[0], "AM", 0, 2) || s.regionMatches(true, at[0], "PM", 0, 2)) {
      boolean pm = Character.toUpperCase(s.charAt(at[0])) == 'P';
      if (hour < 1 || hour > 12) {
        return null;
      }
      hour = hour % 12 + (pm ? 12 : 0);
      at[0] += 2;
      spaces(s, at);
    }
    String zone = s.substring(at[0]);
    if (!(zone.isEmpty() || zone.equals("Z") || zone.equals("z") || zone.equalsIgnoreCase("UTC")
        || zone.equalsIgnoreCase("GMT") || zone.equals("+00:00") || zone.equals("+0000"))) {
      return null;
    }
    return utc(year, month, day, hour, minute, second, nanos);
  }

  private static Instant utc(int year, int month, int day, int hour, int minute, int second, int nanos) {
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null; // 02/30/2025, 25:00 ...
    }
  }

  /** 1..max digits at at[0] as a number, advancing; -1 when there is no digit. */
  private static int number(String s, int[] at, int max) {
    int i = at[0];
    int v = 0;
    while (i < s.length() && i - at[0] < max && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      v = v * 10 + (s.charAt(i) - '0');
      i++;
    }
    if (i == at[0]) {
      return -1;
    }
    at[0] = i;
    return v;
  }

  private static boolean skip(String s, int[] at, char c) {
    if (at[0] < s.length() && s.charAt(at[0]) == c) {
      at[0]++;
      return true;
    }
    return false;
  }

  private static boolean spaces(String s, int[] at) {
    int from = at[0];
    while (at[0] < s.length() && s.charAt(at[0]) == ' ') {
      at[0]++;
    }
    return at[0] > from;
  }
}
