package org.firebreak.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.firebreak.core.model.Agency;
import org.firebreak.core.model.InvalidFieldException;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Component;
import org.firebreak.core.vocab.TaskForce;
import org.firebreak.store.StoreException.Kind;
import org.junit.jupiter.api.Test;

class AgencyUserTest extends StoreTestBase {

  @Test
  void agenciesRoundTrip() {
    Agency tribal = new Agency("tribal-pd", "Tribal Police — Ünïcode", AgencyLevel.TRIBAL, Component.POLICE,
        Jurisdiction.of("US-AZ-NAVAJO"));
    store.agencies().create(agency("sfpd"));
    store.agencies().create(ice());
    store.agencies().create(tribal);
    assertThat(store.agencies().get("tribal-pd")).contains(tribal);
    assertThat(store.agencies().get("ice-ero-sfr")).contains(ice());
    assertThat(store.agencies().get("nope")).isEmpty();
    assertThat(store.agencies().list()).containsExactly(ice(), agency("sfpd"), tribal);
  }

  @Test
  void aDuplicateAgencyIsRefusedAndTheFirstKept() {
    store.agencies().create(agency("sfpd"));
    Agency other = new Agency("sfpd", "Someone else", AgencyLevel.STATE, Component.SHERIFF, Jurisdiction.of("US"));
    assertThatThrownBy(() -> store.agencies().create(other))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.DUPLICATE))
        .hasMessageContaining("agency 'sfpd' already exists");
    assertThat(store.agencies().list()).containsExactly(agency("sfpd"));
  }

  @Test
  void usersRoundTripWithRolesTaskForcesAndCertifications() {
    store.agencies().create(agency("sfpd"));
    User u = new User("u-17", "sfpd", Set.of(Role.REQUESTER, Role.AUDITOR),
        List.of(TaskForce.G287, TaskForce.JTTF), List.of("IL_ALPR_DECLARATION", "CJIS"));
    User admin = user("admin", "sfpd", Role.ADMIN);
    store.users().create(u);
    store.users().create(admin);
    assertThat(store.users().get("u-17")).contains(u);
    assertThat(store.users().get("u-17").orElseThrow().taskForces()).containsExactly(TaskForce.G287,
        TaskForce.JTTF);
    assertThat(store.users().list()).containsExactly(admin, u);
    assertThat(store.users().get("nobody")).isEmpty();
  }

  @Test
  void userConstraintsAreCheckedAndNothingIsHalfStored() {
    store.agencies().create(agency("sfpd"));
    assertThatThrownBy(() -> store.users().create(user("u", "nowhere", Role.REQUESTER)))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_REFERENCE))
        .hasMessageContaining("agency 'nowhere' does not exist");
    assertThatThrownBy(() -> store.users().createWithToken(user("u", "nowhere", Role.REQUESTER)))
        .isInstanceOf(StoreException.class);
    assertThat(store.users().list()).isEmpty();
    assertThat(count("credentials")).isZero();

    store.users().create(user("u", "sfpd", Role.REQUESTER));
    assertThatThrownBy(() -> store.users().create(user("u", "sfpd", Role.ADMIN)))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.DUPLICATE));
    assertThat(store.users().get("u").orElseThrow().roles()).containsExactly(Role.REQUESTER);
    assertThat(count("user_roles")).isEqualTo(1);
  }

  @Test
  void userRecordsValidateTheirFields() {
    assertThatThrownBy(() -> new User("u", "a", Set.of(), List.of(), List.of()))
        .isInstanceOf(InvalidFieldException.class).hasMessageContaining("at least one role");
    assertThatThrownBy(() -> new User(" ", "a", Set.of(Role.ADMIN), List.of(), List.of()))
        .isInstanceOf(InvalidFieldException.class);
    assertThatThrownBy(() -> new User("u", "a", Set.of(Role.ADMIN), List.of(), List.of("not upper")))
        .isInstanceOf(InvalidFieldException.class).hasMessageContaining("certification");
    assertThatThrownBy(() -> new User("u".repeat(Checks.MAX_ID + 1), "a", Set.of(Role.ADMIN), null, null))
        .isInstanceOf(InvalidFieldException.class).hasMessageContaining("longer");
    User noLists = new User("u", "a", Set.of(Role.ADMIN), null, null);
    assertThat(noLists.taskForces()).isEmpty();
    assertThat(noLists.certifications()).isEmpty();
    assertThatThrownBy(() -> noLists.roles().add(Role.REQUESTER)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aTokenAuthenticatesOnlyItsUserAndOnlyExactly() {
    store.agencies().create(agency("sfpd"));
    User alice = user("alice", "sfpd", Role.REQUESTER);
    User bob = user("bob", "sfpd", Role.AUDITOR);
    String a = store.users().createWithToken(alice);
    String b = store.users().createWithToken(bob);
    assertThat(a).startsWith(UserRepository.TOKEN_PREFIX).hasSizeGreaterThan(40).isNotEqualTo(b);

    assertThat(store.users().authenticate(a)).contains(alice);
    assertThat(store.users().authenticate(b)).contains(bob);
    assertThat(store.users().userByTokenHash(UserRepository.tokenHash(a))).contains(alice);
    for (String wrong : List.of(a + "x", a.substring(0, a.length() - 1), a.toUpperCase(), " " + a, a + " ", "",
        UserRepository.TOKEN_PREFIX, "x".repeat(10_000), flipLast(a))) {
      assertThat(store.users().authenticate(wrong)).as(wrong.length() > 60 ? "long" : wrong).isEmpty();
    }
    assertThat(store.users().authenticate(null)).isEmpty();
    assertThat(store.users().userByTokenHash(new byte[32])).isEmpty();
    assertThat(store.users().userByTokenHash(new byte[3])).isEmpty();
  }

  @Test
  void onlyTheTokensHashIsStoredAndTokensCanBeIssuedAndRevoked() {
    store.agencies().create(agency("sfpd"));
    String first = store.users().createWithToken(user("alice", "sfpd", Role.REQUESTER));
    String second = store.users().issueToken("alice");
    assertThat(store.users().tokenCount("alice")).isEqualTo(2);
    // Nothing in the credentials table holds the token itself or its secret part.
    List<String> stored = store.jdbi().withHandle(h -> h.createQuery("SELECT * FROM credentials")
        .map((rs, ctx) -> new String(rs.getBytes("token_hash"), java.nio.charset.StandardCharsets.ISO_8859_1)
            + rs.getString("user_id"))
        .list());
    assertThat(stored).noneMatch(s -> s.contains(first.substring(UserRepository.TOKEN_PREFIX.length())));
    assertThat(store.users().revokeToken(first)).isTrue();
    assertThat(store.users().revokeToken(first)).isFalse();
    assertThat(store.users().authenticate(first)).isEmpty();
    assertThat(store.users().authenticate(second)).isPresent();
    assertThatThrownBy(() -> store.users().issueToken("nobody"))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
  }

  private static String flipLast(String s) {
    char c = s.charAt(s.length() - 1);
    return s.substring(0, s.length() - 1) + (c == 'A' ? 'B' : 'A');
  }

  private long count(String table) {
    return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }
}
