package org.firebreak.store;

/** What a user may do. A user has one or more. */
public enum Role {
  /** Asks for data. */
  REQUESTER,
  /** Registers sources and ingests records (the fusion center or local agency running Firebreak). */
  CUSTODIAN,
  /** Reviews referred requests and flags. */
  AUDITOR,
  /** Manages agencies and users. */
  ADMIN
}
