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
}
