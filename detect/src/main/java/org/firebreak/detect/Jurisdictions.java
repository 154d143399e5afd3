package org.firebreak.detect;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where an agency is, read from the way vendor logs and file names write it: Flock organisation names end with the
 * state's postal code before the agency type ("Okaloosa County FL SO", "Houston TX PD"); files obtained through
 * public-records requests are named after the agency ("eugene-or-pd-...", "alameda-ca-pd.json"). The answer is an
 * ISO 3166-2 code ({@code US-FL}); a federal agency is {@code US}.
 */
public final class Jurisdictions {
  private static final Map<String, String> NAMES = new LinkedHashMap<>();
  private static final Set<String> CODES;

  static {
    String[][] states = {{"AL", "Alabama"}, {"AK", "Alaska"}, {"AZ", "Arizona"}, {"AR", "Arkansas"},
        {"CA", "California"}, {"CO", "Colorado"}, {"CT", "Connecticut"}, {"DE", "Delaware"}, {"DC", "District of Columbia"},
        {"FL", "Florida"}, {"GA", "Georgia"}, {"HI", "Hawaii"}, {"ID", "Idaho"}, {"IL", "Illinois"}, {"IN", "Indiana"},
        {"IA", "Iowa"}, {"KS", "Kansas"}, {"KY", "Kentucky"}, {"LA", "Louisiana"}, {"ME", "Maine"}, {"MD", "Maryland"},
        {"MA", "Massachusetts"}, {"MI", "Michigan"}, {"MN", "Minnesota"}, {"MS", "Mississippi"}, {"MO", "Missouri"},
        {"MT", "Montana"}, {"NE", "Nebraska"}, {"NV", "Nevada"}, {"NH", "New Hampshire"}, {"NJ", "New Jersey"},
        {"NM", "New Mexico"}, {"NY", "New York"}, {"NC", "North Carolina"}, {"ND", "North Dakota"}, {"OH", "Ohio"},
        {"OK", "Oklahoma"}, {"OR", "Oregon"}, {"PA", "Pennsylvania"}, {"RI", "Rhode Island"},
        {"SC", "South Carolina"}, {"SD", "South Dakota"}, {"TN", "Tennessee"}, {"TX", "Texas"}, {"UT", "Utah"},
        {"VT", "Vermont"}, {"VA", "Virginia"}, {"WA", "Washington"}, {"WV", "West Virginia"}, {"WI", "Wisconsin"},
        {"WY", "Wyoming"}};
    for (String[] s : states) {
      NAMES.put(s[1].toLowerCase(Locale.ROOT), s[0]);
    }
    CODES = Set.copyOf(NAMES.values());
  }

  private Jurisdictions() {
  }

  /**
   * The state of an organisation named in a log: the last token that is a state's postal code written in capitals
   * ("Okaloosa County FL SO" -> US-FL); else a state's full name not followed by "County" ("Texas Department of
   * Public Safety" -> US-TX, but "Washington County Sheriff" -> unknown: there is one in 30 states).
   */
  public static Optional<String> ofOrganization(String name) {
    String[] tokens = name.split("[^A-Za-z]+");
    for (int i = tokens.length - 1; i >= 0; i--) {
      if (tokens[i].length() == 2 && CODES.contains(tokens[i])) {
        return Optional.of("US-" + tokens[i]);
      }
    }
    String lower = " " + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ") + " ";
    for (Map.Entry<String, String> s : NAMES.entrySet()) {
      int at = lower.indexOf(" " + s.getKey() + " ");
      if (at >= 0 && !lower.startsWith("county ", at + s.getKey().length() + 2)
          && !lower.startsWith("co ", at + s.getKey().length() + 2)) {
        return Optional.of("US-" + s.getValue());
      }
    }
    return Optional.empty();
  }

  /**
   * The state of an agency named by a file or portal name in lower case with hyphens ("eugene-or-pd-portal-...",
   * "alameda-ca-pd"): the first hyphen-separated token that is a state's postal code.
   */
  public static Optional<String> ofSlug(String slug) {
    for (String token : slug.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
      if (token.length() == 2 && CODES.contains(token.toUpperCase(Locale.ROOT))) {
        return Optional.of("US-" + token.toUpperCase(Locale.ROOT));
      }
    }
    return Optional.empty();
  }

  /** The state part of a jurisdiction ({@code US-CA-SF} -> {@code US-CA}); {@code US} stays {@code US}. */
  public static String state(String jurisdiction) {
    int first = jurisdiction.indexOf('-');
    int second = first < 0 ? -1 : jurisdiction.indexOf('-', first + 1);
    return second < 0 ? jurisdiction : jurisdiction.substring(0, second);
  }
}
