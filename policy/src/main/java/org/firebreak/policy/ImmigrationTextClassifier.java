package org.firebreak.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether free text typed by a requester (a request "justification", a vendor audit-log "reason" such as
 * {@code "ICE WARRANT"}, {@code "assist HSI"} or {@code "stolen vehicle 24-1234"}) states an immigration-enforcement
 * purpose, and says why.
 *
 * <p>The classifier is immutable and thread-safe; every pattern is compiled once. It depends only on the JDK.
 *
 * <h2>Decision rules (and the trap each one exists for)</h2>
 * <ol>
 *   <li><b>Whole tokens only.</b> A match must not touch a letter or digit on either side, so {@code police},
 *       {@code notice}, {@code justice}, {@code Alice}, {@code Price}, {@code ICEMAN}, {@code hero}, {@code zero},
 *       {@code erosion}, {@code heroin}, {@code cbpx} and plates or case numbers such as {@code ICE1234},
 *       {@code 7ICE123} or {@code E287021} never fire. Punctuation is a boundary: {@code (ICE)}, {@code ICE's},
 *       {@code ICE+ERO}, {@code ICE/ERO}, {@code ICE-ERO} all fire. {@code +} and {@code _} also join the words of a
 *       phrase, because Flock portal exports often encode spaces as {@code +} ("Missing+Person").</li>
 *   <li><b>ICE is read in context.</b> The context of an ICE token is at most three words on each side, inside the
 *       same clause (a clause ends at {@code , ; | tab}, a line break, a spaced dash, or a sentence-ending period).
 *       <em>Immigration context</em> words are warrant, hold, detainer, agent, officer, ERO, HSI, CBP, custody,
 *       request, assist, deport..., immigration, removal, enforcement, task (force), raid, alien, ...;
 *       <em>other-ice context</em> words are drug (meth, crystal, possession, sale, dealer, narcotics, gram, oz,
 *       baggie, fentanyl, ...), weather/road (black, road, icy, storm, snow, ...), food and sport (cream, cube,
 *       machine, dry, rink, skating, hockey, ...) and nickname markers (aka, nickname).
 *       <ul>
 *         <li>All-caps {@code ICE} or dotted {@code I.C.E.} is the agency unless an other-ice word is strictly
 *             nearer than any immigration word ("BLACK ICE", "POSSESSION OF ICE", "ICE CREAM" do not fire;
 *             "ICE", "ICE HOLD", "ICE agents seized meth" do). Requesters who mean the agency write it in
 *             capitals.</li>
 *         <li>Lower- or mixed-case {@code ice}/{@code Ice} is the agency only when an immigration word is strictly
 *             nearer than any other-ice word ("ice warrant", "assist ice agents", "ice+ero" fire; "ice", "ice on
 *             road", "ice meth", "sale of ice to undercover officer" do not): in ordinary prose "ice" is frozen water
 *             or methamphetamine, and it is also a nickname.</li>
 *       </ul></li>
 *   <li><b>Acronyms without an English meaning</b> (ERO, HSI, CBP, USBP, USCIS, dotted or not) are agencies in any
 *       case. Agency names are matched in full ("Immigration and Customs Enforcement", "Border Patrol", ...);
 *       "Patrol", "Customs" or "Border" alone are not ("PATROL REQUEST"). {@code DHS} alone is not a signal: most
 *       of DHS (Secret Service, TSA, FEMA, CISA, Coast Guard) is not an immigration authority.</li>
 *   <li><b>Ambiguous words count only inside immigration phrases.</b> "removal" fires only as removal
 *       order/proceedings/flight/hearing, order/warrant of removal, expedited removal ("hotplate removal", "tree
 *       removal" do not); "alien" only as illegal/criminal/removable/... alien, alien registration/number/file/
 *       smuggling ("alien abduction" does not); "overstay" only with "visa" (a 72-hour parking overstay is not
 *       immigration). "detained" and "detention" are ordinary arrests and never fire. "Visa fraud" is not a signal
 *       (credit-card fraud). "Notice to Appear" alone is not a signal: in California it is the ordinary traffic
 *       citation; only the DHS form number I-862 is.</li>
 *   <li><b>287(g)</b> fires as {@code 287(g)}, {@code 287 (g)}, {@code 287g}, {@code 287-g}; other penal-code
 *       sections ("287(B) vehicle", "287PC") do not.</li>
 *   <li><b>Form numbers</b> I-200, I-203, I-205, I-213, I-247 (A, D, N, X), I-286, I-138, I-862 fire with a hyphen,
 *       space or nothing between "I" and the number, optionally preceded by "Form". I-205 is also an interstate
 *       highway (Portland OR/WA, Tracy CA), so a bare "I-205" with a road word nearby (NB, southbound, freeway,
 *       exit, on, at, near, ...) and no nearer immigration word does not fire ("NB I-205", "on I-205");
 *       "Form I-205", "I-205" and "I-205 warrant" do.</li>
 *   <li><b>Overlaps</b> resolve leftmost-longest: "illegal immigration" is one signal, not two; "ICE detainer" is
 *       two (an agency and a term).</li>
 * </ol>
 *
 * <h2>How the text is scanned</h2>
 * Every pattern begins with the boundary {@code (?<![\p{L}\p{N}])}, so a match can only start where the previous
 * character is not a letter or digit, and every alternative of every pattern begins with a literal (its
 * <em>start</em>, declared next to the pattern: {@code "ice"}, {@code "i.c"}, {@code "border"}, {@code "287"} ...).
 * {@link #signals} therefore walks the text once, and only at a word start whose characters fold (exactly as the
 * regex engine folds them for {@code CASE_INSENSITIVE | UNICODE_CASE}, see {@link #fold}) to one of the starts does
 * it run the pattern(s) owning that start, anchored there ({@link Matcher#lookingAt} with transparent bounds), in
 * the order {@link Matcher#find} would have tried them. The patterns still decide every match; the starts only
 * skip positions where no pattern can match, so the result is the same as running each pattern's {@code find}
 * over the whole text. A text with no start (the common case) costs one pass and allocates nothing.
 *
 * <p>The context of an ICE token or of "I-205" (rules 2 and 6) is read once for both word lists. Clause breaks are
 * looked for only at the characters a break can begin with; in a clause of ASCII characters the words are cut by
 * hand and each is tested only against the alternatives of a word list that begin with the same two letters
 * ({@link Vocabulary}), usually none; any other clause is read word by word with the regexes, as before. The tests
 * compare every result with the original implementation (every pattern's {@code find} over the whole text).
 */
public final class ImmigrationTextClassifier {

  /** The kind of evidence a signal is. */
  public enum Kind {
    /** An immigration authority is named (ICE, ERO, HSI, CBP, Border Patrol, USCIS ...). */
    AGENCY,
    /** An immigration-enforcement term (deportation, detainer, 287(g), illegal alien ...). */
    TERM,
    /** A DHS/ICE immigration form number (I-200, I-247A, I-862 ...). */
    FORM
  }

  /**
   * One immigration signal: what kind it is, the exact text matched and where ({@code text.substring(start, end)}
   * equals {@code matched}).
   *
   * @param kind what the signal is evidence of
   * @param matched the text matched, verbatim (never blank)
   * @param start index of the first matched character
   * @param end index after the last matched character; {@code end - start == matched.length()}
   */
  public record Signal(Kind kind, String matched, int start, int end) {
    public Signal {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(matched, "matched");
      if (matched.isBlank()) {
        throw new IllegalArgumentException("matched must not be blank");
      }
      if (start < 0 || end <= start) {
        throw new IllegalArgumentException("need 0 <= start < end, got start=" + start + ", end=" + end);
      }
      if (end - start != matched.length()) {
        throw new IllegalArgumentException(
            "end - start (" + (end - start) + ") must equal matched.length() (" + matched.length() + ")");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Building blocks
  // ---------------------------------------------------------------------------------------------------------

  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
  /** No letter or digit immediately before. */
  private static final String L = "(?<![\\p{L}\\p{N}])";
  /** No letter or digit immediately after. */
  private static final String R = "(?![\\p{L}\\p{N}])";
  /** Separator between the words of a phrase: whitespace, '+', '_' or '-'. */
  private static final String S = "[\\s+_\\-]+";
  private static final String AND = S + "(?:and|&)" + S;
  private static final int WINDOW = 3;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  /** Ends a clause: , ; | tab, line breaks, a spaced dash, a period after a word of 2+ letters or a digit, ? ! */
  private static final Pattern CLAUSE_BREAK = Pattern.compile(
      "[,;|\\t\\n\\r\\u0085\\u2028\\u2029]|\\s[-\\u2013\\u2014]+\\s|(?<=\\p{L}{2}|\\p{N})[.?!](?=\\s|$)");

  private static final Pattern ICE = Pattern.compile(L + "(?:I\\.C\\.E\\.?|ICE)" + R, FLAGS);

  /** Words near "ice" that make it the agency. */
  private static final Pattern IMMIGRATION_CONTEXT = Pattern.compile(
      "warrants?|holds?|detainers?|agents?|officers?|ero|hsi|cbp|usbp|uscis|dhs|custody|requests?|req"
          + "|assist(?:s|ed|ing|ance)?|deport\\p{L}*|immigra\\p{L}*|removals?|enforcement|task|tfo|raids?"
          + "|aliens?|border|homeland|287g?|ice",
      FLAGS);

  /** Words near "ice" that make it the drug, frozen water, a road condition, a sport or a nickname. */
  private static final Pattern OTHER_ICE_CONTEXT = Pattern.compile(
      "meth\\p{L}*|crystals?|possess\\p{L}*|poss|sales?|sell\\p{L}*|sold|dealers?|dealing|narc\\p{L}*"
          + "|drugs?|grams?|gm|oz|ounces?|baggies?|bags?|fentanyl|fent|heroin|cocaine|dope|pipes?|smok\\p{L}*"
          + "|black|roads?|roadway|rd|hwy|highway|bridge|icy|slick|slippery|snow|sleet|storm|freez\\p{L}*"
          + "|weather|frost|cream|cubes?|chest|cooler|machines?|maker|tea|shaved|rink|skat\\p{L}*|hockey"
          + "|arena|dry|aka|nickname|moniker",
      FLAGS);

  /** Words near "I-205" that make it the interstate highway rather than the ICE form. */
  private static final Pattern ROAD_CONTEXT = Pattern.compile(
      "[nsew]b|north\\p{L}*|south\\p{L}*|east\\p{L}*|west\\p{L}*|interstate|freeway|fwy|hwy|highway|exit"
          + "|ramp|on|onto|off|at|near|via|mile|mp|lane|traffic|crash|collision|accident|tracy|portland"
          + "|vancouver|i5|i84",
      FLAGS);

  static final Vocabulary IMMIGRATION_WORDS = Vocabulary.of(IMMIGRATION_CONTEXT);
  static final Vocabulary OTHER_ICE_WORDS = Vocabulary.of(OTHER_ICE_CONTEXT);
  static final Vocabulary ROAD_WORDS = Vocabulary.of(ROAD_CONTEXT);

  /**
   * A context-word pattern ({@code full}: an alternation of words, matched whole) split by the first two folded
   * characters a word must have to match each alternative. {@link #matchesWord} runs only the alternatives that can
   * begin as the word does (for most words none, so no regex runs at all) and so answers as {@code full} does. An
   * alternative whose first two characters cannot be read plainly (a group, an escape, a quantifier) is kept in
   * every bucket ({@code anywhere}).
   */
  static final class Vocabulary {
    private final Pattern full;
    /** {@code byPrefix[c1][c2]}: alternatives for a word beginning c1 c2 (folded ASCII), plus {@code anywhere}. */
    private final Pattern[][] byPrefix;
    /** The alternatives with no plain two-character beginning; null when there are none. */
    private final Pattern anywhere;

    private Vocabulary(Pattern full, Pattern[][] byPrefix, Pattern anywhere) {
      this.full = full;
      this.byPrefix = byPrefix;
      this.anywhere = anywhere;
    }

    Pattern full() {
      return full;
    }

    static Vocabulary of(Pattern full) {
      Map<String, List<String>> byKey = new TreeMap<>();
      List<String> anywhere = new ArrayList<>();
      for (String alternative : topLevelAlternatives(full.pattern())) {
        List<String> keys = twoCharacterBeginnings(alternative);
        if (keys == null) {
          anywhere.add(alternative);
        } else {
          for (String key : keys) {
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(alternative);
          }
        }
      }
      Pattern[][] byPrefix = new Pattern[128][];
      byKey.forEach((key, alternatives) -> {
        List<String> all = new ArrayList<>(alternatives);
        all.addAll(anywhere);
        if (byPrefix[key.charAt(0)] == null) {
          byPrefix[key.charAt(0)] = new Pattern[128];
        }
        byPrefix[key.charAt(0)][key.charAt(1)] = Pattern.compile("(?:" + String.join("|", all) + ")", full.flags());
      });
      return new Vocabulary(full, byPrefix,
          anywhere.isEmpty() ? null : Pattern.compile("(?:" + String.join("|", anywhere) + ")", full.flags()));
    }

    /**
     * {@code full.matcher(text.substring(from, to)).matches()}, for a word of ASCII letters and digits. A
     * one-character word can only match an alternative kept in {@code anywhere}: the others need two characters.
     */
    boolean matchesWord(String text, int from, int to) {
      Pattern p;
      if (to - from < 2) {
        p = anywhere;
      } else {
        char c1 = fold(text.charAt(from));
        char c2 = fold(text.charAt(from + 1));
        if (c1 >= 128 || c2 >= 128) {
          p = full;
        } else {
          Pattern[] row = byPrefix[c1];
          p = row == null || row[c2] == null ? anywhere : row[c2];
        }
      }
      return p != null && p.matcher(text).region(from, to).matches();
    }

    /** The alternatives of a regex, split at {@code |} outside groups and classes. */
    static List<String> topLevelAlternatives(String regex) {
      List<String> out = new ArrayList<>();
      int depth = 0;
      boolean inClass = false;
      int from = 0;
      for (int i = 0; i < regex.length(); i++) {
        char c = regex.charAt(i);
        if (c == '\\') {
          i++;
        } else if (inClass) {
          inClass = c != ']';
        } else if (c == '[') {
          inClass = true;
        } else if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        } else if (c == '|' && depth == 0) {
          out.add(regex.substring(from, i));
          from = i + 1;
        }
      }
      out.add(regex.substring(from));
      return out;
    }

    /**
     * The folded two-character beginnings of the words an alternative matches, when its first two elements are each
     * a letter or digit or a plain class such as {@code [nsew]}, neither quantified; null (any) otherwise.
     */
    static List<String> twoCharacterBeginnings(String alternative) {
      int[] at = {0};
      String first = plainElement(alternative, at);
      String second = first == null ? null : plainElement(alternative, at);
      if (second == null) {
        return null;
      }
      List<String> keys = new ArrayList<>();
      for (char a : first.toCharArray()) {
        for (char b : second.toCharArray()) {
          keys.add("" + a + b);
        }
      }
      return keys;
    }

    /**
     * The folded characters the element at {@code at[0]} matches, advancing {@code at[0]} past it: a letter or
     * digit, or a class of letters and digits only; null if it is anything else or is followed by a quantifier.
     */
    private static String plainElement(String alternative, int[] at) {
      int i = at[0];
      if (i >= alternative.length()) {
        return null;
      }
      char c = alternative.charAt(i);
      StringBuilder chars = new StringBuilder();
      if (c < 128 && Character.isLetterOrDigit(c)) {
        chars.append(fold(c));
        i++;
      } else if (c == '[') {
        int close = alternative.indexOf(']', i);
        if (close < 0) {
          return null;
        }
        for (int k = i + 1; k < close; k++) {
          char m = alternative.charAt(k);
          if (m >= 128 || !Character.isLetterOrDigit(m)) {
            return null; // ^, ranges, escapes: not read here
          }
          chars.append(fold(m));
        }
        i = close + 1;
      } else {
        return null;
      }
      if (chars.isEmpty() || (i < alternative.length() && "?*+{".indexOf(alternative.charAt(i)) >= 0)) {
        return null;
      }
      at[0] = i;
      return chars.toString();
    }
  }

  /**
   * A pattern, what its matches are evidence of, and its starts: literals (lower-case ASCII) such that every match
   * of the pattern begins with one of them, compared after {@link #fold}. A missing start would hide matches, so
   * each one is derived from the leading literal of an alternative of the pattern; the tests re-derive them from
   * the pattern source and check them against positive examples.
   */
  record Def(Kind kind, Pattern pattern, String explanation, List<String> starts) {
  }

  private static Def agency(String regex, String explanation, String... starts) {
    return new Def(Kind.AGENCY, Pattern.compile(L + "(?:" + regex + ")" + R, FLAGS), explanation, List.of(starts));
  }

  private static Def term(String regex, String explanation, String... starts) {
    return new Def(Kind.TERM, Pattern.compile(L + "(?:" + regex + ")" + R, FLAGS), explanation, List.of(starts));
  }

  /** An acronym, plain ("HSI") or dotted ("H.S.I." / "H.S.I"). */
  private static String acronym(String letters) {
    StringBuilder dotted = new StringBuilder();
    for (char c : letters.toCharArray()) {
      dotted.append(c).append("\\.");
    }
    dotted.setLength(dotted.length() - 2); // last "\."
    return letters + "|" + dotted + "\\.?";
  }

  private static final String ICE_EXPLANATION = "names ICE (an immigration authority)";

  /** Agencies other than the bare ICE token, which is handled by {@link #iceIsAgency}. */
  private static final List<Def> AGENCIES = List.of(
      agency("immigration" + AND + "customs" + S + "enforcement", ICE_EXPLANATION, "immigration"),
      agency("enforcement" + AND + "removal" + S + "operations|" + acronym("ERO"),
          "names ICE ERO (Enforcement and Removal Operations, an immigration authority)",
          "enforcement", "ero", "e.r"),
      agency("homeland" + S + "security" + S + "investigations?|" + acronym("HSI"),
          "names ICE HSI (Homeland Security Investigations, an immigration authority)", "homeland", "hsi", "h.s"),
      agency("customs" + AND + "border" + S + "protection|" + acronym("CBP"),
          "names CBP (Customs and Border Protection, an immigration authority)", "customs", "cbp", "c.b"),
      agency("border" + S + "patrol|" + acronym("USBP"),
          "names the U.S. Border Patrol (an immigration authority)", "border", "usbp", "u.s"),
      agency("citizenship" + AND + "immigration" + S + "services?|" + acronym("USCIS"),
          "names USCIS (Citizenship and Immigration Services, an immigration authority)",
          "citizenship", "uscis", "u.s"),
      agency("immigration" + AND + "naturali[sz]ation" + S + "service",
          "names the former INS (Immigration and Naturalization Service, an immigration authority)",
          "immigration"));

  private static final String ALIEN_QUALIFIER =
      "illegal|criminal|removable|deportable|inadmissible|excludable|undocumented|unauthori[sz]ed";

  private static final List<Def> TERMS = List.of(
      term("(?:illegal|undocumented|unauthori[sz]ed|unlawful)" + S + "immigra(?:tion|nts?)",
          "speaks of illegal immigration", "illegal", "undocumented", "unauthori", "unlawful"),
      term("immigration(?:" + S
              + "(?:status|holds?|detainers?|violat(?:ions?|ors?)|enforcement|custody|warrants?))?",
          "speaks of immigration", "immigration"),
      term("deport(?:ation|ations|ed|ee|ees|ing|able|s)?", "speaks of deportation", "deport"),
      term("removal" + S + "(?:orders?|proceedings?|flights?|hearings?)"
              + "|(?:final" + S + ")?orders?" + S + "of" + S + "(?:removal|deportation)"
              + "|warrants?" + S + "of" + S + "(?:removal|deportation)"
              + "|expedited" + S + "removal",
          "speaks of removal (deportation)", "removal", "final", "order", "warrant", "expedited"),
      term("(?:" + ALIEN_QUALIFIER + ")" + S + "aliens?"
              + "|aliens?" + S + "(?:registration|number|file|smuggling|harbou?ring)"
              + "|(?:smuggling|harbou?ring|transporting|arrest)" + S + "of" + S + "(?:an" + S + ")?aliens?",
          "speaks of aliens in the immigration-law sense",
          "illegal", "criminal", "removable", "deportable", "inadmissible", "excludable", "undocumented",
          "unauthori", "alien", "smuggling", "harbo", "transporting", "arrest"),
      term("undocumented", "speaks of undocumented status", "undocumented"),
      term("visa" + S + "(?:overstays?|overstayers?|violations?)"
              + "|overstay(?:ed|ing|s)?" + S + "(?:(?:a|the|his|her|their|of)" + S + ")?visas?",
          "speaks of a visa overstay or violation", "visa", "overstay"),
      term("detainers?", "speaks of a detainer (a request to hold a person for immigration authorities)",
          "detainer"),
      term("287\\s?(?:\\(g\\)|-?g)",
          "cites 287(g) (an agreement deputizing local officers for immigration enforcement)", "287"),
      term("unlawful" + S + "presence|unlawfully" + S + "present|illegal(?:ly)?" + S + "re-?entry"
              + "|illegal(?:ly)?" + S + "re-?entered|citizenship" + S + "status",
          "speaks of immigration status", "unlawful", "illegal", "citizenship"));

  private static final Pattern FORM = Pattern.compile(
      L + "(?:form" + S + ")?I[\\s\\-\\u2010\\u2011\\u2012\\u2013\\u2014]{0,2}"
          + "(200|203|205|213|247[ADNX]?|286|138|862)" + R,
      FLAGS);

  private static final Pattern FORM_PREFIX = Pattern.compile("^form", FLAGS);

  /**
   * The FORM start for a bare number ("I-200", "I 247A", "I200"): after "I" the pattern needs a separator
   * ({@code [\s\-\u2010-\u2014]}) or a digit, never a letter, so an "I" followed by a letter ("in", "ID") is
   * skipped.
   */
  private static final String FORM_NUMBER_START = "i";

  /**
   * Every pattern {@link #signals} runs, in the order the original one-pattern-at-a-time scan collected them
   * (which breaks ties between equal spans): the ICE token, the agencies, the terms, the form numbers.
   */
  static final List<Def> SCANNED;
  private static final int ICE_INDEX = 0;
  private static final int FORM_INDEX;

  static {
    List<Def> all = new ArrayList<>();
    all.add(new Def(Kind.AGENCY, ICE, ICE_EXPLANATION, List.of("ice", "i.c")));
    all.addAll(AGENCIES);
    all.addAll(TERMS);
    all.add(new Def(Kind.FORM, FORM, "cites an immigration form", List.of("form", FORM_NUMBER_START)));
    SCANNED = List.copyOf(all);
    FORM_INDEX = SCANNED.size() - 1;
  }

  /**
   * A start and the patterns ({@link #SCANNED} indexes, ascending) it belongs to. {@code prefix} is folded
   * lower-case ASCII.
   */
  private record Start(char[] prefix, int[] defs, boolean formNumber) {

    /** Whether a match of these patterns can begin at {@code s}; false only if it certainly cannot. */
    boolean couldStartAt(String text, int s) {
      int n = text.length();
      if (s + prefix.length > n) {
        return false;
      }
      for (int j = 1; j < prefix.length; j++) { // prefix[0] was looked up by the folded first character
        if (fold(text.charAt(s + j)) != prefix[j]) {
          return false;
        }
      }
      return !formNumber || (s + 1 < n && !Character.isLetter(text.charAt(s + 1)));
    }
  }

  /** {@code BY_FIRST[c]}: the starts beginning with {@code c} (folded ASCII); null when none. */
  private static final Start[][] BY_FIRST = new Start[128][];
  /**
   * {@code BY_FIRST_TWO[c1][c2]}: those of {@code BY_FIRST[c1]} that can begin {@code c1 c2} (one character long,
   * or {@code c2} second); null when none. Both tables are written only here, at class initialisation.
   */
  private static final Start[][][] BY_FIRST_TWO = new Start[128][][];

  static {
    Map<String, List<Integer>> defsByStart = new TreeMap<>();
    for (int d = 0; d < SCANNED.size(); d++) {
      for (String start : SCANNED.get(d).starts()) {
        for (char c : start.toCharArray()) {
          if (c >= 128 || fold(c) != c) {
            throw new IllegalStateException("a start must be folded ASCII: " + start);
          }
        }
        boolean formNumber = d == FORM_INDEX && start.equals(FORM_NUMBER_START);
        defsByStart.computeIfAbsent((formNumber ? "#" : "") + start, k -> new ArrayList<>()).add(d);
      }
    }
    List<List<Start>> byFirst = new ArrayList<>();
    for (int c = 0; c < 128; c++) {
      byFirst.add(new ArrayList<>());
    }
    defsByStart.forEach((key, defs) -> {
      boolean formNumber = key.startsWith("#");
      char[] prefix = (formNumber ? key.substring(1) : key).toCharArray();
      byFirst.get(prefix[0]).add(new Start(prefix, defs.stream().mapToInt(Integer::intValue).toArray(), formNumber));
    });
    for (int c1 = 0; c1 < 128; c1++) {
      List<Start> starts = byFirst.get(c1);
      if (starts.isEmpty()) {
        continue;
      }
      BY_FIRST[c1] = starts.toArray(new Start[0]);
      BY_FIRST_TWO[c1] = new Start[128][];
      for (int c2 = 0; c2 < 128; c2++) {
        List<Start> two = new ArrayList<>();
        for (Start start : starts) {
          if (start.prefix().length == 1 || start.prefix()[1] == c2) {
            two.add(start);
          }
        }
        BY_FIRST_TWO[c1][c2] = two.isEmpty() ? null : two.toArray(new Start[0]);
      }
    }
  }

  /** Letter and number categories, i.e. {@code [\p{L}\p{N}]}, as bits indexed by {@link Character#getType}. */
  private static final int WORD_CATEGORIES = 1 << Character.UPPERCASE_LETTER | 1 << Character.LOWERCASE_LETTER
      | 1 << Character.TITLECASE_LETTER | 1 << Character.MODIFIER_LETTER | 1 << Character.OTHER_LETTER
      | 1 << Character.DECIMAL_DIGIT_NUMBER | 1 << Character.LETTER_NUMBER | 1 << Character.OTHER_NUMBER;

  // ---------------------------------------------------------------------------------------------------------

  /** Creates a classifier; all patterns are static and compiled once. */
  public ImmigrationTextClassifier() {
  }

  /**
   * Every immigration signal found in the text, in order of appearance; empty when none. Never null.
   *
   * @throws NullPointerException if {@code text} is null
   */
  public List<Signal> signals(String text) {
    Objects.requireNonNull(text, "text");
    int n = text.length();
    Matcher[] matchers = null; // per pattern of SCANNED, made at its first candidate position
    int[] resumeAt = null; // per pattern: where its Matcher.find() would search next (the end of its last match)
    List<Signal> out = null;
    int acceptedEnd = 0;
    boolean afterWordChar = false;
    for (int s = 0; s < n; s++) {
      char c = text.charAt(s);
      if (afterWordChar) {
        afterWordChar = isWordChar(c);
        continue; // the leading (?<![\p{L}\p{N}]) of every pattern fails here
      }
      afterWordChar = isWordChar(c);
      char first = fold(c);
      if (first >= 128 || BY_FIRST[first] == null) {
        continue;
      }
      char second = s + 1 < n ? fold(text.charAt(s + 1)) : Character.MAX_VALUE;
      Start[] starts = second < 128 ? BY_FIRST_TWO[first][second] : BY_FIRST[first];
      if (starts == null) {
        continue;
      }
      // Of the matches starting at s keep the longest, the earlier pattern on a tie; as in a stable sort by
      // (start, -end) followed by dropping what overlaps an accepted signal (leftmost-longest).
      int bestDef = -1;
      int bestEnd = -1;
      for (Start start : starts) {
        if (!start.couldStartAt(text, s)) {
          continue;
        }
        for (int d : start.defs()) {
          if (matchers == null) {
            matchers = new Matcher[SCANNED.size()];
            resumeAt = new int[SCANNED.size()];
          }
          if (s < resumeAt[d]) {
            continue; // inside this pattern's previous match: find() would not look here
          }
          Matcher m = matchers[d];
          if (m == null) {
            m = SCANNED.get(d).pattern().matcher(text).useTransparentBounds(true);
            matchers[d] = m;
          }
          m.region(s, n);
          if (!m.lookingAt()) {
            continue;
          }
          int end = m.end();
          resumeAt[d] = end;
          // a match inside an accepted signal is dropped, but still moves its pattern on (above)
          boolean better = end > bestEnd || (end == bestEnd && d < bestDef);
          if (s >= acceptedEnd && better && passesContext(d, text, m)) {
            bestDef = d;
            bestEnd = end;
          }
        }
      }
      if (bestDef >= 0) {
        if (out == null) {
          out = new ArrayList<>();
        }
        out.add(signal(SCANNED.get(bestDef).kind(), text, s, bestEnd));
        acceptedEnd = bestEnd;
      }
    }
    return out == null ? List.of() : List.copyOf(out);
  }

  /** Rules 2 (the ICE token) and 6 (I-205 on the road) for a match of {@code SCANNED.get(def)}. */
  private static boolean passesContext(int def, String text, Matcher m) {
    if (def == ICE_INDEX) {
      return iceIsAgency(text, m.start(), m.end());
    }
    if (def == FORM_INDEX) {
      boolean prefixed = FORM_PREFIX.matcher(m.group()).find();
      return !"205".equals(m.group(1)) || prefixed || !isInterstate205(text, m.start(), m.end());
    }
    return true;
  }

  /** {@code !signals(text).isEmpty()}. */
  public boolean isImmigrationRelated(String text) {
    return !signals(text).isEmpty();
  }

  /**
   * A short human explanation for a signal, e.g. "names ICE (an immigration authority)" or "cites ICE form I-200
   * (administrative arrest warrant)".
   */
  public String explain(Signal s) {
    Objects.requireNonNull(s, "signal");
    String m = s.matched();
    switch (s.kind()) {
      case AGENCY -> {
        if (ICE.matcher(m).matches()) {
          return ICE_EXPLANATION;
        }
        for (Def def : AGENCIES) {
          if (def.pattern().matcher(m).matches()) {
            return def.explanation();
          }
        }
        return "names an immigration authority (\"" + oneLine(m) + "\")";
      }
      case TERM -> {
        for (Def def : TERMS) {
          if (def.pattern().matcher(m).matches()) {
            return def.explanation() + " (\"" + oneLine(m) + "\")";
          }
        }
        return "uses an immigration-enforcement term (\"" + oneLine(m) + "\")";
      }
      case FORM -> {
        Matcher f = FORM.matcher(m);
        if (f.matches()) {
          String number = f.group(1).toUpperCase(Locale.ROOT);
          return "cites " + formDescription(number);
        }
        return "cites an immigration form (\"" + oneLine(m) + "\")";
      }
      default -> throw new IllegalStateException("unknown kind " + s.kind());
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  /**
   * The character as the regex engine compares it under {@code CASE_INSENSITIVE | UNICODE_CASE}: a literal
   * letter or digit {@code p} of a pattern matches a text character {@code c} exactly when
   * {@code fold(c) == fold(p)} (JDK {@code Pattern.single} / {@code SingleU}, {@code newSlice} / {@code SliceU}).
   * So {@code fold('\u0131')} (dotless i) and {@code fold('\u0130')} (I with dot) are {@code 'i'},
   * {@code fold('\u017F')} (long s) is {@code 's'}, {@code fold('\u212A')} (Kelvin) is {@code 'k'}.
   * ({@code String.toLowerCase(Locale.ROOT)} differs: it leaves dotless i and long s as they are, so
   * "\u0131ce warrant" or "U\u017FCIS" would be missed, and turns I-with-dot into two chars.)
   */
  static char fold(char c) {
    if (c < 128) {
      return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
    return Character.toLowerCase(Character.toUpperCase(c));
  }

  /**
   * {@code [\p{L}\p{N}]} for one char. A surrogate counts as neither, so a position after one is always tried:
   * where this is false the leading lookbehind may pass, where it is true the lookbehind certainly fails.
   */
  static boolean isWordChar(char c) {
    if (c < 128) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    return (WORD_CATEGORIES >> Character.getType(c) & 1) != 0;
  }

  private static String formDescription(String number) {
    return switch (number) {
      case "200" -> "ICE form I-200 (administrative arrest warrant)";
      case "203" -> "ICE form I-203 (order to detain or release, an administrative warrant)";
      case "205" -> "ICE form I-205 (warrant of removal, an administrative warrant)";
      case "213" -> "DHS form I-213 (record of deportable/inadmissible alien)";
      case "247" -> "ICE form I-247 (immigration detainer)";
      case "247A" -> "ICE form I-247A (immigration detainer)";
      case "247D" -> "ICE form I-247D (immigration detainer, request for voluntary action)";
      case "247N" -> "ICE form I-247N (request for notification of release)";
      case "247X" -> "ICE form I-247X (request for voluntary transfer)";
      case "286" -> "ICE form I-286 (notice of custody determination)";
      case "138" -> "DHS form I-138 (administrative subpoena)";
      case "862" -> "DHS form I-862 (Notice to Appear in removal proceedings)";
      default -> "immigration form I-" + number;
    };
  }

  private static String oneLine(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }

  private static Signal signal(Kind kind, String text, int start, int end) {
    return new Signal(kind, text.substring(start, end), start, end);
  }

  /** Rule 2 of the class documentation. */
  private static boolean iceIsAgency(String text, int start, int end) {
    // the token is exactly "ICE", or dotted
    int dot = text.indexOf('.', start);
    boolean deliberate = (end - start == 3 && text.startsWith("ICE", start)) || (dot >= 0 && dot < end);
    Distances d = nearest(text, start, end, IMMIGRATION_WORDS, OTHER_ICE_WORDS);
    int immigration = d.first();
    int other = d.second();
    if (deliberate) {
      return other == 0 || (immigration > 0 && immigration <= other);
    }
    return immigration > 0 && (other == 0 || immigration < other);
  }

  /** Rule 6: "I-205" next to a road word (and no nearer immigration word) is the interstate highway. */
  private static boolean isInterstate205(String text, int start, int end) {
    Distances d = nearest(text, start, end, ROAD_WORDS, IMMIGRATION_WORDS);
    int road = d.first();
    int immigration = d.second();
    return road > 0 && (immigration == 0 || road <= immigration);
  }

  /** Word distances to the nearest word of two vocabularies; see {@link #nearest}. */
  private record Distances(int first, int second) {
  }

  /**
   * Distance in words (1 = adjacent) from the span [start, end) to the nearest word of {@code first} and of
   * {@code second} within {@link #WINDOW} words on either side and inside the same clause; 0 when there is none.
   * Words are maximal runs of {@code [\p{L}\p{N}]}. A clause made of ASCII only is read by hand; any other
   * clause goes through {@link #nearestByRegex}, the original word-by-word regex reading.
   */
  private static Distances nearest(String text, int start, int end, Vocabulary first, Vocabulary second) {
    int clauseStart = clauseStart(text, start);
    int clauseEnd = clauseEnd(text, end);
    for (int i = clauseStart; i < clauseEnd; i++) {
      if (text.charAt(i) >= 128) {
        return new Distances(nearestByRegex(text, start, end, clauseStart, clauseEnd, first.full()),
            nearestByRegex(text, start, end, clauseStart, clauseEnd, second.full()));
      }
    }
    // before the span: the last WINDOW words of [clauseStart, start), nearest first
    int beforeFirst = 0;
    int beforeSecond = 0;
    int p = start;
    for (int i = 0; i < WINDOW && (beforeFirst == 0 || beforeSecond == 0); i++) {
      while (p > clauseStart && !isWordChar(text.charAt(p - 1))) {
        p--;
      }
      if (p == clauseStart) {
        break;
      }
      int wordEnd = p;
      while (p > clauseStart && isWordChar(text.charAt(p - 1))) {
        p--;
      }
      if (beforeFirst == 0 && first.matchesWord(text, p, wordEnd)) {
        beforeFirst = i + 1;
      }
      if (beforeSecond == 0 && second.matchesWord(text, p, wordEnd)) {
        beforeSecond = i + 1;
      }
    }
    // after the span: the first WINDOW words of [end, clauseEnd); one at distance 1 before cannot be beaten
    int afterFirst = beforeFirst == 1 ? -1 : 0;
    int afterSecond = beforeSecond == 1 ? -1 : 0;
    int q = end;
    for (int i = 0; i < WINDOW && (afterFirst == 0 || afterSecond == 0); i++) {
      while (q < clauseEnd && !isWordChar(text.charAt(q))) {
        q++;
      }
      if (q == clauseEnd) {
        break;
      }
      int wordStart = q;
      while (q < clauseEnd && isWordChar(text.charAt(q))) {
        q++;
      }
      if (afterFirst == 0 && first.matchesWord(text, wordStart, q)) {
        afterFirst = i + 1;
      }
      if (afterSecond == 0 && second.matchesWord(text, wordStart, q)) {
        afterSecond = i + 1;
      }
    }
    return new Distances(nearer(beforeFirst, afterFirst), nearer(beforeSecond, afterSecond));
  }

  /** The smaller positive distance; 0 when neither is positive. */
  private static int nearer(int before, int after) {
    if (after <= 0) {
      return before;
    }
    return before == 0 || after < before ? after : before;
  }

  /**
   * Start of the clause holding {@code start}: the end of the last {@link #CLAUSE_BREAK} that {@code find} meets in
   * [0, start), or 0. {@code find} is only tried where a break can begin (see {@link #couldStartClauseBreak}).
   */
  private static int clauseStart(String text, int start) {
    int clauseStart = 0;
    Matcher brk = null;
    for (int i = 0; i < start; i++) {
      if (i < clauseStart || !couldStartClauseBreak(text, i)) {
        continue; // a later find() resumes at the end of the previous break
      }
      if (brk == null) {
        brk = CLAUSE_BREAK.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
      }
      brk.region(i, start);
      if (brk.lookingAt()) {
        clauseStart = brk.end();
      }
    }
    return clauseStart;
  }

  /** End of the clause holding {@code end}: the start of the first {@link #CLAUSE_BREAK} in [end, length). */
  private static int clauseEnd(String text, int end) {
    Matcher brk = null;
    for (int i = end; i < text.length(); i++) {
      if (!couldStartClauseBreak(text, i)) {
        continue;
      }
      if (brk == null) {
        brk = CLAUSE_BREAK.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
      }
      brk.region(i, text.length());
      if (brk.lookingAt()) {
        return i;
      }
    }
    return text.length();
  }

  /**
   * False only where no {@link #CLAUSE_BREAK} can begin. Each of its alternatives begins with its one character
   * ({@code , ; | \t \n \r \u0085 \u2028 \u2029}), with a {@code \s} followed by a dash, or (after a
   * zero-width lookbehind) with {@code . ? !}.
   */
  private static boolean couldStartClauseBreak(String text, int i) {
    char c = text.charAt(i);
    switch (c) {
      case ',', ';', '|', '\t', '\n', '\r', '\u0085', '\u2028', '\u2029', '.', '?', '!' -> {
        return true;
      }
      case ' ', '\u000B', '\f' -> {
        // \s is [ \t\n\x0B\f\r]; \t \n \r already answered true
        if (i + 1 < text.length()) {
          char d = text.charAt(i + 1);
          return d == '-' || d == '\u2013' || d == '\u2014';
        }
        return false;
      }
      default -> {
        return false;
      }
    }
  }

  /** The original reading of the words of a clause, for clauses that are not all ASCII. */
  private static int nearestByRegex(String text, int start, int end, int clauseStart, int clauseEnd,
      Pattern words) {
    List<String> before = new ArrayList<>();
    Matcher w = WORD.matcher(text);
    w.region(clauseStart, start);
    while (w.find()) {
      before.add(w.group());
    }
    int best = 0;
    for (int i = 0; i < WINDOW && i < before.size(); i++) {
      if (words.matcher(before.get(before.size() - 1 - i)).matches()) {
        best = i + 1;
        break;
      }
    }
    w = WORD.matcher(text);
    w.region(end, clauseEnd);
    for (int i = 0; i < WINDOW && w.find(); i++) {
      if (words.matcher(w.group()).matches()) {
        if (best == 0 || i + 1 < best) {
          best = i + 1;
        }
        break;
      }
    }
    return best;
  }
}
