package org.firebreak.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A jurisdiction code: {@code US}, an ISO 3166-2 subdivision such as {@code US-CA}, optionally followed by locality
 * segments such as {@code US-CA-SF}. "Within" is prefix on {@code -} boundaries: {@code US-CA-SF} is within
 * {@code US-CA} and {@code US}; {@code US-CAL} is not within {@code US-CA}.
 */
public record Jurisdiction(String code) {
  private static final Pattern CODE = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3}(-[A-Z0-9_]{1,32})*)?");

  public Jurisdiction {
    InvalidFieldException.required(code, "");
    if (!CODE.matcher(code).matches()) {
      throw new InvalidFieldException("", "'" + code + "' is not a jurisdiction code (US, US-CA, US-CA-SF)");
    }
  }

  @JsonCreator
  public static Jurisdiction of(String code) {
    return new Jurisdiction(code);
  }

  public static boolean isValid(String code) {
    return code != null && CODE.matcher(code).matches();
  }

  /** True when this jurisdiction is {@code other} or lies inside it. */
  public boolean within(Jurisdiction other) {
    return within(code, other.code);
  }

  /** String form of {@link #within(Jurisdiction)}, used by the CEL helper {@code within(a, b)}. */
  public static boolean within(String inner, String outer) {
    return inner.equals(outer)
        || (inner.length() > outer.length() && inner.startsWith(outer) && inner.charAt(outer.length()) == '-');
  }

  /** This code and every enclosing one, innermost first: US-CA-SF, US-CA, US. */
  public List<String> selfAndAncestors() {
    List<String> out = new ArrayList<>();
    String c = code;
    out.add(c);
    for (int i = c.lastIndexOf('-'); i > 0; i = c.lastIndexOf('-')) {
      c = c.substring(0, i);
      out.add(c);
    }
    return List.copyOf(out);
  }

  @JsonValue
  @Override
  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return code;
  }
}
