package org.firebreak.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.firebreak.policy.ImmigrationTextClassifier.Kind;
import org.firebreak.policy.ImmigrationTextClassifier.Signal;

/**
 * The immigration text classifier as it was before the single-pass scan (every pattern's find() over the whole
 * text, every context word through the whole regex), kept verbatim as an oracle: the fast classifier must agree
 * with it on every text (ImmigrationTextClassifierTest), and the benchmark measures against it.
 */
public final class ReferenceClassifier {
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
