package org.firebreak.core.vocab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.json.StrictJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The vocabulary is the JSON contract. The expected lists below are copied from /work/shared/DESIGN.md, section
 * "Vocabulary" (one string per value, in the order given there). The wire string of a value is what the strict JSON
 * binding writes for it, and reading that string back must give the same value.
 */
class VocabularyTest {
  private static final StrictJson JSON = new StrictJson();

  // ---- DESIGN.md "Vocabulary", copied ----------------------------------------------------------------------
  private static final String LEVELS = "FEDERAL STATE LOCAL TRIBAL";
  private static final String COMPONENTS = "ICE_ERO ICE_HSI CBP USBP USCIS DHS_OTHER FBI DEA ATF USMS "
      + "FEDERAL_OTHER STATE_POLICE POLICE SHERIFF FUSION_CENTER PROSECUTOR CORRECTIONS DMV SCHOOL_DISTRICT "
      + "UTILITY OTHER";
  private static final String IMMIGRATION_AUTHORITIES = "ICE_ERO ICE_HSI CBP USBP USCIS";
  private static final String PURPOSES = "CIVIL_IMMIGRATION_ENFORCEMENT CRIMINAL_IMMIGRATION COUNTERTERRORISM "
      + "VIOLENT_CRIME PROPERTY_CRIME NARCOTICS HUMAN_TRAFFICKING MISSING_PERSON EXIGENT_THREAT TRAFFIC_SAFETY "
      + "CIVIL_OTHER OTHER";
  private static final String LEGAL_PROCESS_TYPES = "NONE DETAINER ADMINISTRATIVE_WARRANT ADMINISTRATIVE_SUBPOENA "
      + "NCIC_IMMIGRATION_HIT JUDICIAL_WARRANT JUDICIAL_SUBPOENA GRAND_JURY_SUBPOENA COURT_ORDER";
  private static final String ISSUERS = "ARTICLE_III_JUDGE STATE_JUDGE MAGISTRATE GRAND_JURY AGENCY_OFFICER";
  private static final String SOURCE_KINDS = "DMV ALPR SCHOOL UTILITY POLICE_RECORDS JAIL_BOOKING COURT "
      + "CRIMINAL_HISTORY CRIMINAL_INTELLIGENCE SAR FACIAL_RECOGNITION SOCIAL_SERVICES HEALTH COMMERCIAL_BROKER";
  private static final String CATEGORIES = "identity dmv.record dmv.photo dmv.source_documents biometric.photo "
      + "biometric.face_search address.home address.work contact schedule custody.release_date alpr.read "
      + "alpr.hotlist education.record school.incident_report utility.account immigration_status place_of_birth "
      + "criminal_history criminal_intelligence associates";
  private static final String DECISIONS = "PERMIT DENY REFER";
  private static final String EFFECTS = "permit forbid refer obligate";
  private static final String OBLIGATION_TYPES = "NOTIFY_SUBJECT NOTIFY_PARENT LOG_ACCESS RECORD_DISSEMINATION "
      + "REPORT_TO RETENTION_LIMIT REQUIRE_CERTIFICATION SUPERVISOR_APPROVAL";
  // DESIGN.md "Decision request": taskForces lists memberships such as HSI_TASK_FORCE, JTTF, 287G.
  private static final String TASK_FORCE_EXAMPLES = "HSI_TASK_FORCE JTTF 287G";

  private static List<String> words(String s) {
    return List.of(s.split(" "));
  }

  private static <E extends Enum<E>> List<String> wires(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(VocabularyTest::wire).toList();
  }

  private static String wire(Enum<?> value) {
    var node = JSON.toTree(value);
    assertThat(node.isTextual()).as("%s is written as a JSON string", value).isTrue();
    return node.asText();
  }

  private static <E extends Enum<E>> void assertWires(Class<E> type, String expected) {
    assertThat(wires(type)).as(type.getSimpleName()).containsExactlyElementsOf(words(expected));
    for (E value : type.getEnumConstants()) {
      String text = "\"" + wire(value) + "\"";
      assertThat(JSON.write(value)).isEqualTo(text);
      assertThat(JSON.read(text, type, "t")).isEqualTo(value);
    }
  }

  @Test
  void agencyLevels() {
    assertWires(AgencyLevel.class, LEVELS);
  }

  @Test
  void components() {
    assertWires(Component.class, COMPONENTS);
  }

  @Test
  void purposes() {
    assertWires(Purpose.class, PURPOSES);
  }

  @Test
  void legalProcessTypes() {
    assertWires(LegalProcessType.class, LEGAL_PROCESS_TYPES);
  }

  @Test
  void issuers() {
    assertWires(Issuer.class, ISSUERS);
  }

  @Test
  void sourceKinds() {
    assertWires(SourceKind.class, SOURCE_KINDS);
  }

  @Test
  void categories() {
    assertWires(Category.class, CATEGORIES);
  }

  @Test
  void decisions() {
    assertWires(Decision.class, DECISIONS);
  }

  @Test
  void effects() {
    assertWires(Effect.class, EFFECTS);
  }

