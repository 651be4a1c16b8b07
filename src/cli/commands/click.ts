/**
 * `groundpoint click "<instruction>"`: clicks what the instruction names on the desktop.
 */
import { Agent } from "../../agent/agent.js";
import type { CallResult } from "../../agent/agent-types.js";
import { InvalidInputError } from "../../core/errors.js";
import type { CliCommand, CliIo } from "../run-cli.js";
import { agentOptionSpecs, agentOptionsFrom, agentOptionsHelp, describePoint, parseCommandLine } from "./agent-command-options.js";

/** Options of the desktop commands (`click`, `type`) beyond the shared ones. */
export const desktopOptionSpecs = {
  display: { type: "string" },
  "dry-run": { type: "boolean" },
  "check-change": { type: "boolean" },
} as const;

/** Help lines for {@link desktopOptionSpecs}. */
export const desktopOptionsHelp = `  --display D      which display: its name (xrandr monitor) or index (default: the primary)
  --dry-run        locate and print, but do not touch the pointer or keyboard
  --check-change   report whether the screen changed after the action (exit 1 if it did not)`;

function displayOf(text: string | undefined): string | number | undefined {
  if (text === undefined) return undefined;
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** Opens the desktop agent for a desktop command. */
export async function openDesktopAgent(values: Record<string, string | boolean | undefined>, command: string): Promise<Agent> {
  const display = displayOf(values.display as string | undefined);
  return Agent.forDesktop({
    ...agentOptionsFrom(values, command),
    ...(values["dry-run"] ? { dryRun: true } : {}),
    ...(values["check-change"] ? { checkChange: true } : {}),
    ...(display === undefined ? {} : { device: { display } }),
  });
}

/**
 * Prints a desktop command's result (`summary`, or the JSON with `--json`) and the report path;
 * returns the exit status: 1 when `--check-change` saw no change after `action`, else 0.
 */
export function finishDesktopAction(agent: Agent, result: CallResult, json: boolean | undefined, io: CliIo, command: string, summary: string, action: string): number {
  io.stdout(`${json ? JSON.stringify(result) : summary}\n`);
  if (result.screenChange && !result.screenChange.changed) {
    io.stderr(`groundpoint ${command}: the screen did not change after ${action}.\n`);
    return 1;
  }
  if (agent.report) io.stdout(`report: ${agent.report.html}\n`);
  return 0;
}

const help = `Usage: groundpoint click "<instruction>" [options]

Takes a screenshot of the desktop, finds what the instruction names, and clicks it (X11 or Xvfb:
DISPLAY must be set; macOS and Windows through nut.js).

  --double         double-click
  --right          right-click
${desktopOptionsHelp}
${agentOptionsHelp}
  --json           print the result as one JSON object

Exit status: 0 clicked, 1 not found (or no change with --check-change), 2 bad usage.
`;

/** The `click` command. */
export const clickCommand: CliCommand = {
  name: "click",
  summary: "click an element of the desktop named by an instruction",
  help,
  async run(argv, io) {
    const { positionals, values } = parseCommandLine("click", {
      args: [...argv],
      allowPositionals: true,
      options: { ...agentOptionSpecs, ...desktopOptionSpecs, double: { type: "boolean" }, right: { type: "boolean" } },
    });
    const [instruction, ...extra] = positionals;
    if (instruction === undefined || extra.length > 0) {
      throw new InvalidInputError("argv", 'pass one instruction: groundpoint click "<instruction>". See `groundpoint click --help`.');
    }
    const agent = await openDesktopAgent(values, "click");
    try {
      const result = values.double ? await agent.doubleClick(instruction) : values.right ? await agent.rightClick(instruction) : await agent.click(instruction);
      const summary = `${result.dryRun ? "would click" : "clicked"} ${JSON.stringify(instruction)} at ${describePoint(result)}`;
      return finishDesktopAction(agent, result, values.json, io, "click", summary, "the click");
    } finally {
      await agent.close();
    }
  },
};
