package org.firebreak.core.vocab;

/** The kind of system a source is; rules are indexed by it. */
public enum SourceKind {
  DMV, ALPR, SCHOOL, UTILITY, POLICE_RECORDS, JAIL_BOOKING, COURT, CRIMINAL_HISTORY, CRIMINAL_INTELLIGENCE, SAR, FACIAL_RECOGNITION, SOCIAL_SERVICES, HEALTH, COMMERCIAL_BROKER;
}
