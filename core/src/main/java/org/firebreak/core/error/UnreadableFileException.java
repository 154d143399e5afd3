package org.firebreak.core.error;

/** A file that does not exist or cannot be read. */
public final class UnreadableFileException extends FirebreakException {
  public UnreadableFileException(String file, Throwable cause) {
    super(ErrorCode.UNREADABLE_FILE, file + ": cannot be read"
        + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getClass().getSimpleName() + ")"), cause);
  }
}
