package org.firebreak.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.firebreak.policy.ImmigrationTextClassifier.Kind;
import org.firebreak.policy.ImmigrationTextClassifier.Signal;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImmigrationTextClassifierTest {

  private final ImmigrationTextClassifier classifier = new ImmigrationTextClassifier();

  /** Signals rendered as "KIND:matched", which is what a reader checks by eye. */
  private List<String> found(String text) {
    return classifier.signals(text).stream().map(s -> s.kind() + ":" + s.matched()).toList();
  }

  // ---------------------------------------------------------------------------------------------------------
  // What must fire
  // ---------------------------------------------------------------------------------------------------------

  static Stream<Arguments> recognised() {
    return Stream.of(
        // agencies
        Arguments.of("ICE", List.of("AGENCY:ICE")),
        Arguments.of("I.C.E.", List.of("AGENCY:I.C.E.")),
        Arguments.of("I.C.E", List.of("AGENCY:I.C.E")),
        Arguments.of("ice warrant", List.of("AGENCY:ice")),
        Arguments.of("Ice warrant", List.of("AGENCY:Ice")),
        Arguments.of("ICE WARRANT", List.of("AGENCY:ICE")),
        Arguments.of("assist ice agents", List.of("AGENCY:ice")),
        Arguments.of("ice detainer", List.of("AGENCY:ice", "TERM:detainer")),
        Arguments.of("ice custody", List.of("AGENCY:ice")),
        Arguments.of("ICE+ERO", List.of("AGENCY:ICE", "AGENCY:ERO")),
        Arguments.of("ice+ero", List.of("AGENCY:ice", "AGENCY:ero")),
        Arguments.of("ICE/ERO", List.of("AGENCY:ICE", "AGENCY:ERO")),
        Arguments.of("ERO", List.of("AGENCY:ERO")),
        Arguments.of("HSI", List.of("AGENCY:HSI")),
        Arguments.of("H.S.I.", List.of("AGENCY:H.S.I.")),
        Arguments.of("assist HSI", List.of("AGENCY:HSI")),
        Arguments.of("CBP", List.of("AGENCY:CBP")),
        Arguments.of("CBP assist", List.of("AGENCY:CBP")),
        Arguments.of("USBP", List.of("AGENCY:USBP")),
        Arguments.of("Border Patrol", List.of("AGENCY:Border Patrol")),
        Arguments.of("US Border Patrol agent request", List.of("AGENCY:Border Patrol")),
        Arguments.of("USCIS", List.of("AGENCY:USCIS")),
        Arguments.of("Immigration and Customs Enforcement", List.of("AGENCY:Immigration and Customs Enforcement")),
        Arguments.of("Homeland Security Investigations", List.of("AGENCY:Homeland Security Investigations")),
        Arguments.of("Customs and Border Protection", List.of("AGENCY:Customs and Border Protection")),
        Arguments.of("Enforcement and Removal Operations", List.of("AGENCY:Enforcement and Removal Operations")),
        Arguments.of("U.S. Citizenship and Immigration Services",
            List.of("AGENCY:Citizenship and Immigration Services")),
        Arguments.of("ICE hold", List.of("AGENCY:ICE")),
        // terms
        Arguments.of("immigration", List.of("TERM:immigration")),
        Arguments.of("immigration status check", List.of("TERM:immigration status")),
        Arguments.of("illegal immigration", List.of("TERM:illegal immigration")),
        Arguments.of("deportation", List.of("TERM:deportation")),
        Arguments.of("deport", List.of("TERM:deport")),
        Arguments.of("subject was deported in 2019", List.of("TERM:deported")),
        Arguments.of("removal order", List.of("TERM:removal order")),
        Arguments.of("removal proceedings", List.of("TERM:removal proceedings")),
        Arguments.of("final order of removal", List.of("TERM:final order of removal")),
        Arguments.of("removal flight", List.of("TERM:removal flight")),
        Arguments.of("alien", List.of()), // alone: not a signal, see traps
        Arguments.of("illegal alien", List.of("TERM:illegal alien")),
        Arguments.of("criminal alien", List.of("TERM:criminal alien")),
        Arguments.of("criminal+alien", List.of("TERM:criminal+alien")),
        Arguments.of("alien registration", List.of("TERM:alien registration")),
        Arguments.of("removable alien", List.of("TERM:removable alien")),
        Arguments.of("undocumented", List.of("TERM:undocumented")),
        Arguments.of("visa overstay", List.of("TERM:visa overstay")),
        Arguments.of("overstayed her visa", List.of("TERM:overstayed her visa")),
        Arguments.of("visa violation", List.of("TERM:visa violation")),
        Arguments.of("287(g)", List.of("TERM:287(g)")),
        Arguments.of("287 (g) task force", List.of("TERM:287 (g)")),
        Arguments.of("287g", List.of("TERM:287g")),
        Arguments.of("detainer", List.of("TERM:detainer")),
        Arguments.of("immigration detainer", List.of("TERM:immigration detainer")),
        Arguments.of("illegal reentry", List.of("TERM:illegal reentry")),
        // forms
        Arguments.of("I-200", List.of("FORM:I-200")),
        Arguments.of("I-203", List.of("FORM:I-203")),
        Arguments.of("I-205", List.of("FORM:I-205")),
        Arguments.of("I-205 warrant of removal", List.of("FORM:I-205", "TERM:warrant of removal")),
        Arguments.of("Form I-205 on file", List.of("FORM:Form I-205")),
        Arguments.of("I-247", List.of("FORM:I-247")),
        Arguments.of("I-247A", List.of("FORM:I-247A")),
        Arguments.of("I-247D", List.of("FORM:I-247D")),
        Arguments.of("I-247N", List.of("FORM:I-247N")),
        Arguments.of("I-286", List.of("FORM:I-286")),
        Arguments.of("I-138", List.of("FORM:I-138")),
        Arguments.of("I-213", List.of("FORM:I-213")),
        Arguments.of("I-862", List.of("FORM:I-862")),
        Arguments.of("I200", List.of("FORM:I200")),
        Arguments.of("I 200", List.of("FORM:I 200")),
        Arguments.of("form i-247a", List.of("FORM:form i-247a")),
        Arguments.of("Form I-247A", List.of("FORM:Form I-247A")),
        Arguments.of("per I\u2011200", List.of("FORM:I\u2011200")) // non-breaking hyphen
    );
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("recognised")
  void recognises(String text, List<String> expected) {
    assertThat(found(text)).containsExactlyElementsOf(expected);
    assertThat(classifier.isImmigrationRelated(text)).isEqualTo(!expected.isEmpty());
  }

  // ---------------------------------------------------------------------------------------------------------
  // What must not fire
  // ---------------------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "", " ", "police", "Police service", "dice", "notice", "justice", "office", "service", "Rice", "Price",
      "Nice", "slice", "twice", "voice", "hotplate removal", "tree removal", "snow removal", "removal",
      "black ice", "BLACK ICE", "ice on road", "ICE ON ROAD", "icy", "icy roads", "ice storm", "ICE STORM",
      "erosion", "Erosion", "hero", "zero", "Nero", "Cicero", "heroin", "Alice", "Candice", "Bryce",
      "ICEMAN", "ice", "Ice", "possession of ice", "POSSESSION OF ICE", "ice meth", "ICE METH", "crystal ice",
      "sale of ice", "ice and fentanyl", "methamphetamine (ice)", "ice cream", "ICE CREAM TRUCK", "ice rink",
      "ice skating", "dry ice", "DRY ICE", "aka Ice", "AKA ICE", "sale of ice to undercover officer",
      "WARRANT - ICE CREAM SHOP BURGLARY", "cbpx", "xcbp", "alien abduction", "alien", "detained", "detention",
      "suspect detained after pursuit", "ICE1234", "7ICE123", "plate ICE123", "stolen vehicle 24-1234",
      "Notice to Appear", "cited, notice to appear issued", "overstay", "72 hour parking overstay",
      "Visa fraud", "stolen Visa card", "DHS", "Patrol", "customs", "border", "NB I-205", "stolen car on I-205",
      "I-2050", "I-247B", "I-999", "PI200", "stalking case 287(B)", "erotic", "zeros", "hsing", "USCISX"
  })
  void doesNotFireOnTraps(String text) {
    assertThat(classifier.signals(text)).as(text).isEmpty();
    assertThat(classifier.isImmigrationRelated(text)).isFalse();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Real reasons from the Flock audit logs (copied verbatim). None of the 4,294 Eugene rows nor the 25,675
  // non-empty California reasons states an immigration purpose; these are the ones closest to a naive keyword.
  // ---------------------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      // shared/data/flock/eugene-or-pd-portal-search-audit.csv
      "POLICE",
      "police",
      "Property Crime - Warrant",
      "Other image search from alerts page associated with Alert: Stolen Vehicle E287021 - 2025-08-01T13:05:47.234Z",
      "ICAC",
      "Missing+Person",
      "wanted subject from NV",
      // shared/data/flock/ca-portals/folsom-ca-pd.json
      "hotplate removal",
      // shared/data/flock/ca-portals/newport-beach-pd-ca.json
      "Inv. Heroin Sales, Whi. Lexus, related to J. Tonori (17th/Tustin)",
      "Arrest warrant Holdo",
      // shared/data/flock/ca-portals/piedmont-ca-pd.json
      "287(B) vehicle",
      // shared/data/flock/ca-portals/oakland-ca-pd.json
      "261(a)(2)PC; 220PC; 289PC, 287PC",
      // shared/data/flock/ca-portals/bakersfield-ca-pd.json
      "26-13287",
      "Criminal Justice",
      // shared/data/flock/ca-portals/cathedral-city-ca-pd.json
      "2603c2870",
      "Accomplice",
      // shared/data/flock/ca-portals/humboldt-county-ca-so.json
      "FBI ASSIST: BANK THEFT",
      "Wanted fugitive, US Marshall assist",
      "Fugitive of justice",
      // shared/data/flock/ca-portals/dinuba-ca-pd.json
      "ICAC CSAM CASE",
      "PATROL REQUEST SRO",
      // shared/data/flock/ca-portals/redlands-ca-pd.json
      "CALL FOR SERVICE",
      // shared/data/flock/ca-portals/stockton-ca-pd.json
      "OUTSIDE AGENCY ASSIST",
      // shared/data/flock/ca-portals/visalia-ca-pd.json
      "PER I323 FEM LFT SON YESTERDAY AND HAS NOT RETURND",
      "investigation, vehicle identification for DA's office",
      // shared/data/flock/ca-portals/alameda-ca-pd.json
      "evading peace officer",
      // shared/data/flock/ca-portals/san-joaquin-county-ca-so.json
      "Special Services Investigation",
  })
  void realFlockReasonsThatMustNotFire(String reason) {
    assertThat(classifier.signals(reason)).as(reason).isEmpty();
  }

  /**
   * Reasons reported in real immigration-related Flock searches elsewhere (shared/data/README.md, flock/ section:
   * 404 Media, May 2025; Ventura County audit, Feb 2026). The local data files contain none.
   */
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"immigration", "ICE", "ICE+ERO", "ICE WARRANT", "illegal immigration", "HSI", "ERO",
      "CBP assist"})
  void reportedRealImmigrationReasonsFire(String reason) {
    assertThat(classifier.isImmigrationRelated(reason)).as(reason).isTrue();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Context, punctuation, positions, order
  // ---------------------------------------------------------------------------------------------------------

  @Test
  void punctuationAroundIceKeepsTheAgencyAndExactPositions() {
    assertThat(classifier.signals("(ICE)")).containsExactly(new Signal(Kind.AGENCY, "ICE", 1, 4));
    assertThat(classifier.signals("ICE's request")).containsExactly(new Signal(Kind.AGENCY, "ICE", 0, 3));
    assertThat(classifier.signals("ICE,\nstolen vehicle")).containsExactly(new Signal(Kind.AGENCY, "ICE", 0, 3));
    assertThat(classifier.signals("stolen vehicle, ICE")).containsExactly(new Signal(Kind.AGENCY, "ICE", 16, 19));
    assertThat(classifier.signals("stolen vehicle\nICE warrant"))
        .containsExactly(new Signal(Kind.AGENCY, "ICE", 15, 18));
    assertThat(classifier.signals("ICE-ERO"))
        .containsExactly(new Signal(Kind.AGENCY, "ICE", 0, 3), new Signal(Kind.AGENCY, "ERO", 4, 7));
    assertThat(classifier.signals("I.C.E. warrant")).containsExactly(new Signal(Kind.AGENCY, "I.C.E.", 0, 6));
  }

  @Test
  void multipleSignalsComeBackInOrderOfAppearance() {
    String text = "I-247A lodged by ICE; HSI to assist, subject has removal order";
    assertThat(classifier.signals(text)).containsExactly(
        new Signal(Kind.FORM, "I-247A", 0, 6),
        new Signal(Kind.AGENCY, "ICE", 17, 20),
        new Signal(Kind.AGENCY, "HSI", 22, 25),
        new Signal(Kind.TERM, "removal order", 49, 62));
  }

  @Test
  void overlappingMatchesResolveToTheLongest() {
    assertThat(found("Immigration and Customs Enforcement (ICE)"))
        .containsExactly("AGENCY:Immigration and Customs Enforcement", "AGENCY:ICE");
    assertThat(found("undocumented alien")).containsExactly("TERM:undocumented alien");
  }

  @Test
  void iceIsDecidedPerClauseByTheNearestContextWord() {
    // the drug clause does not cancel the hold clause, and vice versa
    assertThat(classifier.signals("ICE HOLD; POSSESSION OF ICE"))
        .containsExactly(new Signal(Kind.AGENCY, "ICE", 0, 3));
    // a sentence ends at "meth."; "ICE" in the next sentence has no drug context
    assertThat(classifier.signals("Possession of meth. ICE hold"))
        .containsExactly(new Signal(Kind.AGENCY, "ICE", 20, 23));
    // immigration word nearer than the drug word
    assertThat(found("ice agents seized crystal meth")).containsExactly("AGENCY:ice");
    // drug word nearer than the immigration word
    assertThat(found("sale of ice to undercover officer")).isEmpty();
    // capitals with no context at all: the agency
    assertThat(found("CHECK ICE")).containsExactly("AGENCY:ICE");
    // lower case with no immigration context: not the agency
    assertThat(found("check ice")).isEmpty();
  }

  @Test
  void interstate205IsNotTheForm() {
    assertThat(found("last seen I-205 NB")).isEmpty();
    assertThat(found("stolen car on I-205")).isEmpty();
    assertThat(found("served I-205 warrant")).containsExactly("FORM:I-205");
    assertThat(found("Form I-205")).containsExactly("FORM:Form I-205");
  }

  // ---------------------------------------------------------------------------------------------------------
  // explain, record validation, null handling, thread safety
  // ---------------------------------------------------------------------------------------------------------

  @Test
  void explainsSignals() {
    assertThat(classifier.explain(classifier.signals("ICE WARRANT").get(0)))
        .isEqualTo("names ICE (an immigration authority)");
    assertThat(classifier.explain(classifier.signals("I.C.E.").get(0)))
        .isEqualTo("names ICE (an immigration authority)");
    assertThat(classifier.explain(classifier.signals("I-200").get(0)))
        .isEqualTo("cites ICE form I-200 (administrative arrest warrant)");
    assertThat(classifier.explain(classifier.signals("form i-247a").get(0)))
        .isEqualTo("cites ICE form I-247A (immigration detainer)");
    assertThat(classifier.explain(classifier.signals("I-138").get(0)))
        .isEqualTo("cites DHS form I-138 (administrative subpoena)");
    assertThat(classifier.explain(classifier.signals("I-862").get(0)))
        .isEqualTo("cites DHS form I-862 (Notice to Appear in removal proceedings)");
    assertThat(classifier.explain(classifier.signals("assist HSI").get(0)))
        .isEqualTo("names ICE HSI (Homeland Security Investigations, an immigration authority)");
    assertThat(classifier.explain(classifier.signals("Border Patrol").get(0)))
        .isEqualTo("names the U.S. Border Patrol (an immigration authority)");
    assertThat(classifier.explain(classifier.signals("deportation").get(0)))
        .isEqualTo("speaks of deportation (\"deportation\")");
    assertThat(classifier.explain(classifier.signals("287(g)").get(0)))
        .startsWith("cites 287(g)");
    // a signal built by hand still gets an explanation
    assertThat(classifier.explain(new Signal(Kind.AGENCY, "Some Agency", 0, 11)))
        .isEqualTo("names an immigration authority (\"Some Agency\")");
  }

  @Test
  void everyRecognisedSignalHasAnExplanation() {
    recognised().forEach(args -> {
      String text = (String) args.get()[0];
      for (Signal s : classifier.signals(text)) {
        assertThat(classifier.explain(s)).as(text).isNotBlank().doesNotContain("\n");
        assertThat(text.substring(s.start(), s.end())).isEqualTo(s.matched());
      }
    });
  }

  @Test
  void signalValidatesItsFields() {
    assertThatThrownBy(() -> new Signal(null, "ICE", 0, 3)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Signal(Kind.AGENCY, null, 0, 3)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Signal(Kind.AGENCY, " ", 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Signal(Kind.AGENCY, "ICE", -1, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Signal(Kind.AGENCY, "ICE", 3, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Signal(Kind.AGENCY, "ICE", 0, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Signal(Kind.FORM, "I-200", 5, 10).end()).isEqualTo(10);
  }

  @Test
  void nullTextIsRejected() {
    assertThatThrownBy(() -> classifier.signals(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> classifier.isImmigrationRelated(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> classifier.explain(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void resultIsImmutable() {
    List<Signal> signals = classifier.signals("ICE");
    assertThatThrownBy(() -> signals.add(new Signal(Kind.TERM, "x", 0, 1)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void oneInstanceIsSafeToShareAcrossThreads() {
    String text = "I-247A lodged by ICE; HSI to assist, subject has removal order";
    List<Signal> expected = classifier.signals(text);
    List<List<Signal>> results = IntStream.range(0, 2_000).parallel().mapToObj(i -> classifier.signals(text))
        .toList();
    assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(expected));
  }

  // ---------------------------------------------------------------------------------------------------------
  // The real audit logs: a new false positive must fail the build.
  // ---------------------------------------------------------------------------------------------------------

  /**
   * Substrings of the Eugene reasons that were read by hand and are true immigration signals. Reading all 165
   * distinct reasons (4,294 rows) found none, so any reason the classifier flags is a new false positive.
   */
  private static final List<String> EUGENE_CONFIRMED_IMMIGRATION_SUBSTRINGS = List.of();

  /** The same for the 70 California portal files (3,494 distinct non-empty reasons): none. */
  private static final List<String> CA_CONFIRMED_IMMIGRATION_SUBSTRINGS = List.of();

  @Test
  void eugeneAuditLogHasNoUnexpectedHits() throws IOException {
    Path flock = flockDir();
    List<List<String>> rows = parseCsv(Files.readString(
        flock.resolve("eugene-or-pd-portal-search-audit.csv"), StandardCharsets.UTF_8));
    List<String> header = rows.get(0);
    int reasonColumn = header.indexOf("reason");
    assertThat(reasonColumn).as("reason column in %s", header).isEqualTo(4);
    List<String> reasons = rows.subList(1, rows.size()).stream().map(r -> r.get(reasonColumn)).toList();
    assertThat(reasons).hasSize(4294); // counted independently (Python csv module)

    assertFlaggedOnlyFor(reasons, EUGENE_CONFIRMED_IMMIGRATION_SUBSTRINGS);
  }

  @Test
  void californiaPortalLogsHaveNoUnexpectedHits() throws IOException {
    Path dir = flockDir().resolve("ca-portals");
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSize(70);
    Pattern reasonField = Pattern.compile("\"reason\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    List<String> reasons = new ArrayList<>();
    for (Path file : files) {
      Matcher m = reasonField.matcher(Files.readString(file, StandardCharsets.UTF_8));
      while (m.find()) {
        reasons.add(unescapeJson(m.group(1)));
      }
    }
    assertThat(reasons).hasSize(25_675); // non-null rows[].reason, counted independently (Python json module)

    assertFlaggedOnlyFor(reasons, CA_CONFIRMED_IMMIGRATION_SUBSTRINGS);
  }

  private void assertFlaggedOnlyFor(List<String> reasons, List<String> confirmed) {
    List<String> unexpected = reasons.stream()
        .filter(classifier::isImmigrationRelated)
        .filter(r -> confirmed.stream().noneMatch(c -> r.toLowerCase(Locale.ROOT)
            .contains(c.toLowerCase(Locale.ROOT))))
        .distinct()
        .map(r -> r + "  ->  " + classifier.signals(r).stream().map(classifier::explain).toList())
        .toList();
    assertThat(unexpected).as("reasons flagged but not in the hand-checked list (new false positives?)").isEmpty();
  }

  /** Walks up from the working directory to the first {@code shared/data/flock}; skips the test if none. */
  private static Path flockDir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("data").resolve("flock");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    Assumptions.abort("shared/data/flock not found above " + Path.of("").toAbsolutePath()
        + " (expected ../../shared/data/flock from the policy module); skipping the real-data check");
    throw new AssertionError("unreachable");
  }

  /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
  private static List<List<String>> parseCsv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }

  private static String unescapeJson(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(e); // " \ /
      }
    }
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Properties
  // ---------------------------------------------------------------------------------------------------------

  /** Letter sequences that any signal needs; a text without them (ignoring non-letters) can have no signal. */
  private static final List<String> STEMS = List.of("ice", "ero", "hsi", "cbp", "usbp", "uscis", "immigra", "deport",
      "alien", "undocumented", "overstay", "visa", "detainer", "removal", "border", "customs", "homeland",
      "enforcement", "citizenship", "unlawful", "illegal");

  private static boolean containsStem(String s) {
    String letters = s.replaceAll("[^\\p{L}]", "").toLowerCase(Locale.ROOT);
    return STEMS.stream().anyMatch(letters::contains);
  }

  @Provide
  Arbitrary<String> lettersWithoutStems() {
    Arbitrary<String> anyLetters = Arbitraries.strings()
        .withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,;-+/()'\n")
        .ofMaxLength(80);
    // an alphabet made of the letters of ICE, ERO, HSI, CBP, USBP: near misses are frequent
    Arbitrary<String> nearMisses = Arbitraries.strings()
        .withChars("iceroshbpuICEROSHBPU .+/-'()")
        .ofMaxLength(30);
    return Arbitraries.oneOf(anyLetters, nearMisses).filter(s -> !containsStem(s));
  }

  @Property
  void lettersWithoutAnyStemNeverSignal(@ForAll("lettersWithoutStems") String text) {
    assertThat(classifier.signals(text)).as(text).isEmpty();
  }

  /** Words that look like signals to a naive matcher but are benign in any order (no word completes a phrase). */
  private static final List<String> BENIGN_WORDS = List.of("police", "notice", "justice", "office", "service",
      "Rice", "Price", "dice", "hero", "zero", "Nero", "Cicero", "Alice", "Candice", "Bryce", "icy", "erosion",
      "hotplate", "tree", "snow", "removal", "detained", "detention", "alien", "abduction", "stolen", "vehicle",
      "theft", "burglary", "warrant", "suspect", "plate", "investigation", "black", "road", "cream", "rink",
      "meth", "possession", "assist", "agency", "outside", "patrol", "request", "FBI", "DEA", "USMS", "Notice",
      "to", "Appear", "heroin", "Nice", "twice", "voice", "ICAC", "E287021", "26-13287", "287PC", "287(B)",
      "I323", "ICE1234", "7ICE123", "ICEMAN", "cbpx", "Visa", "card", "fraud", "parking", "DHS", "Holdo");

  private static final List<String> SEPARATORS = List.of(" ", " ", " ", ", ", " - ", "+", "/", "\n", ". ", ": ");

  @Provide
  Arbitrary<String> benignSentences() {
    return Arbitraries.of(BENIGN_WORDS).list().ofMaxSize(12).flatMap(words ->
        Arbitraries.of(SEPARATORS).list().ofSize(words.size()).map(seps -> {
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < words.size(); i++) {
            sb.append(words.get(i));
            if (i < words.size() - 1) {
              sb.append(seps.get(i));
            }
          }
          return sb.toString();
        }));
  }

  @Property
  void benignSentencesNeverSignal(@ForAll("benignSentences") String sentence) {
    assertThat(classifier.signals(sentence)).as(sentence).isEmpty();
  }

  @Property
  void insertingIceWarrantAlwaysYieldsTheAgency(@ForAll("benignSentences") String sentence,
      @ForAll @IntRange(min = 0, max = 10_000) int at) {
    int index = at % (sentence.length() + 1);
    String text = sentence.substring(0, index) + " ICE warrant " + sentence.substring(index);
    assertThat(classifier.signals(text)).as(text)
        .contains(new Signal(Kind.AGENCY, "ICE", index + 1, index + 4));
  }

  @Property
  void insertingIceWarrantIntoArbitraryLettersYieldsTheAgency(@ForAll("lettersWithoutStems") String sentence,
      @ForAll @IntRange(min = 0, max = 10_000) int at) {
    int index = at % (sentence.length() + 1);
    String text = sentence.substring(0, index) + " ICE warrant " + sentence.substring(index);
    assertThat(classifier.signals(text)).as(text)
        .contains(new Signal(Kind.AGENCY, "ICE", index + 1, index + 4));
  }

  // ---------------------------------------------------------------------------------------------------------
  // The single-pass scan (signals() only runs a pattern where one of its starts is) must find exactly what
  // running every pattern's find() over the whole text found: ReferenceClassifier (beside this test) is that
  // original implementation, copied verbatim. A start missing from a pattern would be a false negative.
  // ---------------------------------------------------------------------------------------------------------

  private static final ReferenceClassifier REFERENCE = new ReferenceClassifier();

  private void assertSameAsReference(String text) {
    assertThat(classifier.signals(text)).as(() -> text).isEqualTo(REFERENCE.signals(text));
  }

  /**
   * Known positives of each pattern of {@code SCANNED}, in its order (ICE token, the 7 agencies, the 10 terms, the
   * form numbers), at least one per alternative, spelled with the odd case-folding characters where a pattern
   * letter has one (dotless i, I with dot, long s).
   */
  private static final List<List<String>> POSITIVES_BY_PATTERN = List.of(
      List.of("ICE", "ice", "Ice", "I.C.E.", "I.C.E", "i.c.e", "(ice)", "\u0131ce", "\u0130CE", "\u0130.C.E."),
      List.of("Immigration and Customs Enforcement", "immigration & customs enforcement",
          "IMMIGRATION+AND+CUSTOMS+ENFORCEMENT", "\u0131mm\u0131grat\u0131on_and_cu\u017Ftoms-enforcement"),
      List.of("Enforcement and Removal Operations", "ERO", "ero", "E.R.O.", "e.r.o",
          "enforcement & removal operations"),
      List.of("Homeland Security Investigations", "Homeland Security Investigation", "HSI", "H.S.I.", "h.s.i",
          "h\u017F\u0131", "H\u017F\u0130"),
      List.of("Customs and Border Protection", "CBP", "cbp", "C.B.P.", "c.b.p"),
      List.of("Border Patrol", "border_patrol", "USBP", "U.S.B.P.", "u.s.b.p", "u\u017Fbp"),
      List.of("Citizenship and Immigration Services", "Citizenship & Immigration Service", "USCIS", "U.S.C.I.S.",
          "u.s.c.i.s", "USC\u0130S", "u\u017Fc\u0131\u017F"),
      List.of("Immigration and Naturalization Service", "immigration and naturalisation service"),
      List.of("illegal immigration", "undocumented immigrants", "unauthorized immigrant", "unauthorised immigration",
          "unlawful immigration", "\u0131llegal \u0131mm\u0131grat\u0131on"),
      List.of("immigration", "immigration status", "immigration holds", "immigration detainer",
          "immigration violators", "immigration violation", "immigration enforcement", "immigration custody",
          "immigration warrants"),
      List.of("deport", "deportation", "deportations", "deported", "deportee", "deportees", "deporting",
          "deportable", "deports"),
      List.of("removal order", "removal proceedings", "removal flights", "removal hearing", "final order of removal",
          "orders of deportation", "order of removal", "warrant of removal", "warrants of deportation",
          "expedited removal"),
      List.of("illegal alien", "criminal aliens", "removable alien", "deportable alien", "inadmissible alien",
          "excludable alien", "undocumented alien", "unauthorized alien", "unauthorised aliens", "alien registration",
          "alien number", "alien file", "alien smuggling", "alien harboring", "aliens harbouring",
          "smuggling of aliens", "harboring of an alien", "harbouring of aliens", "transporting of an alien",
          "arrest of alien", "cr\u0131m\u0131nal al\u0131en"),
      List.of("undocumented"),
      List.of("visa overstay", "visa overstays", "visa overstayer", "visa violations", "overstay visa",
          "overstayed her visa", "overstaying a visa", "overstays the visa", "overstay of visas",
          "overstayed their visa", "v\u0131\u017Fa overstay"),
      List.of("detainer", "detainers", "deta\u0131ner"),
      List.of("287(g)", "287 (g)", "287g", "287-g", "287 g", "287(G)"),
      List.of("unlawful presence", "unlawfully present", "illegal reentry", "illegally re-entry",
          "illegal re-entered", "illegally reentered", "citizenship status"),
      List.of("I-200", "I 203", "I205", "I\u2013213", "I\u2011247A", "I -247N", "i-247x", "Form I-286",
          "form i 138", "FORM+I-862", "\u0130-200", "\u0131 862"));

  @Test
  void everyKnownPositiveOfEveryPatternBeginsWithOneOfItsStarts() {
    List<ImmigrationTextClassifier.Def> scanned = ImmigrationTextClassifier.SCANNED;
    assertThat(POSITIVES_BY_PATTERN).hasSameSizeAs(scanned);
    for (int d = 0; d < scanned.size(); d++) {
      ImmigrationTextClassifier.Def def = scanned.get(d);
      for (String example : POSITIVES_BY_PATTERN.get(d)) {
        Matcher m = def.pattern().matcher(example);
        assertThat(m.find()).as("pattern %d (%s) matches %s", d, def.explanation(), example).isTrue();
        do {
          int start = m.start();
          assertThat(def.starts()).as("pattern %d: a start for the match %s", d, m.group())
              .anyMatch(s -> beginsWithFolded(example, start, s));
        } while (m.find());
        // and the classifier sees it (as the reference does), alone and inside a benign sentence; a lower-case
        // "ice" needs an immigration word nearby, hence the "warrant"
        assertSameAsReference(example);
        assertThat(classifier.signals(example + " warrant")).as(example).isNotEmpty();
        assertSameAsReference("plate check for SFPD, " + example + " follow-up");
      }
    }
  }

  private static boolean beginsWithFolded(String text, int at, String start) {
    if (at + start.length() > text.length()) {
      return false;
    }
    for (int j = 0; j < start.length(); j++) {
      if (ImmigrationTextClassifier.fold(text.charAt(at + j)) != start.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The proof: read every pattern's source and list, for every way through it, the literal text a match must
   * begin with (up to the first class, escape class or repetition); each must begin with a declared start.
   */
  @Test
  void declaredStartsCoverEveryLeadingLiteralOfEveryPattern() {
    for (ImmigrationTextClassifier.Def def : ImmigrationTextClassifier.SCANNED) {
      List<Lead> leads = leadsOfAlternation(def.pattern().pattern());
      assertThat(leads).as(def.explanation()).isNotEmpty();
      for (Lead lead : leads) {
        assertThat(lead.text()).as("%s: a match may begin with anything", def.explanation()).isNotEmpty();
        assertThat(def.starts()).as("%s: no start for matches beginning \"%s\"", def.explanation(), lead.text())
            .anyMatch(s -> lead.text().startsWith(s));
      }
    }
  }

  @Test
  void theLeadingLiteralReaderReadsWhatItShould() {
    assertThat(leadsOfAlternation("(?<![\\p{L}])(?:(?:final[\\s]+)?orders?\\s|ab+c|I\\.C|x?y|[ab]c|(?:p|q)r)"))
        .extracting(Lead::text)
        .containsExactlyInAnyOrder("final", "orders", "order", "ab", "i.c", "xy", "y", "", "pr", "qr");
    assertThat(leadsOfAlternation("287\\s?(?:\\(g\\)|-?g)")).extracting(Lead::text)
        .containsExactlyInAnyOrder("287", "287(g)", "287-g", "287g");
  }

  /** A literal that every match taking one way through a regex begins with; {@code open}: may go on. */
  private record Lead(String text, boolean open) {
  }

  private static List<Lead> leadsOfAlternation(String regex) {
    List<Lead> out = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = closingBracket(regex, i);
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        out.addAll(leadsOfSequence(regex.substring(from, i)));
        from = i + 1;
      }
    }
    out.addAll(leadsOfSequence(regex.substring(from)));
    return out;
  }

  private static List<Lead> leadsOfSequence(String seq) {
    List<Lead> leads = List.of(new Lead("", true));
    int i = 0;
    while (i < seq.length() && leads.stream().anyMatch(Lead::open)) {
      char c = seq.charAt(i);
      List<Lead> element;
      int next;
      if (c == '(') {
        int close = closingParen(seq, i);
        String inner = seq.substring(i + 1, close);
        if (inner.startsWith("?<!") || inner.startsWith("?<=") || inner.startsWith("?!") || inner.startsWith("?=")) {
          element = List.of(new Lead("", true)); // zero width
        } else if (inner.startsWith("?:")) {
          element = leadsOfAlternation(inner.substring(2));
        } else if (inner.startsWith("?")) {
          throw new IllegalStateException("group not understood: (" + inner + ")");
        } else {
          element = leadsOfAlternation(inner);
        }
        next = close + 1;
      } else if (c == '[') {
        element = List.of(new Lead("", false));
        next = closingBracket(seq, i) + 1;
      } else if (c == '\\') {
        char e = seq.charAt(i + 1);
        if (Character.isLetterOrDigit(e)) { // \s, \p{L}, \d, a u-escape ...: not a plain literal
          element = List.of(new Lead("", false));
          next = e == 'p' || e == 'P' ? seq.indexOf('}', i) + 1 : e == 'u' ? i + 6 : e == 'x' ? i + 4 : i + 2;
        } else {
          element = List.of(new Lead(String.valueOf(e), true));
          next = i + 2;
        }
      } else if (c == '.' || c == '^' || c == '$') {
        element = List.of(new Lead("", false));
        next = i + 1;
      } else if ("?*+{})|]".indexOf(c) >= 0) {
        throw new IllegalStateException("unexpected '" + c + "' at " + i + " in " + seq);
      } else {
        element = List.of(new Lead(String.valueOf(Character.toLowerCase(c)), true));
        next = i + 1;
      }
      int min = 1;
      boolean repeats = false;
      if (next < seq.length() && "?*+{".indexOf(seq.charAt(next)) >= 0) {
        char q = seq.charAt(next);
        if (q == '{') {
          int close = seq.indexOf('}', next);
          String[] bounds = seq.substring(next + 1, close).split(",", -1);
          min = Integer.parseInt(bounds[0]);
          repeats = bounds.length > 1 || min > 1;
          next = close + 1;
        } else {
          min = q == '+' ? 1 : 0;
          repeats = q != '?';
          next++;
        }
        if (next < seq.length() && (seq.charAt(next) == '?' || seq.charAt(next) == '+')) {
          next++; // lazy or possessive
        }
      }
      List<Lead> options = new ArrayList<>();
      for (Lead e : element) {
        options.add(repeats ? new Lead(e.text(), false) : e);
      }
      if (min == 0) {
        options.add(new Lead("", true));
      }
      List<Lead> extended = new ArrayList<>();
      for (Lead lead : leads) {
        if (!lead.open()) {
          extended.add(lead);
          continue;
        }
        for (Lead o : options) {
          extended.add(new Lead(lead.text() + o.text(), o.open()));
        }
      }
      leads = extended;
      i = next;
    }
    return leads;
  }

  private static int closingBracket(String regex, int open) {
    for (int i = open + 1; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ']') {
        return i;
      }
    }
    throw new IllegalStateException("unclosed [ in " + regex);
  }

  private static int closingParen(String regex, int open) {
    int depth = 0;
    for (int i = open; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = closingBracket(regex, i);
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalStateException("unclosed ( in " + regex);
  }

  /** fold() is the regex engine's own case-insensitive comparison, for every char and every ASCII literal. */
  @Test
  void foldIsTheRegexEnginesCaseInsensitiveComparison() {
    int flags = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    StringBuilder literals = new StringBuilder("./-()&");
    for (char a = 'a'; a <= 'z'; a++) {
      literals.append(a);
    }
    for (char a = '0'; a <= '9'; a++) {
      literals.append(a);
    }
    for (int k = 0; k < literals.length(); k++) {
      char a = literals.charAt(k);
      Matcher single = Pattern.compile(Pattern.quote(String.valueOf(a)), flags).matcher("");
      Matcher upperSingle = Pattern.compile(Pattern.quote(String.valueOf(Character.toUpperCase(a))), flags)
          .matcher("");
      Matcher slice = Pattern.compile("x" + Pattern.quote(String.valueOf(a)), flags).matcher("");
      for (int c = 0; c <= Character.MAX_VALUE; c++) {
        String one = String.valueOf((char) c);
        boolean expected = ImmigrationTextClassifier.fold((char) c) == a;
        assertThat(single.reset(one).matches()).as("%s vs U+%04X", a, c).isEqualTo(expected);
        assertThat(upperSingle.reset(one).matches()).as("%s vs U+%04X", a, c).isEqualTo(expected);
        assertThat(slice.reset("x" + one).matches()).as("x%s vs U+%04X", a, c).isEqualTo(expected);
      }
    }
    // a code point beyond the BMP never folds to ASCII, so it can never match a start
    for (int cp = Character.MIN_SUPPLEMENTARY_CODE_POINT; cp <= Character.MAX_CODE_POINT; cp++) {
      assertThat(Character.toLowerCase(Character.toUpperCase(cp))).as("U+%X", cp).isGreaterThanOrEqualTo(128);
    }
    // what String.toLowerCase would have missed
    assertThat(ImmigrationTextClassifier.fold('\u0131')).isEqualTo('i');
    assertThat(ImmigrationTextClassifier.fold('\u0130')).isEqualTo('i');
    assertThat(ImmigrationTextClassifier.fold('\u017F')).isEqualTo('s');
  }

  /** isWordChar() is the [\p{L}\p{N}] of the leading lookbehind, for every char. */
  @Test
  void isWordCharIsTheLookbehindClass() {
    Matcher word = Pattern.compile("[\\p{L}\\p{N}]").matcher("");
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      assertThat(ImmigrationTextClassifier.isWordChar((char) c)).as("U+%04X", c)
          .isEqualTo(word.reset(String.valueOf((char) c)).matches());
    }
  }

  /** The FORM start "i" is only skipped before a letter: nothing that may follow "I" in a form number is one. */
  @Test
  void nothingThatMayFollowTheIOfAFormNumberIsALetter() {
    String form = ImmigrationTextClassifier.SCANNED.get(ImmigrationTextClassifier.SCANNED.size() - 1)
        .pattern().pattern();
    int i = form.indexOf("I[");
    String separators = form.substring(i + 1, closingBracket(form, i + 1) + 1);
    assertThat(form.substring(i + 1 + separators.length())).startsWith("{0,2}(");
    String numbers = form.substring(form.indexOf('(', i) + 1, form.indexOf(')', i));
    StringBuilder firstDigits = new StringBuilder();
    for (String number : numbers.split("\\|")) {
      firstDigits.append(number.charAt(0));
    }
    Matcher next = Pattern.compile(separators + "|[" + firstDigits + "]",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher("");
    int allowed = 0;
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      if (next.reset(String.valueOf((char) c)).matches()) {
        allowed++;
        assertThat(Character.isLetter((char) c)).as("U+%04X", c).isFalse();
      }
    }
    assertThat(allowed).isGreaterThan(9);
  }

  /** A context-word vocabulary split by first character answers as its whole pattern does. */
  @Test
  void vocabulariesAnswerAsTheirWholePattern() throws IOException {
    List<String> words = new ArrayList<>();
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int a = 0; a < alphabet.length(); a++) {
      words.add("" + alphabet.charAt(a));
      for (int b = 0; b < alphabet.length(); b++) {
        words.add("" + alphabet.charAt(a) + alphabet.charAt(b));
        for (int c = 0; c < alphabet.length(); c++) {
          words.add("" + alphabet.charAt(a) + alphabet.charAt(b) + alphabet.charAt(c));
        }
      }
    }
    List<ImmigrationTextClassifier.Vocabulary> vocabularies = List.of(ImmigrationTextClassifier.IMMIGRATION_WORDS,
        ImmigrationTextClassifier.OTHER_ICE_WORDS, ImmigrationTextClassifier.ROAD_WORDS);
    for (ImmigrationTextClassifier.Vocabulary v : vocabularies) {
      for (String stem : patternWords(v.full().pattern())) {
        for (String suffix : List.of("", "s", "ed", "ing", "ance", "x", "2", "g")) {
          words.add(stem + suffix);
          words.add(stem.substring(0, stem.length() - 1) + suffix);
        }
      }
    }
    words.addAll(WORDS_OF_POSITIVES);
    words.removeIf(String::isEmpty);
    List<String> all = new ArrayList<>();
    for (String w : words) {
      all.add(w);
      all.add(w.toUpperCase(Locale.ROOT));
      all.add(Character.toUpperCase(w.charAt(0)) + w.substring(1));
    }
    for (ImmigrationTextClassifier.Vocabulary v : vocabularies) {
      for (String w : all) {
        assertThat(v.matchesWord(w, 0, w.length())).as("%s in %s", w, v.full().pattern())
            .isEqualTo(v.full().matcher(w).matches());
        String inText = "(" + w + ")";
        assertThat(v.matchesWord(inText, 1, w.length() + 1)).as(w).isEqualTo(v.full().matcher(w).matches());
      }
    }
  }

  private static final List<String> WORDS_OF_POSITIVES = POSITIVES_BY_PATTERN.stream().flatMap(List::stream)
      .flatMap(p -> Stream.of(p.split("[^A-Za-z0-9]+"))).filter(w -> !w.isEmpty()).distinct().toList();

  /** Runs of letters and digits in a regex source: the words it is written with. */
  private static List<String> patternWords(String regex) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("[A-Za-z0-9]+").matcher(regex);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  @Test
  void caseFoldingLettersAreReadAsTheRegexReadsThem() {
    // dotless i, I with dot and long s fold to i and s: the patterns match them, so must the scan
    for (String text : List.of("\u0131ce warrant", "\u0130CE warrant", "assist H\u017FI", "USC\u0130S", "u\u017Fcis",
        "\u0131mm\u0131grat\u0131on", "deta\u0131ner", "\u0130-247A", "\u0131 205 warrant", "ICE \u0131n custody")) {
      assertThat(classifier.signals(text)).as(text).isNotEmpty();
      assertSameAsReference(text);
    }
    // a letter outside the BMP is a letter for the boundary of the context reading, not for the lookbehind
    for (String text : List.of("\uD835\uDC00ICE", "ICE\uD835\uDC00", "x\uD835\uDC00 ICE hold", "caf\u00E9 ICE",
        "\u00E9ICE", "ICE d\u00E9tainer", "ice \u00E9 warrant", "\u2028ICE\u2029", "ice\u0085warrant",
        "ice \u2014 warrant", "ice warrant\u00A0-\u00A0black ice")) {
      assertSameAsReference(text);
    }
  }

  @Test
  void agreesWithTheReferenceOnTheRecognisedExamples() {
    recognised().forEach(args -> {
      String text = (String) args.get()[0];
      assertSameAsReference(text);
      assertSameAsReference(text.toUpperCase(Locale.ROOT));
      assertSameAsReference(text.toLowerCase(Locale.ROOT));
      assertSameAsReference("stolen vehicle, " + text + "; check ice on road");
    });
  }

  @Test
  void agreesWithTheReferenceOnTheRealAuditLogs() throws IOException {
    Path flock = flockDir();
    List<List<String>> rows = parseCsv(Files.readString(
        flock.resolve("eugene-or-pd-portal-search-audit.csv"), StandardCharsets.UTF_8));
    List<String> reasons = new ArrayList<>();
    rows.subList(1, rows.size()).forEach(r -> reasons.add(r.get(4)));
    Pattern reasonField = Pattern.compile("\"reason\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    try (Stream<Path> list = Files.list(flock.resolve("ca-portals"))) {
      for (Path file : list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
        Matcher m = reasonField.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
          reasons.add(unescapeJson(m.group(1)));
        }
      }
    }
    assertThat(reasons).hasSizeGreaterThan(29_000);
    reasons.stream().distinct().forEach(this::assertSameAsReference);
  }

  // Generated text: the words the patterns are written with, whole positive phrases, separators, punctuation,
  // digits, case-folding and non-ASCII letters, in any order and any case.

  private static final List<String> PATTERN_WORDS = Stream.concat(
          ImmigrationTextClassifier.SCANNED.stream().map(d -> d.pattern().pattern()),
          Stream.of(ImmigrationTextClassifier.IMMIGRATION_WORDS, ImmigrationTextClassifier.OTHER_ICE_WORDS,
              ImmigrationTextClassifier.ROAD_WORDS).map(v -> v.full().pattern()))
      .flatMap(r -> patternWords(r).stream()).distinct().toList();

  private static final List<String> PHRASES = POSITIVES_BY_PATTERN.stream().flatMap(List::stream).toList();

  private static final List<String> GLUE = List.of(" ", " ", " ", "  ", "+", "_", "-", " - ", ".", ". ", ",", ", ",
      ";", "|", "\t", "\n", "\r\n", "/", "(", ")", "'s", " & ", ":", "?", "!", "\u2013", " \u2014 ", "\u00A0",
      "\u2011", "\u0085", "#", "");

  private static final List<String> ODD = List.of("\u0131", "\u0130", "\u017F", "\u212A", "\u00E9", "\u00DF",
      "\uD835\uDC00", "7", "24-1234", "(g)", "I-205", "NB", "on", "I", "E", "g", "x", "1");

  private static String generated(java.util.Random random) {
    StringBuilder sb = new StringBuilder();
    int pieces = 1 + random.nextInt(14);
    for (int i = 0; i < pieces; i++) {
      int kind = random.nextInt(20);
      String piece;
      if (kind < 8) {
        piece = PATTERN_WORDS.get(random.nextInt(PATTERN_WORDS.size()));
      } else if (kind < 11) {
        piece = PHRASES.get(random.nextInt(PHRASES.size()));
      } else if (kind < 13) {
        piece = BENIGN_WORDS.get(random.nextInt(BENIGN_WORDS.size()));
      } else if (kind < 15) {
        piece = ODD.get(random.nextInt(ODD.size()));
      } else {
        piece = GLUE.get(random.nextInt(GLUE.size()));
      }
      switch (random.nextInt(6)) {
        case 0 -> piece = piece.toUpperCase(Locale.ROOT);
        case 1 -> piece = piece.toLowerCase(Locale.ROOT);
        case 2 -> piece = piece.isEmpty() ? piece : Character.toUpperCase(piece.charAt(0)) + piece.substring(1);
        default -> {
        }
      }
      sb.append(piece);
      if (random.nextInt(3) > 0) {
        sb.append(GLUE.get(random.nextInt(GLUE.size())));
      }
    }
    String text = sb.toString();
    if (random.nextInt(8) == 0) {
      text = text.replace('i', '\u0131').replace('I', '\u0130').replace('s', '\u017F');
    }
    return text;
  }

  @Test
  void agreesWithTheReferenceOnGeneratedText() {
    java.util.Random random = new java.util.Random(20261127);
    int nonEmpty = 0;
    for (int i = 0; i < 30_000; i++) {
      String text = generated(random);
      assertSameAsReference(text);
      if (!REFERENCE.signals(text).isEmpty()) {
        nonEmpty++;
      }
    }
    assertThat(nonEmpty).as("generated texts with a signal").isGreaterThan(10_000);
  }

  @Provide
  Arbitrary<String> patternish() {
    return Arbitraries.longs().map(seed -> generated(new java.util.Random(seed)));
  }

  @Property(tries = 2000)
  void agreesWithTheReference(@ForAll("patternish") String text) {
    assertSameAsReference(text);
  }

  @Property(tries = 2000)
  void agreesWithTheReferenceOnArbitraryStrings(@ForAll String text) {
    assertSameAsReference(text);
  }
}
