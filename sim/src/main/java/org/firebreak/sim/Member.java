package org.firebreak.sim;

import java.util.List;
import java.util.Objects;
import org.firebreak.core.vocab.TaskForce;

/**
 * A person with an account at the fusion center's Firebreak: an officer, agent or analyst who asks (REQUESTER), a
 * records custodian who registers and ingests (CUSTODIAN), or an auditor (AUDITOR).
 */
public record Member(String id, String agencyId, String role, List<TaskForce> taskForces) {
  public Member {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(agencyId, "agencyId");
    Objects.requireNonNull(role, "role");
    if (!List.of("REQUESTER", "CUSTODIAN", "AUDITOR").contains(role)) {
      throw new IllegalArgumentException("member " + id + ": role " + role + " is not REQUESTER, CUSTODIAN or AUDITOR");
    }
    taskForces = List.copyOf(taskForces);
  }
}
