package org.firebreak.core.model;

import static org.firebreak.core.model.InvalidFieldException.optionalList;
import static org.firebreak.core.model.InvalidFieldException.required;
import static org.firebreak.core.model.InvalidFieldException.requiredText;

import java.util.List;
import java.util.regex.Pattern;
import org.firebreak.core.vocab.TaskForce;

/**
 * The person asking: their id, their agency (taken from their credential, never from the request body, once the
 * gateway exists), the federal task forces they sit on, and the signed declarations they hold (e.g.
 * {@code IL_ALPR_DECLARATION}).
 */
public record Requester(String id, Agency agency, List<TaskForce> taskForces, List<String> certifications) {
  private static final Pattern CERTIFICATION = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

  public Requester {
    requiredText(id, "id");
    required(agency, "agency");
    taskForces = optionalList(taskForces, "taskForces");
    certifications = optionalList(certifications, "certifications");
    for (String c : certifications) {
      if (!CERTIFICATION.matcher(c).matches()) {
        throw new InvalidFieldException("certifications", "'" + c + "' is not a certification name (UPPER_SNAKE_CASE)");
      }
    }
  }

  public boolean sitsOnImmigrationTaskForce() {
    return taskForces.stream().anyMatch(TaskForce::isImmigration);
  }
}
