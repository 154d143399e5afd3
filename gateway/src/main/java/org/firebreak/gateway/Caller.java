package org.firebreak.gateway;

import java.util.Objects;
import org.firebreak.core.error.ErrorCode;
import org.firebreak.core.model.Agency;
import org.firebreak.store.Role;
import org.firebreak.store.User;

/** An authenticated user and their agency, both from the registry: never from a request body. */
public record Caller(User user, Agency agency) {
  public Caller {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(agency, "agency");
    if (!user.agencyId().equals(agency.id())) {
      throw new IllegalArgumentException("the agency is not the user's");
    }
  }

  /** Refuses a caller without any of the roles. */
  public void require(Role... roles) {
    for (Role r : roles) {
      if (user.has(r)) {
        return;
      }
    }
    throw new GatewayException(ErrorCode.FORBIDDEN, "user '" + user.id() + "' lacks the role "
        + (roles.length == 1 ? roles[0] : java.util.Arrays.toString(roles)));
  }
}
