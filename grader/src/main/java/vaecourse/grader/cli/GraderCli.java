package vaecourse.grader.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the grader jar. */
@Command(
    name = "vae-grader",
    mixinStandardHelpOptions = true,
    version = "vae-grader 1.0.0",
    description = "Makes student notebooks, checks one before submission, grades submissions.",
    subcommands = {
      GenerateCommand.class,
      ValidateCommand.class,
      GradeCommand.class,
      MergeCommand.class,
      BenchCommand.class,
      CalibrateCommand.class,
      MutantsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class GraderCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its status (tests call this). */
  public static int run(String... args) {
    return new CommandLine(new GraderCli()).execute(args);
  }
}
