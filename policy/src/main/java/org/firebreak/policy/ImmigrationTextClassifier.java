package org.firebreak.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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

  private record Def(Kind kind, Pattern pattern, String explanation) {
  }

  private static Def agency(String regex, String explanation) {
    return new Def(Kind.AGENCY, Pattern.compile(L + "(?:" + regex + ")" + R, FLAGS), explanation);
  }

  private static Def term(String regex, String explanation) {
    return new Def(Kind.TERM, Pattern.compile(L + "(?:" + regex + ")" + R, FLAGS), explanation);
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
      agency("immigration" + AND + "customs" + S + "enforcement", ICE_EXPLANATION),
      agency("enforcement" + AND + "removal" + S + "operations|" + acronym("ERO"),
          "names ICE ERO (Enforcement and Removal Operations, an immigration authority)"),
      agency("homeland" + S + "security" + S + "investigations?|" + acronym("HSI"),
          "names ICE HSI (Homeland Security Investigations, an immigration authority)"),
      agency("customs" + AND + "border" + S + "protection|" + acronym("CBP"),
          "names CBP (Customs and Border Protection, an immigration authority)"),
      agency("border" + S + "patrol|" + acronym("USBP"),
          "names the U.S. Border Patrol (an immigration authority)"),
      agency("citizenship" + AND + "immigration" + S + "services?|" + acronym("USCIS"),
          "names USCIS (Citizenship and Immigration Services, an immigration authority)"),
      agency("immigration" + AND + "naturali[sz]ation" + S + "service",
          "names the former INS (Immigration and Naturalization Service, an immigration authority)"));

  private static final String ALIEN_QUALIFIER =
      "illegal|criminal|removable|deportable|inadmissible|excludable|undocumented|unauthori[sz]ed";

  private static final List<Def> TERMS = List.of(
      term("(?:illegal|undocumented|unauthori[sz]ed|unlawful)" + S + "immigra(?:tion|nts?)",
          "speaks of illegal immigration"),
      term("immigration(?:" + S
              + "(?:status|holds?|detainers?|violat(?:ions?|ors?)|enforcement|custody|warrants?))?",
          "speaks of immigration"),
      term("deport(?:ation|ations|ed|ee|ees|ing|able|s)?", "speaks of deportation"),
      term("removal" + S + "(?:orders?|proceedings?|flights?|hearings?)"
              + "|(?:final" + S + ")?orders?" + S + "of" + S + "(?:removal|deportation)"
              + "|warrants?" + S + "of" + S + "(?:removal|deportation)"
              + "|expedited" + S + "removal",
          "speaks of removal (deportation)"),
      term("(?:" + ALIEN_QUALIFIER + ")" + S + "aliens?"
              + "|aliens?" + S + "(?:registration|number|file|smuggling|harbou?ring)"
              + "|(?:smuggling|harbou?ring|transporting|arrest)" + S + "of" + S + "(?:an" + S + ")?aliens?",
          "speaks of aliens in the immigration-law sense"),
      term("undocumented", "speaks of undocumented status"),
      term("visa" + S + "(?:overstays?|overstayers?|violations?)"
              + "|overstay(?:ed|ing|s)?" + S + "(?:(?:a|the|his|her|their|of)" + S + ")?visas?",
          "speaks of a visa overstay or violation"),
      term("detainers?", "speaks of a detainer (a request to hold a person for immigration authorities)"),
      term("287\\s?(?:\\(g\\)|-?g)",
          "cites 287(g) (an agreement deputizing local officers for immigration enforcement)"),
      term("unlawful" + S + "presence|unlawfully" + S + "present|illegal(?:ly)?" + S + "re-?entry"
              + "|illegal(?:ly)?" + S + "re-?entered|citizenship" + S + "status",
          "speaks of immigration status"));

  private static final Pattern FORM = Pattern.compile(
      L + "(?:form" + S + ")?I[\\s\\-\\u2010\\u2011\\u2012\\u2013\\u2014]{0,2}"
          + "(200|203|205|213|247[ADNX]?|286|138|862)" + R,
      FLAGS);

  private static final Pattern FORM_PREFIX = Pattern.compile("^form", FLAGS);

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
    List<Signal> candidates = new ArrayList<>();

    Matcher ice = ICE.matcher(text);
    while (ice.find()) {
      if (iceIsAgency(text, ice.start(), ice.end())) {
        candidates.add(signal(Kind.AGENCY, text, ice.start(), ice.end()));
      }
    }
    for (Def def : AGENCIES) {
      collect(def, text, candidates);
    }
    for (Def def : TERMS) {
      collect(def, text, candidates);
    }
    Matcher form = FORM.matcher(text);
    while (form.find()) {
      boolean prefixed = FORM_PREFIX.matcher(form.group()).find();
      if (!"205".equals(form.group(1)) || prefixed || !isInterstate205(text, form.start(), form.end())) {
        candidates.add(signal(Kind.FORM, text, form.start(), form.end()));
      }
    }

    // leftmost-longest: sort by start, longer first, then drop anything overlapping an accepted signal
    candidates.sort(Comparator.comparingInt(Signal::start).thenComparingInt(s -> -s.end()));
    List<Signal> out = new ArrayList<>();
    int lastEnd = 0;
    for (Signal s : candidates) {
      if (s.start() >= lastEnd) {
        out.add(s);
        lastEnd = s.end();
      }
    }
    return List.copyOf(out);
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

  private static void collect(Def def, String text, List<Signal> out) {
    Matcher m = def.pattern().matcher(text);
    while (m.find()) {
      out.add(signal(def.kind(), text, m.start(), m.end()));
    }
  }

  /** Rule 2 of the class documentation. */
  private static boolean iceIsAgency(String text, int start, int end) {
    String token = text.substring(start, end);
    boolean deliberate = token.equals("ICE") || token.indexOf('.') >= 0;
    int immigration = nearestImmigrationWord(text, start, end);
    int other = nearest(text, start, end, OTHER_ICE_CONTEXT);
    if (deliberate) {
      return other == 0 || (immigration > 0 && immigration <= other);
    }
    return immigration > 0 && (other == 0 || immigration < other);
  }

  /** Rule 6: "I-205" next to a road word (and no nearer immigration word) is the interstate highway. */
  private static boolean isInterstate205(String text, int start, int end) {
    int road = nearest(text, start, end, ROAD_CONTEXT);
    int immigration = nearestImmigrationWord(text, start, end);
    return road > 0 && (immigration == 0 || road <= immigration);
  }

  private static int nearestImmigrationWord(String text, int start, int end) {
    return nearest(text, start, end, IMMIGRATION_CONTEXT);
  }

  /**
   * Distance in words (1 = adjacent) from the span [start, end) to the nearest word matching {@code words} within
   * {@link #WINDOW} words on either side and inside the same clause; 0 when there is none.
   */
  private static int nearest(String text, int start, int end, Pattern words) {
    int clauseStart = 0;
    Matcher brk = CLAUSE_BREAK.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    brk.region(0, start);
    while (brk.find()) {
      clauseStart = brk.end();
    }
    int clauseEnd = text.length();
    brk = CLAUSE_BREAK.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    brk.region(end, text.length());
    if (brk.find()) {
      clauseEnd = brk.start();
    }

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
