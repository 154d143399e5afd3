package org.firebreak.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a server with {@code wrk} (Debian's package): a closed loop of keep-alive connections from two C threads,
 * which leaves the shared cores to the server far more than a Java client does. A Lua script makes the requests and
 * checks every answer; {@code done} prints one line this class parses. A warm-up run precedes the measured one.
 */
final class Wrk {
  private static final Pattern LINE = Pattern.compile(
      "FIREBREAK ok=(\\d+) bad=(\\d+) p50=(\\d+) p90=(\\d+) p99=(\\d+) p999=(\\d+) us=(\\d+) first=(.*)");

  private final int connections;
  private final int warmupSeconds;
  private final int seconds;

  Wrk(int connections, int warmupSeconds, int seconds) {
    this.connections = connections;
    this.warmupSeconds = warmupSeconds;
    this.seconds = seconds;
  }

  static boolean available() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "wrk"))) {
        return true;
      }
    }
    return false;
  }

  /** Runs the warm-up, then the measured run, and returns what the measured run counted. */
  GatewayLoad.Result run(String name, URI base, String script) throws IOException, InterruptedException {
    Path lua = Files.createTempFile("firebreak-wrk", ".lua");
    try {
      Files.writeString(lua, script + COMMON, StandardCharsets.UTF_8);
      if (warmupSeconds > 0) {
        exec(base, lua, warmupSeconds);
      }
      long cpu0 = serverCpuNanos();
      long client0 = childrenCpuNanos();
      String out = exec(base, lua, seconds);
      long cpu = serverCpuNanos() - cpu0;
      long clientCpu = childrenCpuNanos() - client0;
      Matcher m = LINE.matcher(out);
      if (!m.find()) {
        throw new IllegalStateException("wrk printed no result line:\n" + out);
      }
      long ok = Long.parseLong(m.group(1));
      long bad = Long.parseLong(m.group(2));
      double runSeconds = Long.parseLong(m.group(7)) / 1e6;
      if (bad > 0) {
        System.out.println(name + " failed, first: " + m.group(8));
      }
      // The server runs in this JVM and wrk in its own process, so this JVM's CPU time is the server's: a figure
      // that other work on the machine disturbs far less than throughput.
      long n = Math.max(1, ok + bad);
      String latency = String.format("p50 %7.2f ms  p90 %7.2f  p99 %7.2f  p99.9 %7.2f  server CPU %,.0f us/req"
          + "  wrk CPU %,.0f us/req", us(m, 3), us(m, 4), us(m, 5), us(m, 6), cpu / 1e3 / n, clientCpu / 1e3 / n);
      return new GatewayLoad.Result(name, ok, bad, runSeconds, latency, Long.parseLong(m.group(3)) * 1000,
          Long.parseLong(m.group(5)) * 1000);
    } finally {
      Files.deleteIfExists(lua);
    }
  }

  static long serverCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /**
   * CPU time of this JVM's finished and waited-for child processes (Linux {@code /proc/self/stat} cutime + cstime):
   * around one wrk run, what the load generator itself cost.
   */
  static long childrenCpuNanos() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // Fields after the command name, which is in parentheses and may hold spaces: cutime and cstime are 16 and 17.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[13]) + Long.parseLong(f[14]);
      return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static double us(Matcher m, int group) {
    return Long.parseLong(m.group(group)) / 1000.0;
  }

  private String exec(URI base, Path lua, int duration) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of("wrk", "-t2", "-c" + connections, "-d" + duration + "s",
        "--timeout", "10s", "-s", lua.toString(), base.toString())).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("wrk failed:\n" + out);
    }
    return out;
  }

  /**
   * The mix: {@code icePercent}% ICE ERO civil-immigration requests for a licence's home address and DMV
   * record (DENY), the rest local police violent-crime requests with a case number (PERMIT). An answer counts only
   * when it is 2xx and carries a receipt with its checkpoint and inclusion proof.
   */
  static String requestsScript(String officerToken, String agentToken, int icePercent, int records) {
    return """
        local officer, agent = "%s", "%s"
        local ice, records = %d, %d
        local need_receipt = true
        local n = 0
        function request()
          n = n + 1
          local lic = string.format("D%%07d", math.random(0, records - 1))
          if math.random(100) <= ice then
            return wrk.format("POST", "/v1/requests", {["Authorization"] = "Bearer " .. agent,
              ["Content-Type"] = "application/json"},
              '{"purpose":"CIVIL_IMMIGRATION_ENFORCEMENT","caseNumber":"26-' .. n ..
              '","sources":["ca-dmv"],"query":{"license":"' .. lic ..
              '"},"categories":["address.home","dmv.record"]}')
          end
          return wrk.format("POST", "/v1/requests", {["Authorization"] = "Bearer " .. officer,
            ["Content-Type"] = "application/json"},
            '{"purpose":"VIOLENT_CRIME","justification":"armed robbery suspect","caseNumber":"SF-26-' .. n ..
            '","sources":["ca-dmv"],"query":{"license":"' .. lic .. '"}}')
        end
        """.formatted(officerToken, agentToken, icePercent, records);
  }

  static String healthzScript() {
    return """
        local need_receipt = false
        function request()
          return wrk.format("GET", "/healthz")
        end
        """;
  }

  /** Counting and the result line, shared by both scripts ({@code need_receipt} is the script's own local). */
  private static final String COMMON = """
      local threads = {}
      local counter = 0
      function setup(thread)
        counter = counter + 1
        thread:set("seed", counter)
        table.insert(threads, thread)
      end
      ok, bad, first = 0, 0, ""
      function init(args)
        math.randomseed(seed * 7919 + os.time())
      end
      function response(status, headers, body)
        local good = status >= 200 and status < 300
        if good and need_receipt then
          good = string.find(body, '"inclusionProof":', 1, true) ~= nil and
                 string.find(body, '"checkpoint":', 1, true) ~= nil
        end
        if good then ok = ok + 1 else
          bad = bad + 1
          if first == "" then first = status .. " " .. string.sub(body, 1, 300) end
        end
      end
      function done(summary, latency, requests)
        local o, b, f = 0, 0, ""
        for _, t in ipairs(threads) do
          o = o + t:get("ok")
          b = b + t:get("bad")
          if f == "" then f = t:get("first") end
        end
        -- status errors (non-2xx) are counted by response() already
        b = b + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
        io.write(string.format("FIREBREAK ok=%d bad=%d p50=%d p90=%d p99=%d p999=%d us=%d first=%s\\n",
          o, b, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
          summary.duration, string.gsub(f, "\\n", " ")))
      end
      """;
}
