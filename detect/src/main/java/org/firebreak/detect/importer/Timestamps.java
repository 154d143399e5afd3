package org.firebreak.detect.importer;

import java.time.Instant;
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
    if (s.length() == US_FIXED.length()) {
      Instant t = usFixed(s);
      if (t != null) {
        return t;
      }
    }
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
    if (!isUtc(s, at[0])) {
      return null;
    }
    return utc(year, month, day, hour, minute, second, nanos);
  }

  private static final String US_FIXED = "11/14/2025, 09:53:36 AM UTC";

  /**
   * The shape of almost every Flock timestamp, {@code 11/14/2025, 09:53:36 AM UTC}, read by position (a log has two
   * or three on each of millions of rows); null when {@code s} is not exactly that shape, for the general reading.
   */
  private static Instant usFixed(String s) {
    if (s.charAt(2) != '/' || s.charAt(5) != '/' || s.charAt(10) != ',' || s.charAt(11) != ' '
        || s.charAt(14) != ':' || s.charAt(17) != ':' || s.charAt(20) != ' ' || s.charAt(23) != ' '
        || !s.regionMatches(true, 24, "UTC", 0, 3)) {
      return null;
    }
    int month = digits(s, 0, 2);
    int day = digits(s, 3, 2);
    int year = digits(s, 6, 4);
    int hour = digits(s, 12, 2);
    int minute = digits(s, 15, 2);
    int second = digits(s, 18, 2);
    char m = s.charAt(22);
    char ap = Character.toUpperCase(s.charAt(21));
    if (month < 0 || day < 0 || year < 1000 || hour < 1 || hour > 12 || minute < 0 || second < 0
        || (m != 'M' && m != 'm') || (ap != 'A' && ap != 'P')) {
      return null;
    }
    return utc(year, month, day, hour % 12 + (ap == 'P' ? 12 : 0), minute, second, 0);
  }

  /**
   * {@link #usFixed(String)} on bytes: the cell {@code b[from, from + 27)} as {@code 11/14/2025, 09:53:36 AM UTC},
   * read where it lies in the file's buffer without making a String (the importers' fast path); null when the bytes
   * are not exactly that shape, and the caller then reads the cell as text with {@link #parse}, which answers the
   * same for every shape.
   */
  static Instant usFixed(byte[] b, int from) {
    if (b[from + 2] != '/' || b[from + 5] != '/' || b[from + 10] != ',' || b[from + 11] != ' '
        || b[from + 14] != ':' || b[from + 17] != ':' || b[from + 20] != ' ' || b[from + 23] != ' '
        || (b[from + 24] | 0x20) != 'u' || (b[from + 25] | 0x20) != 't' || (b[from + 26] | 0x20) != 'c') {
      return null;
    }
    int month = two(b, from);
    int day = two(b, from + 3);
    int century = two(b, from + 6);
    int yy = two(b, from + 8);
    int year = century < 0 || yy < 0 ? -1 : century * 100 + yy;
    int hour = two(b, from + 12);
    int minute = two(b, from + 15);
    int second = two(b, from + 18);
    int m = b[from + 22] | 0x20;
    int ap = b[from + 21] | 0x20;
    if (month < 0 || day < 0 || year < 1000 || hour < 1 || hour > 12 || minute < 0 || second < 0 || m != 'm'
        || (ap != 'a' && ap != 'p')) {
      return null;
    }
    return utc(year, month, day, hour % 12 + (ap == 'p' ? 12 : 0), minute, second, 0);
  }

  /** The length of {@link #usFixed(byte[], int)}'s shape. */
  static final int US_FIXED_LENGTH = 27;

  /** Two decimal digits at {@code i}; -1 when either is not a digit (one test for both: no branch per digit). */
  private static int two(byte[] b, int i) {
    int high = b[i] - '0';
    int low = b[i + 1] - '0';
    return (high | low | (9 - high) | (9 - low)) < 0 ? -1 : high * 10 + low;
  }

  /** {@code n} decimal digits at {@code from}; -1 when one is not a digit. */
  private static int digits(String s, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** The rest of {@code s} from {@code from} names UTC: nothing, Z, UTC, GMT, +00:00 or +0000 (no substring made). */
  private static boolean isUtc(String s, int from) {
    int n = s.length() - from;
    return switch (n) {
      case 0 -> true;
      case 1 -> s.charAt(from) == 'Z' || s.charAt(from) == 'z';
      case 3 -> s.regionMatches(true, from, "UTC", 0, 3) || s.regionMatches(true, from, "GMT", 0, 3);
      case 5 -> s.startsWith("+0000", from);
      case 6 -> s.startsWith("+00:00", from);
      default -> false;
    };
  }

  /** The instant, or null for a date or time that does not exist (02/30/2025, 25:00 ...). */
  private static Instant utc(int year, int month, int day, int hour, int minute, int second, int nanos) {
    // Checked and counted by hand: LocalDateTime.of(...).toInstant(...) costs objects and checks per timestamp.
    boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month < 1 || month > 12 || day < 1 || day > (month == 2 && leap ? 29 : DAYS_IN_MONTH[month]) || hour > 23
        || minute > 59 || second > 59) {
      return null;
    }
    return Instant.ofEpochSecond(epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second,
        nanos);
  }

  private static final int[] DAYS_IN_MONTH = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  /** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil), for years from 1000. */
  static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = y / 400; // y >= 999: no negative division
    int yoe = y - era * 400;
    int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097L + doe - 719_468L;
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
