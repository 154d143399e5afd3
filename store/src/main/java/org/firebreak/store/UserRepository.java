package org.firebreak.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.firebreak.core.vocab.TaskForce;
import org.firebreak.store.StoreException.Kind;
import org.jdbi.v3.core.Handle;

/**
 * Users and their API tokens. A token is 32 random bytes, shown once; the store keeps only its SHA-256 (a token is
 * high-entropy, so a fast hash is enough) and finds a user by that hash, comparing in constant time.
 */
public final class UserRepository {
  /** Every token starts with this, so that a leaked one is recognisable (secret scanners, logs). */
  public static final String TOKEN_PREFIX = "fbk_";
  private static final int MAX_TOKEN = 512;

  private final Db db;
  private final SecureRandom random = new SecureRandom();

  UserRepository(Db db) {
    this.db = db;
  }

  /**
   * Stores a new user.
   *
   * @throws StoreException {@code DUPLICATE} for a taken id, {@code UNKNOWN_REFERENCE} for an unknown agency
   */
  public void create(User user) {
    Objects.requireNonNull(user, "user");
    db.write("store user '" + user.id() + "'", h -> {
      insert(h, user);
      return null;
    });
  }

  /** Stores a new user and a first token for them, in one transaction; returns the token (shown once). */
  public String createWithToken(User user) {
    Objects.requireNonNull(user, "user");
    return db.write("store user '" + user.id() + "'", h -> {
      insert(h, user);
      return insertToken(h, user.id());
    });
  }

  /**
   * Issues another token for an existing user; returns it (shown once).
   *
   * @throws StoreException {@code NOT_FOUND} when there is no such user
   */
  public String issueToken(String userId) {
    Objects.requireNonNull(userId, "userId");
    return db.write("issue a token for user '" + userId + "'", h -> {
      if (!exists(h, userId)) {
        throw new StoreException(Kind.NOT_FOUND, "user '" + userId + "' does not exist");
      }
      return insertToken(h, userId);
    });
  }

  /** The user whose token this is, exactly; empty for any other string. */
  public Optional<User> authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
      return Optional.empty();
    }
    return userByTokenHash(tokenHash(token));
  }

  /** The user holding the token with this SHA-256 hash. */
  public Optional<User> userByTokenHash(byte[] hash) {
    Objects.requireNonNull(hash, "hash");
    if (hash.length != 32) {
      return Optional.empty();
    }
    byte[] wanted = hash.clone();
    return db.read("authenticate", h -> {
      Optional<Map.Entry<byte[], String>> row = h.createQuery(
              "SELECT token_hash, user_id FROM credentials WHERE token_hash = :hash")
          .bind("hash", wanted)
          .map((rs, ctx) -> Map.entry(rs.getBytes("token_hash"), rs.getString("user_id")))
          .findOne();
      if (row.isEmpty() || !MessageDigest.isEqual(row.get().getKey(), wanted)) {
        return Optional.empty();
      }
      return load(h, row.get().getValue());
    });
  }

  /** Revokes a token; true when it existed. */
  public boolean revokeToken(String token) {
    Objects.requireNonNull(token, "token");
    byte[] hash = tokenHash(token);
    return db.write("revoke a token", h -> h.createUpdate("DELETE FROM credentials WHERE token_hash = :hash")
        .bind("hash", hash).execute() > 0);
  }

  /** The number of live tokens a user holds. */
  public int tokenCount(String userId) {
    Objects.requireNonNull(userId, "userId");
    return db.read("count tokens", h -> h.createQuery("SELECT COUNT(*) FROM credentials WHERE user_id = :u")
        .bind("u", userId).mapTo(Integer.class).one());
  }

  public Optional<User> get(String id) {
    Objects.requireNonNull(id, "id");
    return db.read("read user '" + id + "'", h -> load(h, id));
  }

  /** All users, by id. */
  public List<User> list() {
    return db.read("list users", h -> collect(h.createQuery(SELECT + " ORDER BY u.id, r.role")
        .map((rs, ctx) -> new Row(rs.getString("id"), rs.getString("agency_id"), rs.getString("task_forces"),
            rs.getString("certifications"), rs.getString("role")))
        .list()));
  }

  /** SHA-256 of the token's UTF-8 bytes: what the store keeps. */
  public static byte[] tokenHash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  // ---- internals

  private static final String SELECT = "SELECT u.id, u.agency_id, u.task_forces, u.certifications, r.role "
      + "FROM users u LEFT JOIN user_roles r ON r.user_id = u.id";

  private record Row(String id, String agencyId, String taskForces, String certifications, String role) {}

  private void insert(Handle h, User user) {
    if (!AgencyRepository.exists(h, user.agencyId())) {
      throw new StoreException(Kind.UNKNOWN_REFERENCE, "user '" + user.id() + "': agency '" + user.agencyId()
          + "' does not exist");
    }
    if (exists(h, user.id())) {
      throw new StoreException(Kind.DUPLICATE, "user '" + user.id() + "' already exists");
    }
    h.createUpdate("INSERT INTO users (id, agency_id, task_forces, certifications) "
            + "VALUES (:id, :agency, :taskForces, :certifications)")
        .bind("id", user.id())
        .bind("agency", user.agencyId())
        .bind("taskForces", db.toJson(user.taskForces().stream().map(TaskForce::wire).toList()))
        .bind("certifications", db.toJson(user.certifications()))
        .execute();
    var batch = h.prepareBatch("INSERT INTO user_roles (user_id, role) VALUES (:user, :role)");
    for (Role r : user.roles()) {
      batch.bind("user", user.id()).bind("role", r.name()).add();
    }
    batch.execute();
  }

  private String insertToken(Handle h, String userId) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    h.createUpdate("INSERT INTO credentials (token_hash, user_id, created_at) VALUES (:hash, :user, :at)")
        .bind("hash", tokenHash(token))
        .bind("user", userId)
        .bind("at", db.time(Instant.now(), "created_at"))
        .execute();
    return token;
  }

  static boolean exists(Handle h, String id) {
    return h.createQuery("SELECT 1 FROM users WHERE id = :id").bind("id", id).mapTo(Integer.class)
        .findOne().isPresent();
  }

  private Optional<User> load(Handle h, String id) {
    List<User> users = collect(h.createQuery(SELECT + " WHERE u.id = :id ORDER BY r.role")
        .bind("id", id)
        .map((rs, ctx) -> new Row(rs.getString("id"), rs.getString("agency_id"), rs.getString("task_forces"),
            rs.getString("certifications"), rs.getString("role")))
        .list());
    return users.stream().findFirst();
  }

  private List<User> collect(List<Row> rows) {
    Map<String, List<Row>> byUser = new LinkedHashMap<>();
    for (Row r : rows) {
      byUser.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r);
    }
    List<User> out = new ArrayList<>(byUser.size());
    for (List<Row> rs : byUser.values()) {
      Row first = rs.get(0);
      Set<Role> roles = EnumSet.noneOf(Role.class);
      for (Row r : rs) {
        if (r.role() != null) {
          roles.add(Role.valueOf(r.role()));
        }
      }
      List<TaskForce> taskForces = db.stringList(first.taskForces()).stream().map(UserRepository::taskForce)
          .toList();
      out.add(new User(first.id(), first.agencyId(), roles, taskForces, db.stringList(first.certifications())));
    }
    return out;
  }

  private static TaskForce taskForce(String wire) {
    for (TaskForce t : TaskForce.values()) {
      if (t.wire().equals(wire)) {
        return t;
      }
    }
    throw new StoreFailureException("a stored task force '" + wire + "' is not in the vocabulary", null);
  }
}
