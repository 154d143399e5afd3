package org.firebreak.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One line on the machine a figure was measured on: cores, CPU model, JDK, the file system of the log, load. */
final class Machine {
  private Machine() {}

  static String describe(Path dir) {
    String cpu = "?";
    String load = "?";
    String fs = "?";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
      load = Files.readString(Path.of("/proc/loadavg")).strip();
      // The longest mount point that holds dir.
      Path real = dir.toRealPath();
      String best = "";
      for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
        List<String> f = List.of(line.split(" "));
        if (f.size() > 3 && real.startsWith(f.get(1)) && f.get(1).length() >= best.length()) {
          best = f.get(1);
          fs = f.get(0) + " " + f.get(2) + " on " + f.get(1) + " (" + f.get(3) + ")";
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: leave the question marks
    }
    return String.format("machine: %d cores (availableProcessors), %s; %s %s (%s); log directory %s on %s; "
            + "load average %s", Runtime.getRuntime().availableProcessors(), cpu, System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"), dir, fs, load);
  }
}
