package org.firebreak.detect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.firebreak.detect.importer.ColumnMapping;
import org.firebreak.detect.importer.Format;
import org.firebreak.detect.importer.ImportSink;
import org.firebreak.detect.importer.Importers;
import org.firebreak.detect.importer.Problem;
import org.firebreak.policy.ImmigrationTextClassifier;

/** Imports a file or directory and runs every detector, as {@code firebreak detect} does. */
record Runs(List<AuditEvent> events, List<Problem> problems, List<Flag> flags) {

  static Runs of(Path input, Format format) {
    return of(input, format, Optional.empty());
  }

  static Runs of(Path input, Format format, Optional<ColumnMapping> mapping) {
    List<AuditEvent> events = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    List<Flag> flags = new ArrayList<>();
    Detection d = Detection.standard(new ImmigrationTextClassifier(), Settings.defaults());
    Importers.read(input, format, mapping, new ImportSink() {
      @Override
      public void event(AuditEvent e) {
        events.add(e);
        d.accept(e, flags::add);
      }

      @Override
      public void problem(Problem p) {
        problems.add(p);
      }
    });
    d.finish(flags::add);
    return new Runs(events, problems, flags);
  }

  List<Flag> by(String detector) {
    return flags.stream().filter(f -> f.detector().equals(detector)).toList();
  }

  List<Flag> on(String eventId) {
    return flags.stream().filter(f -> f.eventId().equals(eventId)).toList();
  }

  AuditEvent event(String id) {
    return events.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
  }
}
