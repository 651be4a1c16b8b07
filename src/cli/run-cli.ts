import { GroundpointError } from "../core/errors.js";
import { commands } from "./commands.js";

/** One subcommand of the CLI. */
export interface CliCommand {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full `--help` text. */
  readonly help: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** Where a command writes; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

function usage(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `Usage: groundpoint <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nRun \`groundpoint <command> --help\` for a command's options.\n`;
}

/** Runs the CLI with the given arguments and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return name === undefined ? 1 : 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`groundpoint: unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(command.help.endsWith("\n") ? command.help : `${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (GroundpointError.isInstance(error)) {
      io.stderr(`groundpoint ${name}: ${error.message}\n`);
      return error.code === "invalid_input" ? 2 : 1;
    }
    throw error;
  }
}
