package org.firebreak.detect;

import java.util.Objects;

/**
 * Where an event was read: the file (as the user named it), the 1-based line its row starts on, and its 1-based
 * row number among the data rows (a row can span lines when a quoted cell holds a line break).
 */
public record Location(String file, long line, long row) {
  public Location {
    Objects.requireNonNull(file, "file");
    if (line < 1 || row < 1) {
      throw new IllegalArgumentException("line and row are 1-based, got line=" + line + ", row=" + row);
    }
  }

  @Override
  public String toString() {
    return file + ":" + line;
  }
}
