package org.firebreak.store;

/** Where a request is in its life. */
public enum RequestStatus {
  /** Stored as received; not decided yet. */
  RECEIVED,
  /** Decided PERMIT or DENY by the rule packs; what was permitted is released. */
  DECIDED,
  /** Decided REFER: held for an auditor, nothing released. */
  HELD,
  /** Held, then permitted by an auditor: released. */
  RELEASED,
  /** Held, then denied by an auditor. */
  DENIED,
  /** Refused as bad input after its requester was authenticated; kept with the reason. */
  REJECTED
}
