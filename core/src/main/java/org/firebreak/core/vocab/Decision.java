package org.firebreak.core.vocab;

/** The outcome for a request or for one source. REFER holds the request for an auditor: nothing is released until one decides. */
public enum Decision {
  PERMIT, DENY, REFER;
}
