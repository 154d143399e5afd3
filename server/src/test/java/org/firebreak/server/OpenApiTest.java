package org.firebreak.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.firebreak.store.Role;
import org.firebreak.store.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document lists exactly the routes the server registers, with the same roles. */
class OpenApiTest {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
      "trace");

  @TempDir
  Path tmp;

  @Test
  void theDocumentListsExactlyTheRegisteredRoutesAndTheirRoles() throws Exception {
    JsonNode doc;
    try (InputStream in = FirebreakServer.class.getResourceAsStream("/openapi.json")) {
      doc = Http.JSON.readTree(in);
    }
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    Map<String, Set<String>> documented = new TreeMap<>();
    doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
      if (METHODS.contains(op.getKey())) {
        Set<String> roles = new TreeSet<>();
        op.getValue().path("x-roles").forEach(r -> roles.add(r.asText()));
        documented.put(op.getKey().toUpperCase() + " " + p.getKey(), roles);
      }
    }));

    try (Fixture f = Fixture.open(TestDatabases.Kind.SQLITE, tmp)) {
      assertThat(new ArrayList<>(documented.keySet())).isEqualTo(f.server.registeredRoutes());
      Map<String, Set<String>> table = new TreeMap<>();
      for (FirebreakServer.Route r : f.server.routes()) {
        Set<String> roles = new TreeSet<>();
        r.roles().stream().map(Role::name).forEach(roles::add);
        table.put(r.method().name() + " " + r.path().replace('<', '{').replace('>', '}'), roles);
      }
      assertThat(documented).isEqualTo(table);

      // Served as is, publicly.
      Http.Response served = f.http.get("/openapi.json", null);
      assertThat(served.status()).isEqualTo(200);
      assertThat(served.contentType()).startsWith("application/json");
      assertThat(served.json()).isEqualTo(doc);
    }
  }

  @Test
  void everyOperationDocumentsItsErrorsAsProblems() throws Exception {
    JsonNode doc;
    try (InputStream in = FirebreakServer.class.getResourceAsStream("/openapi.json")) {
      doc = Http.JSON.readTree(in);
    }
    List<String> missing = new ArrayList<>();
    doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
      JsonNode responses = op.getValue().get("responses");
      boolean authed = op.getValue().path("x-roles").size() > 0;
      if (authed && (!responses.has("401") || !responses.has("403"))) {
        missing.add(op.getKey() + " " + p.getKey() + ": 401/403");
      }
      if (op.getValue().has("requestBody") && !responses.has("400")) {
        missing.add(op.getKey() + " " + p.getKey() + ": 400");
      }
    }));
    assertThat(missing).isEmpty();
  }

  @Test
  void everyAuthenticatedOperationTakesAnApiTokenOrAnOidcJwt() throws Exception {
    JsonNode doc;
    try (InputStream in = FirebreakServer.class.getResourceAsStream("/openapi.json")) {
      doc = Http.JSON.readTree(in);
    }
    JsonNode jwt = doc.at("/components/securitySchemes/oidcJwt");
    assertThat(jwt.path("scheme").asText()).isEqualTo("bearer");
    assertThat(jwt.path("bearerFormat").asText()).isEqualTo("JWT");
    List<String> wrong = new ArrayList<>();
    doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
      Set<String> schemes = new TreeSet<>();
      op.getValue().path("security").forEach(alt -> alt.properties().forEach(e -> schemes.add(e.getKey())));
      boolean authed = op.getValue().path("x-roles").size() > 0;
      if (!schemes.equals(authed ? Set.of("bearer", "oidcJwt") : Set.of())) {
        wrong.add(op.getKey() + " " + p.getKey() + ": " + schemes);
      }
    }));
    assertThat(wrong).isEmpty();
  }
}
