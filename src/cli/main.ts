/**
 * `groundpoint` command line. Each subcommand lives in its own file under `src/cli/commands/` and
 * registers itself in `commands.ts`.
 */
import { runCli } from "./run-cli.js";

process.exitCode = await runCli(process.argv.slice(2));
