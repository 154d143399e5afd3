package org.firebreak.core.vocab;

/** What a release obliges the custodian or the recipient to do. */
public enum ObligationType {
  NOTIFY_SUBJECT, NOTIFY_PARENT, LOG_ACCESS, RECORD_DISSEMINATION, REPORT_TO, RETENTION_LIMIT, REQUIRE_CERTIFICATION, SUPERVISOR_APPROVAL;
}
