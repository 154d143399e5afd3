package org.firebreak.server;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.firebreak.core.model.InvalidFieldException;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Decision;
import org.firebreak.core.vocab.SourceKind;
import org.firebreak.core.vocab.TaskForce;
import org.firebreak.store.Role;
import org.firebreak.store.Source;
import org.firebreak.store.StoredRecord;
import org.firebreak.store.User;

/**
 * The request bodies of the API that the model does not already bind, bound strictly by {@code StrictJson}: unknown
 * fields and values are errors naming their JSON path. Each converts to the store's record, whose own checks name
 * the field too.
 */
final class Dto {
  private Dto() {}

  /** {@code POST /v1/users}. */
  record UserBody(String id, String agency, List<Role> roles, List<TaskForce> taskForces,
      List<String> certifications) {
    UserBody {
      roles = InvalidFieldException.requiredList(roles, "roles");
      if (!roles.isEmpty() && EnumSet.copyOf(roles).size() != roles.size()) {
        throw new InvalidFieldException("roles", "names a role twice");
      }
      toUser(id, agency, roles, taskForces, certifications); // the store's checks, while the binder can name the path
    }

    User toUser() {
      return toUser(id, agency, roles, taskForces, certifications);
    }

    private static User toUser(String id, String agency, List<Role> roles, List<TaskForce> taskForces,
        List<String> certifications) {
      return new User(id, agency, roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles), taskForces, certifications);
    }
  }

  /** {@code POST /v1/sources}. */
  record SourceBody(String id, SourceKind kind, Jurisdiction jurisdiction, String agency,
      Map<String, Category> fields, List<String> searchable) {
    SourceBody {
      new Source(id, kind, jurisdiction, agency, fields, searchable); // checked while the binder can name the path
    }

    Source toSource() {
      return new Source(id, kind, jurisdiction, agency, fields, searchable);
    }
  }

  /** One line of {@code POST /v1/sources/{id}/records}. */
  record RecordLine(String id, Map<String, String> fields) {
    RecordLine {
      new StoredRecord("source", id, fields); // checked while the binder can name the path
    }

    StoredRecord toRecord(String sourceId) {
      return new StoredRecord(sourceId, id, fields);
    }
  }

  /** {@code POST /v1/requests/{id}/review}. */
  record ReviewBody(Decision decision, String note) {
    static final int MAX_NOTE = 4_000;

    ReviewBody {
      InvalidFieldException.required(decision, "decision");
      if (decision == Decision.REFER) {
        throw new InvalidFieldException("decision", "a review decides PERMIT or DENY");
      }
      InvalidFieldException.requiredText(note, "note");
      if (note.length() > MAX_NOTE) {
        throw new InvalidFieldException("note", "is longer than " + MAX_NOTE + " characters");
      }
    }
  }
}
