package org.firebreak.core.error;

import java.util.Objects;

/** A rule pack that is refused: the file, the 1-based line (0 when unknown) and the reason. */
public final class InvalidPackException extends FirebreakException {
  private final String file;
  private final int line;
  private final String reason;

  public InvalidPackException(String file, int line, String reason) {
    this(file, line, reason, null);
  }

  public InvalidPackException(String file, int line, String reason, Throwable cause) {
    super(ErrorCode.INVALID_PACK, (line > 0 ? file + ":" + line : file) + ": " + reason, cause);
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