  @Test
  void obligationTypes() {
    assertWires(ObligationType.class, OBLIGATION_TYPES);
  }

  @Test
  void taskForcesNamedInDesign() {
    assertThat(wires(TaskForce.class)).containsAll(words(TASK_FORCE_EXAMPLES));
    assertThat(JSON.read("\"287G\"", TaskForce.class, "t")).isEqualTo(TaskForce.G287);
    assertThat(JSON.read("\"HSI_TASK_FORCE\"", TaskForce.class, "t")).isEqualTo(TaskForce.HSI_TASK_FORCE);
    assertThat(JSON.read("\"JTTF\"", TaskForce.class, "t")).isEqualTo(TaskForce.JTTF);
    for (TaskForce t : TaskForce.values()) {
      assertThat(JSON.read("\"" + t.wire() + "\"", TaskForce.class, "t")).isEqualTo(t);
      assertThat(t.toString()).isEqualTo(t.wire());
    }
  }

  @Test
  void javaNamesAreNotWireNamesWhereTheyDiffer() {
    // "JSON uses these exact strings" and unknown values are errors: DMV_RECORD, FORBID and G287 are not wire names.
    assertThatThrownBy(() -> JSON.read("\"DMV_RECORD\"", Category.class, "t")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> JSON.read("\"FORBID\"", Effect.class, "t")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> JSON.read("\"G287\"", TaskForce.class, "t")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> JSON.read("\"deny\"", Decision.class, "t")).isInstanceOf(InvalidInputException.class);
  }

  // ---- Component -------------------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Component.class)
  void immigrationAuthoritiesAreExactlyTheDesignList(Component c) {
    assertThat(c.isImmigrationAuthority()).isEqualTo(words(IMMIGRATION_AUTHORITIES).contains(c.name()));
  }

  @Test
  void immigrationAuthoritySet() {
    EnumSet<Component> actual = EnumSet.noneOf(Component.class);
    for (Component c : Component.values()) {
      if (c.isImmigrationAuthority()) {
        actual.add(c);
      }
    }
    assertThat(actual).containsExactlyInAnyOrder(Component.ICE_ERO, Component.ICE_HSI, Component.CBP, Component.USBP,
        Component.USCIS);
  }

  // ---- LegalProcessType ------------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(LegalProcessType.class)
  void judicialExactlyForCourtIssuedProcess(LegalProcessType t) {
    Set<String> judicial = Set.of("JUDICIAL_WARRANT", "JUDICIAL_SUBPOENA", "GRAND_JURY_SUBPOENA", "COURT_ORDER");
    assertThat(t.isJudicial()).isEqualTo(judicial.contains(t.name()));
  }

  @ParameterizedTest
  @EnumSource(LegalProcessType.class)
  void civilImmigrationProcess(LegalProcessType t) {
    // DESIGN.md, "Effective purposes": administrative warrant, detainer, NCIC immigration hit imply civil
    // immigration enforcement.
    Set<String> implying = Set.of("ADMINISTRATIVE_WARRANT", "DETAINER", "NCIC_IMMIGRATION_HIT");
    assertThat(t.impliesCivilImmigration()).isEqualTo(implying.contains(t.name()));
  }

  @ParameterizedTest
  @EnumSource(LegalProcessType.class)
  void nothingIsBothJudicialAndCivilImmigration(LegalProcessType t) {
    assertThat(t.isJudicial() && t.impliesCivilImmigration()).isFalse();
  }

  // ---- Category --------------------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Category.class)
  void categoryFromWireRoundTrip(Category c) {
    assertThat(Category.fromWire(c.wire())).contains(c);
    assertThat(c.toString()).isEqualTo(c.wire());
  }

  @Test
  void categoryFromWireForEveryDesignName() {
    for (String name : words(CATEGORIES)) {
      assertThat(Category.fromWire(name)).as(name).isPresent().get().extracting(Category::wire).isEqualTo(name);
    }
  }

  @Test
  void categoryFromWireUnknown() {
    assertThat(Category.fromWire("dmv.recrod")).isEmpty();
    assertThat(Category.fromWire("DMV_RECORD")).isEmpty();
    assertThat(Category.fromWire("DMV.RECORD")).isEmpty();
    assertThat(Category.fromWire("")).isEmpty();
    assertThat(Category.fromWire("dmv")).isEmpty();
  }

  @Test
  void wireNamesAreUnique() {
    assertThat(wires(Category.class)).doesNotHaveDuplicates();
    assertThat(wires(TaskForce.class)).doesNotHaveDuplicates();
  }

  // ---- Effect, Purpose -------------------------------------------------------------------------------------

  @Test
  void effectToStringIsLowerCaseWire() {
    assertThat(Effect.FORBID.wire()).isEqualTo("forbid");
    assertThat(Effect.OBLIGATE.toString()).isEqualTo("obligate");
  }

  @ParameterizedTest
  @EnumSource(Purpose.class)
  void immigrationPurposes(Purpose p) {
    assertThat(p.isImmigration())
        .isEqualTo(p == Purpose.CIVIL_IMMIGRATION_ENFORCEMENT || p == Purpose.CRIMINAL_IMMIGRATION);
  }
}
