import { clickCommand } from "./commands/click.js";
import { demoCommand } from "./commands/demo.js";
import { evalCommand } from "./commands/eval.js";
import { inspectCommand } from "./commands/inspect.js";
import { locateCommand } from "./commands/locate.js";
import { mcpCommand } from "./commands/mcp.js";
import { modelCommand } from "./commands/model.js";
import { typeCommand } from "./commands/type.js";
import type { CliCommand } from "./run-cli.js";

/**
 * Every CLI subcommand, in the order `groundpoint --help` lists them. Add a command by writing
 * `src/cli/commands/<name>.ts` (exporting a `CliCommand`) and listing it here.
 */
export const commands: readonly CliCommand[] = [demoCommand, locateCommand, clickCommand, typeCommand, modelCommand, evalCommand, inspectCommand, mcpCommand];
