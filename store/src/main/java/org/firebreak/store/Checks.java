package org.firebreak.store;

import java.util.Collection;
import org.firebreak.core.model.InvalidFieldException;

/** Validation shared by the store's records: ids and field names that every database keeps alike. */
final class Checks {
  /** Longest id (agency, user, source, record, request): ids are keys, and PostgreSQL index entries stay under
   * its 2,704-byte limit with the longest id, field name and searchable value together. */
  static final int MAX_ID = 128;
  /** Longest field name of a source or record. */
  static final int MAX_FIELD = 64;

  private Checks() {}

  /** A non-blank id of at most {@link #MAX_ID} characters without control characters. */
  static String id(String value, String field) {
    InvalidFieldException.requiredText(value, field);
    if (value.length() > MAX_ID) {
      throw new InvalidFieldException(field, "is longer than " + MAX_ID + " characters");
    }
    noControl(value, field);
    return value;
  }

  /** A field name: non-blank, at most {@link #MAX_FIELD} characters, no control characters. */
  static String fieldName(String value, String field) {
    InvalidFieldException.requiredText(value, field);
    if (value.length() > MAX_FIELD) {
      throw new InvalidFieldException(field, "'" + value.substring(0, 24) + "...' is longer than " + MAX_FIELD
          + " characters");
    }
    noControl(value, field);
    return value;
  }

  /** Text of any length that a database can hold: PostgreSQL refuses U+0000 in text, so everyone does. */
  static String text(String value, String field) {
    InvalidFieldException.required(value, field);
    if (value.indexOf('\0') >= 0) {
      throw new InvalidFieldException(field, "contains the character U+0000");
    }
    return value;
  }

  /** {@link #id} for a method argument: a {@link StoreException} names {@code what}. */
  static String idArg(String value, String what) {
    try {
      return id(value, what);
    } catch (InvalidFieldException e) {
      throw new StoreException(StoreException.Kind.INVALID, what + " " + e.getMessage());
    }
  }

  /** {@link #text} for a method argument: a {@link StoreException} names {@code what}. */
  static String textArg(String value, String what) {
    try {
      return text(value, what);
    } catch (InvalidFieldException e) {
      throw new StoreException(StoreException.Kind.INVALID, what + " " + e.getMessage());
    }
  }

  static void noNulls(Collection<?> values, String field) {
    InvalidFieldException.required(values, field);
    for (Object o : values) {
      if (o == null) {
        throw new InvalidFieldException(field, "must not contain null");
      }
    }
  }

  private static void noControl(String value, String field) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new InvalidFieldException(field, "contains a control character (U+"
            + String.format("%04X", (int) value.charAt(i)) + ")");
      }
    }
  }
}
