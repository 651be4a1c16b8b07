/**
 * `groundpoint type "<instruction>" "<text>"`: clicks the field the instruction names on the
 * desktop and types the text.
 */
import { InvalidInputError } from "../../core/errors.js";
import type { CliCommand } from "../run-cli.js";
import { agentOptionSpecs, agentOptionsHelp, describePoint, parseCommandLine } from "./agent-command-options.js";
import { desktopOptionSpecs, desktopOptionsHelp, finishDesktopAction, openDesktopAgent } from "./click.js";

const help = `Usage: groundpoint type "<instruction>" "<text>" [options]

Finds the field the instruction names on the desktop, clicks it and types the text.

  --clear          select all and delete before typing
${desktopOptionsHelp}
${agentOptionsHelp}
  --json           print the result as one JSON object

Exit status: 0 typed, 1 not found (or no change with --check-change), 2 bad usage.
`;

/** The `type` command. */
export const typeCommand: CliCommand = {
  name: "type",
  summary: "click a field of the desktop named by an instruction and type text into it",
  help,
  async run(argv, io) {
    const { positionals, values } = parseCommandLine("type", {
      args: [...argv],
      allowPositionals: true,
      options: { ...agentOptionSpecs, ...desktopOptionSpecs, clear: { type: "boolean" } },
    });
    const [instruction, text, ...extra] = positionals;
    if (instruction === undefined || text === undefined || extra.length > 0) {
      throw new InvalidInputError("argv", 'pass an instruction and the text: groundpoint type "<instruction>" "<text>". See `groundpoint type --help`.');
    }
    const agent = await openDesktopAgent(values, "type");
    try {
      const result = await agent.type(instruction, text, values.clear ? { clear: true } : {});
      const summary = `${result.dryRun ? "would type" : "typed"} ${text.length} character(s) into ${JSON.stringify(instruction)} at ${describePoint(result)}`;
      return finishDesktopAction(agent, result, values.json, io, "type", summary, "typing");
    } finally {
      await agent.close();
    }
  },
};
