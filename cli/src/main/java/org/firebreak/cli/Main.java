package org.firebreak.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import org.firebreak.core.error.FirebreakException;
import org.firebreak.core.json.StrictJson;
import org.firebreak.policy.Policy;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code firebreak} command. Wiring for the CLI application lives here and nowhere else. */
@Command(name = "firebreak", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Decides requests for locally collected data by the law of the data's origin, and proves it.",
    subcommands = {PolicyCommand.class, LedgerCommand.class, ServeCommand.class, IngestCommand.class,
        RequestCommand.class, DemoCommand.class, DetectCommand.class, ReportCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /** Exit code for bad input: a file, field or option that is wrong. */
  static final int BAD_INPUT = 2;
  /** Exit code for an internal failure, reported without a stack trace. */
  static final int INTERNAL = 3;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int exit = run(args, out, err);
    out.flush();
    err.flush();
    System.exit(exit);
  }

  /** Runs the command line with the given streams and returns the exit code (tests call this). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Policy policy = new Policy(new StrictJson());
    CommandLine cl = new CommandLine(new Main(), new Factory(policy));
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("firebreak: " + ex.getMessage() + " (see: firebreak " + commandPath(ex.getCommandLine())
          + "--help)");
      return BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof FirebreakException fe) {
        err.println("firebreak: " + fe.code().slug() + ": " + oneLine(fe.getMessage()));
        return BAD_INPUT;
      }
      err.println("firebreak: internal error: " + ex.getClass().getSimpleName()
          + (ex.getMessage() == null ? "" : ": " + oneLine(ex.getMessage())));
      return INTERNAL;
    });
    return cl.execute(args);
  }

  private static String commandPath(CommandLine cl) {
    StringBuilder sb = new StringBuilder();
    for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
      sb.insert(0, c.getCommandName() + " ");
    }
    return sb.toString();
  }

  static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }

  /** Creates command objects with the application's wiring. */
  private record Factory(Policy policy) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == PolicyCommand.class) {
        return cls.cast(new PolicyCommand(policy));
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }

  /** The version from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("/firebreak.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"firebreak " + p.getProperty("version", "unknown"),
          "Java " + System.getProperty("java.version")};
    }
  }
}
