package org.firebreak.detect.importer;

import org.firebreak.detect.AuditEvent;

/** Where an importer puts what it reads: events, and the rows it could not read. */
public interface ImportSink {
  void event(AuditEvent event);

  void problem(Problem problem);
}
