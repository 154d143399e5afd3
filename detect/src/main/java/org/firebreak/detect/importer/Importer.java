package org.firebreak.detect.importer;

import java.nio.file.Path;

/**
 * Reads one audit-log file into events. A row that cannot be read is a {@link Problem} (its line and why) and the
 * import goes on; a file that cannot be read at all (not there, or not this format) throws
 * {@link org.firebreak.core.error.FirebreakException} with the file and line. Nothing else escapes, whatever the
 * bytes.
 */
public interface Importer {
  /**
   * @param file the file to read
   * @param label how to name the file in events and problems (the path as the user wrote it)
   */
  void read(Path file, String label, ImportSink sink);
}
