package org.firebreak.store;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.firebreak.core.model.InvalidFieldException;
import org.firebreak.core.vocab.TaskForce;

/**
 * A person who uses Firebreak: their agency (a requester's agency comes from here, never from a request body), roles,
 * the federal task forces they sit on, and the signed declarations they hold (e.g. {@code IL_ALPR_DECLARATION}).
 * Absent task forces and certifications are empty lists.
 */
public record User(String id, String agencyId, Set<Role> roles, List<TaskForce> taskForces,
    List<String> certifications) {
  private static final Pattern CERTIFICATION = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

  public User {
    Checks.id(id, "id");
    Checks.id(agencyId, "agency");
    Checks.noNulls(roles, "roles");
    if (roles.isEmpty()) {
      throw new InvalidFieldException("roles", "must name at least one role");
    }
    roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
    taskForces = InvalidFieldException.optionalList(taskForces, "taskForces");
    if (new HashSet<>(taskForces).size() != taskForces.size()) {
      throw new InvalidFieldException("taskForces", "names a task force twice");
    }
    certifications = InvalidFieldException.optionalList(certifications, "certifications");
    for (String c : certifications) {
      if (!CERTIFICATION.matcher(c).matches()) {
        throw new InvalidFieldException("certifications", "'" + c + "' is not a certification name (UPPER_SNAKE_CASE)");
      }
    }
    if (new HashSet<>(certifications).size() != certifications.size()) {
      throw new InvalidFieldException("certifications", "names a certification twice");
    }
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }
}
