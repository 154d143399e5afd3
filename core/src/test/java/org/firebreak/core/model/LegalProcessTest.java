package org.firebreak.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.firebreak.core.vocab.Issuer.AGENCY_OFFICER;
import static org.firebreak.core.vocab.Issuer.ARTICLE_III_JUDGE;
import static org.firebreak.core.vocab.Issuer.GRAND_JURY;
import static org.firebreak.core.vocab.Issuer.MAGISTRATE;
import static org.firebreak.core.vocab.Issuer.STATE_JUDGE;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.firebreak.core.vocab.Issuer;
import org.firebreak.core.vocab.LegalProcessType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which issuer may issue which type of legal process. Written out by hand from DESIGN.md ("ICE forms ... are
 * ADMINISTRATIVE_WARRANT ... never judicial") and LegalProcess's contract: judicial process comes from a judge,
 * a grand-jury subpoena from a grand jury, an agency's own process from an agency officer, NONE from nobody.
 */
class LegalProcessTest {
  private static final Set<Issuer> JUDGES = EnumSet.of(ARTICLE_III_JUDGE, STATE_JUDGE, MAGISTRATE);

  private static final Map<LegalProcessType, Set<Issuer>> ALLOWED = new EnumMap<>(LegalProcessType.class);

  static {
    ALLOWED.put(LegalProcessType.NONE, EnumSet.noneOf(Issuer.class));
    ALLOWED.put(LegalProcessType.DETAINER, EnumSet.of(AGENCY_OFFICER));
    ALLOWED.put(LegalProcessType.ADMINISTRATIVE_WARRANT, EnumSet.of(AGENCY_OFFICER));
    ALLOWED.put(LegalProcessType.ADMINISTRATIVE_SUBPOENA, EnumSet.of(AGENCY_OFFICER));
    ALLOWED.put(LegalProcessType.NCIC_IMMIGRATION_HIT, EnumSet.of(AGENCY_OFFICER));
    ALLOWED.put(LegalProcessType.JUDICIAL_WARRANT, JUDGES);
    ALLOWED.put(LegalProcessType.JUDICIAL_SUBPOENA, JUDGES);
    ALLOWED.put(LegalProcessType.GRAND_JURY_SUBPOENA, EnumSet.of(GRAND_JURY));
    ALLOWED.put(LegalProcessType.COURT_ORDER, JUDGES);
  }

  static Stream<Arguments> everyCombination() {
    List<Arguments> out = new ArrayList<>();
    for (LegalProcessType t : LegalProcessType.values()) {
      for (Issuer i : Issuer.values()) {
        out.add(Arguments.of(t, i, ALLOWED.get(t).contains(i)));
      }
    }
    return out.stream();
  }

  @Test
  void tableCoversEveryType() {
    assertThat(ALLOWED.keySet()).containsExactlyInAnyOrder(LegalProcessType.values());
  }

  @ParameterizedTest(name = "{0} by {1}: allowed={2}")
  @MethodSource("everyCombination")
  void issuerMustFitType(LegalProcessType type, Issuer issuer, boolean allowed) {
    if (allowed) {
      LegalProcess p = LegalProcess.of(type, issuer, "ref-1");
      assertThat(p.type()).isEqualTo(type);
      assertThat(p.issuer()).contains(issuer);
      assertThat(p.reference()).contains("ref-1");
    } else {
      InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class,
          () -> LegalProcess.of(type, issuer, "ref-1"));
      assertThat(e).as("%s by %s must be refused", type, issuer).isNotNull();
      assertThat(e.field()).isEqualTo("issuer");
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @ParameterizedTest
  @EnumSource(LegalProcessType.class)
  void issuerMayBeOmitted(LegalProcessType type) {
    LegalProcess p = new LegalProcess(type, Optional.empty(), Optional.empty());
    assertThat(p.issuer()).isEmpty();
    assertThat(LegalProcess.of(type, null, null).issuer()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = LegalProcessType.class, names = {"JUDICIAL_WARRANT", "JUDICIAL_SUBPOENA", "GRAND_JURY_SUBPOENA",
      "COURT_ORDER"})
  void agencyOfficerNeverIssuesJudicialProcess(LegalProcessType type) {
    assertThatThrownBy(() -> LegalProcess.of(type, AGENCY_OFFICER, "I-200"))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessageContaining(type.name());
  }

  @Test
  void icePaperIsAdministrativeNotJudicial() {
    // I-200 / I-205 (administrative warrant), I-247A (detainer), I-138 (administrative subpoena)
    assertThat(LegalProcess.of(LegalProcessType.ADMINISTRATIVE_WARRANT, AGENCY_OFFICER, "I-200").type().isJudicial())
        .isFalse();
    assertThat(LegalProcess.of(LegalProcessType.DETAINER, AGENCY_OFFICER, "I-247A").type().isJudicial()).isFalse();
    assertThat(LegalProcess.of(LegalProcessType.ADMINISTRATIVE_SUBPOENA, AGENCY_OFFICER, "I-138").type().isJudicial())
        .isFalse();
  }

  @Test
  void noneHasNoIssuer() {
    for (Issuer i : Issuer.values()) {
      assertThatThrownBy(() -> LegalProcess.of(LegalProcessType.NONE, i, null))
          .isInstanceOf(InvalidFieldException.class)
          .extracting(ex -> ((InvalidFieldException) ex).field()).isEqualTo("issuer");
    }
  }

  @Test
  void noneConstant() {
    assertThat(LegalProcess.NONE.type()).isEqualTo(LegalProcessType.NONE);
    assertThat(LegalProcess.NONE.issuer()).isEmpty();
    assertThat(LegalProcess.NONE.reference()).isEmpty();
    assertThat(LegalProcess.of(LegalProcessType.NONE, null, null)).isEqualTo(LegalProcess.NONE);
  }

  @Test
  void typeIsRequired() {
    InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class,
        () -> new LegalProcess(null, Optional.empty(), Optional.empty()));
    assertThat(e).isNotNull();
    assertThat(e.field()).isEqualTo("type");
  }

  @Test
  void nullOptionalsBecomeEmpty() {
    LegalProcess p = new LegalProcess(LegalProcessType.COURT_ORDER, null, null);
    assertThat(p.issuer()).isEmpty();
    assertThat(p.reference()).isEmpty();
  }

  @Test
  void blankReferenceBecomesEmpty() {
    assertThat(LegalProcess.of(LegalProcessType.COURT_ORDER, STATE_JUDGE, "   ").reference()).isEmpty();
    assertThat(LegalProcess.of(LegalProcessType.COURT_ORDER, STATE_JUDGE, "").reference()).isEmpty();
    assertThat(LegalProcess.of(LegalProcessType.COURT_ORDER, STATE_JUDGE, "CV-26-1").reference()).contains("CV-26-1");
  }
}
