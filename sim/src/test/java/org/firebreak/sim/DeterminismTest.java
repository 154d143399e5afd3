package org.firebreak.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The same seed gives the same city and the same month; another seed gives others. */
class DeterminismTest {
  @Test
  void sameSeedSameCityAndScenarioDigests() {
    City a = CityGenerator.generate(42, Size.SMALL, n -> {});
    City b = CityGenerator.generate(42, Size.SMALL, n -> {});
    assertThat(a.digest()).isEqualTo(b.digest());
    assertThat(ScenarioGenerator.generate(a, 42).digest()).isEqualTo(ScenarioGenerator.generate(b, 42).digest());
  }

  @Test
  void anotherSeedAnotherCityAndScenario() {
    City a = CityGenerator.generate(42, Size.SMALL, n -> {});
    City c = CityGenerator.generate(43, Size.SMALL, n -> {});
    assertThat(a.digest()).isNotEqualTo(c.digest());
    assertThat(ScenarioGenerator.generate(a, 42).digest()).isNotEqualTo(ScenarioGenerator.generate(c, 43).digest());
  }

  @Test
  void smallCityHasTheIssuedSizes() {
    City a = CityGenerator.generate(1, Size.SMALL, n -> {});
    assertThat(a.residents()).hasSize(2_000);
    assertThat(a.recordCount(Sources.ALPR)).isEqualTo(50_000);
    assertThat(ScenarioGenerator.generate(a, 1).requests()).hasSizeBetween(590, 610);
  }
}
