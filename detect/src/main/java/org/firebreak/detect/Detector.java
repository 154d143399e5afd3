package org.firebreak.detect;

import java.util.function.Consumer;

/**
 * Reads audit events one at a time, in the order of the log, and raises flags. A detector that needs more than one
 * event (a window, a baseline) keeps what it needs and may flag in {@link #finish}. A detector instance serves one
 * run: make a new one per log (see {@link Detection#standard}).
 */
public interface Detector {
  /** The detector's name in flags, e.g. {@code immigration-purpose}. */
  String id();

  /** Reads one event; flags that this event alone shows go to {@code flags} now. */
  void observe(ScreenedEvent event, Consumer<Flag> flags);

  /** The end of the log: flags that needed the whole of it. */
  default void finish(Consumer<Flag> flags) {
  }
}
