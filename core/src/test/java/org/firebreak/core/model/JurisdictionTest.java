package org.firebreak.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DESIGN.md: "Jurisdiction: US, US-CA (ISO 3166-2), optionally US-CA-LOCALITY; within is prefix on - boundaries." */
class JurisdictionTest {
  private static Jurisdiction j(String code) {
    return new Jurisdiction(code);
  }

  @Test
  void localityIsWithinItsStateAndCountry() {
    assertThat(j("US-CA-SF").within(j("US-CA"))).isTrue();
    assertThat(j("US-CA-SF").within(j("US"))).isTrue();
    assertThat(j("US-CA").within(j("US"))).isTrue();
  }

  @Test
  void prefixMustEndOnASegmentBoundary() {
    assertThat(j("US-CAL").within(j("US-CA"))).isFalse();
    assertThat(j("US-CA-SFO").within(j("US-CA-SF"))).isFalse();
    assertThat(j("US-CA").within(j("US-C"))).isFalse();
  }

  @Test
  void withinIsReflexive() {
    assertThat(j("US-CA").within(j("US-CA"))).isTrue();
    assertThat(j("US").within(j("US"))).isTrue();
    assertThat(j("US-CA-SF").within(j("US-CA-SF"))).isTrue();
  }

  @Test
  void outerIsNotWithinInner() {
    assertThat(j("US").within(j("US-CA"))).isFalse();
    assertThat(j("US-CA").within(j("US-CA-SF"))).isFalse();
  }

  @Test
  void siblingsAndOtherCountriesAreNotWithin() {
    assertThat(j("US-NY").within(j("US-CA"))).isFalse();
    assertThat(j("US-CA-SF").within(j("US-NY"))).isFalse();
    assertThat(j("CA-ON").within(j("US"))).isFalse();
    assertThat(j("MX").within(j("US"))).isFalse();
  }

  @Test
  void stringFormAgrees() {
    assertThat(Jurisdiction.within("US-CA-SF", "US-CA")).isTrue();
    assertThat(Jurisdiction.within("US-CAL", "US-CA")).isFalse();
    assertThat(Jurisdiction.within("US", "US-CA")).isFalse();
    assertThat(Jurisdiction.within("US-CA", "US-CA")).isTrue();
  }

  @Test
  void selfAndAncestorsInnermostFirst() {
    assertThat(j("US-CA-SF").selfAndAncestors()).containsExactly("US-CA-SF", "US-CA", "US");
    assertThat(j("US-CA").selfAndAncestors()).containsExactly("US-CA", "US");
    assertThat(j("US").selfAndAncestors()).containsExactly("US");
    assertThat(j("US-CA-SF-MISSION").selfAndAncestors()).containsExactly("US-CA-SF-MISSION", "US-CA-SF", "US-CA", "US");
  }

  @Test
  void selfAndAncestorsIsUnmodifiable() {
    List<String> l = j("US-CA").selfAndAncestors();
    assertThatThrownBy(() -> l.add("X")).isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"US", "US-CA", "US-CA-SF", "US-IL", "US-DC", "CA-ON", "US-CA-LOS_ANGELES", "US-CA-SF-MISSION",
      "US-CA-94103", "FR-75"})
  void validCodes(String code) {
    assertThat(Jurisdiction.isValid(code)).isTrue();
    assertThat(j(code).code()).isEqualTo(code);
    assertThat(Jurisdiction.of(code)).isEqualTo(j(code));
    assertThat(j(code).toString()).isEqualTo(code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "U", "us", "USA", "Us", "us-ca", "US-ca", "US_CA", "US CA", "US-", "US--CA", "-US",
      "US-CA-", "US-CALI", "California", "US-CA-SF ", " US", "US-CA-S F", "1S"})
  void invalidCodesAreRejected(String code) {
    assertThat(Jurisdiction.isValid(code)).isFalse();
    assertThatThrownBy(() -> j(code)).isInstanceOf(InvalidFieldException.class).hasMessageContaining("jurisdiction code");
    assertThatThrownBy(() -> Jurisdiction.of(code)).isInstanceOf(InvalidFieldException.class);
  }

  @Test
  void nullIsRejected() {
    assertThat(Jurisdiction.isValid(null)).isFalse();
    assertThatThrownBy(() -> j(null)).isInstanceOf(InvalidFieldException.class).hasMessageContaining("required");
  }

  @Test
  void equalityIsByCode() {
    assertThat(j("US-CA")).isEqualTo(Jurisdiction.of("US-CA")).hasSameHashCodeAs(j("US-CA"));
    assertThat(j("US-CA")).isNotEqualTo(j("US"));
  }

  // ---- properties ------------------------------------------------------------------------------------------

  /** Codes from small alphabets, so that random pairs are often related (equal, nested or near-prefixes). */
  @Provide
  Arbitrary<Jurisdiction> codes() {
    Arbitrary<String> country = Arbitraries.of("US", "UK");
    Arbitrary<String> subdivision = Arbitraries.of("CA", "C", "CAL", "NY");
    Arbitrary<List<String>> localities = Arbitraries.of("SF", "S", "SFO", "LA").list().ofMaxSize(2);
    return Combinators.combine(country, subdivision, localities, Arbitraries.of(true, false))
        .as((c, s, l, hasSub) -> {
          StringBuilder sb = new StringBuilder(c);
          if (hasSub) {
            sb.append('-').append(s);
            l.forEach(x -> sb.append('-').append(x));
          }
          return new Jurisdiction(sb.toString());
        });
  }

  @Property
  void withinIsReflexiveForAll(@ForAll("codes") Jurisdiction a) {
    assertThat(a.within(a)).isTrue();
  }

  @Property(tries = 2000)
  void withinIsTransitive(@ForAll("codes") Jurisdiction a, @ForAll("codes") Jurisdiction b,
      @ForAll("codes") Jurisdiction c) {
    if (a.within(b) && b.within(c)) {
      assertThat(a.within(c)).isTrue();
    }
  }

  @Property(tries = 2000)
  void withinIsAntisymmetric(@ForAll("codes") Jurisdiction a, @ForAll("codes") Jurisdiction b) {
    if (a.within(b) && b.within(a)) {
      assertThat(a).isEqualTo(b);
    }
  }

  @Property(tries = 2000)
  void withinMeansAmongSelfAndAncestors(@ForAll("codes") Jurisdiction a, @ForAll("codes") Jurisdiction b) {
    assertThat(a.within(b)).isEqualTo(a.selfAndAncestors().contains(b.code()));
  }

  @Property
  void withinEveryAncestor(@ForAll("codes") Jurisdiction a) {
    List<String> chain = a.selfAndAncestors();
    assertThat(chain.get(0)).isEqualTo(a.code());
    assertThat(chain.get(chain.size() - 1)).isEqualTo(a.code().substring(0, 2));
    for (String outer : chain) {
      assertThat(Jurisdiction.isValid(outer)).isTrue();
      assertThat(a.within(j(outer))).isTrue();
    }
  }

  @Property
  void childIsWithinParentButNotTheReverse(@ForAll("codes") Jurisdiction parent) {
    Jurisdiction child = j(parent.code() + (parent.code().length() == 2 ? "-CA" : "-X1"));
    assertThat(child.within(parent)).isTrue();
    assertThat(parent.within(child)).isFalse();
  }
}
