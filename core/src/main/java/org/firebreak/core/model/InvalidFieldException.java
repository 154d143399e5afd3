package org.firebreak.core.model;

import java.util.Objects;

/**
 * Thrown by a model constructor for a field that is missing or invalid. The JSON binder turns it into an
 * {@link org.firebreak.core.error.InvalidInputException} whose path ends in {@link #field()}.
 */
public final class InvalidFieldException extends IllegalArgumentException {
  private final String field;

  public InvalidFieldException(String field, String reason) {
    super(reason);
    this.field = Objects.requireNonNull(field, "field");
  }

  public String field() {
    return field;
  }

  public static <T> T required(T value, String field) {
    if (value == null) {
      throw new InvalidFieldException(field, "is required");
    }
    return value;
  }

  /** An immutable copy of a required list, refusing null elements; {@code null} list -> error. */
  public static <T> java.util.List<T> requiredList(java.util.List<T> value, String field) {
    required(value, field);
    for (T t : value) {
      if (t == null) {
        throw new InvalidFieldException(field, "must not contain null");
      }
    }
    return java.util.List.copyOf(value);
  }

  /** Like {@link #requiredList} but an absent list is empty. */
  public static <T> java.util.List<T> optionalList(java.util.List<T> value, String field) {
    return value == null ? java.util.List.of() : requiredList(value, field);
  }

  public static String requiredText(String value, String field) {
    if (required(value, field).isBlank()) {
      throw new InvalidFieldException(field, "must not be blank");
    }
    return value;
  }
}
