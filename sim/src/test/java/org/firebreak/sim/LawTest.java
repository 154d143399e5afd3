package org.firebreak.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.LegalProcessType;
import org.firebreak.core.vocab.Purpose;
import org.junit.jupiter.api.Test;

/** The labels follow the statutes: each story is labelled as its law says, on the facts, not the claims. */
class LawTest {
  private final City city = CityGenerator.generate(3, Size.SMALL, n -> {});

  @Test
  void everySideDoorStoryIsUnlawfulAndEveryOtherStoryLawful() {
    for (ScenarioRequest r : ScenarioGenerator.generate(city, 3).requests()) {
      assertThat(r.label().lawful()).as("#" + r.seq() + " " + r.story()).isEqualTo(r.story().sideDoor().isEmpty());
      assertThat(r.label().sideDoor()).as("#" + r.seq()).isEqualTo(r.story().sideDoor());
    }
  }

  @Test
  void aRelabelledIceRequestIsJudgedOnItsRealPurpose() {
    Facts facts = new Facts(city.agency(Agencies.ICE_ERO), Optional.empty(), Purpose.CIVIL_IMMIGRATION_ENFORCEMENT,
        LegalProcessType.NONE, false, false,
        Map.of(city.source(Sources.DMV_LICENCES), List.of(Category.ADDRESS_HOME, Category.DMV_PHOTO)));
    Label label = Law.judge(facts, Optional.of(SideDoor.ICE_RELABELLED_PURPOSE));
    assertThat(label.lawful()).isFalse();
    assertThat(label.protectedCategories().get(Sources.DMV_LICENCES))
        .isEqualTo(EnumSet.of(Category.ADDRESS_HOME, Category.DMV_PHOTO));
    assertThat(label.statutes()).contains("Cal. Gov. Code § 7284.6(a)(1)(D)");
  }

  @Test
  void immigrationStatusIsNeverProtectedFromImmigrationAuthorities() {
    Facts facts = new Facts(city.agency(Agencies.ICE_ERO), Optional.empty(), Purpose.CIVIL_IMMIGRATION_ENFORCEMENT,
        LegalProcessType.DETAINER, false, false,
        Map.of(city.source(Sources.JAIL_BOOKINGS), List.of(Category.IMMIGRATION_STATUS)));
    Label label = Law.judge(facts, Optional.empty());
    assertThat(label.lawful()).isTrue();
    assertThat(label.statutes()).containsExactly("8 U.S.C. § 1373(a)–(b)");
  }

  @Test
  void californiaPlateReadsNeverGoToAnotherStateEvenWithAWarrant() {
    Facts facts = new Facts(city.agency(Agencies.TEXAS_DPS), Optional.empty(), Purpose.VIOLENT_CRIME,
        LegalProcessType.JUDICIAL_WARRANT, true, false,
        Map.of(city.source(Sources.ALPR), List.of(Category.ALPR_READ)));
    Label label = Law.judge(facts, Optional.of(SideDoor.OUT_OF_STATE_ALPR));
    assertThat(label.lawful()).isFalse();
    assertThat(label.statutes()).containsExactly("Cal. Civ. Code § 1798.90.55(b)");
  }

  @Test
  void anUrgentPoliceRequestForSourceDocumentsIsLawfulButNeedsReview() {
    Facts facts = new Facts(city.agency(Agencies.CHP), Optional.empty(), Purpose.EXIGENT_THREAT,
        LegalProcessType.NONE, false, true,
        Map.of(city.source(Sources.DMV_LICENCES), List.of(Category.DMV_SOURCE_DOCUMENTS)));
    Label label = Law.judge(facts, Optional.empty());
    assertThat(label.lawful()).isTrue();
    assertThat(label.needsReview()).isTrue();
  }
}
