package org.firebreak.detect;

/** How much a flag deserves an auditor's attention. */
public enum Severity {
  LOW, MEDIUM, HIGH
}
