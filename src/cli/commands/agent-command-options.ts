/**
 * Options shared by the agent commands (`locate`, `click`, `type`, `demo`): parsing with
 * `node:util` `parseArgs`, and turning the values into `AgentOptions`. {@link parseCommandLine}
 * parses every command's line (`model` and `inspect` too).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { InvalidInputError } from "../../core/errors.js";
import { roundToTenth } from "../../agent/call-scope.js";
import type { AgentOptions, CallResult } from "../../agent/agent-types.js";

/** The `parseArgs` options every agent command accepts. */
export const agentOptionSpecs = {
  model: { type: "string" },
  "max-crops": { type: "string" },
  timeout: { type: "string" },
  "zoom-refine": { type: "boolean" },
  report: { type: "string" },
  json: { type: "boolean" },
} as const;

/** Help lines for {@link agentOptionSpecs}. */
export const agentOptionsHelp = `  --model M        default | ocr | <model package folder> | http(s)://service (default: default = OCR)
  --max-crops N    crop budget of model grounders, 1..128   (default: the model's, 48)
  --timeout MS     give up after MS milliseconds, 0 = never (default 60000)
  --zoom-refine    locate again in a crop around the first point (screens wider than 1600 px)
  --report DIR     write an HTML report and a JSON trace into DIR`;

/** `parseArgs` with its TypeError (unknown option, missing value) turned into a usage error. */
export function parseCommandLine<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new InvalidInputError("argv", `${(error as Error).message}. See \`groundpoint ${command} --help\`.`);
  }
}

/** Parses the integer option `--name` (undefined when absent); a usage error below `minimum` or not an integer. */
export function integerOption(name: string, text: string | undefined, minimum: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    throw new InvalidInputError(name, `--${name} must be an integer ≥ ${minimum}, got ${JSON.stringify(text)}.`);
  }
  return value;
}

/** The report name of one run of `command`: the command and the time, e.g. `click-2026-01-31T10-00-00-000Z`. */
export function reportName(command: string): string {
  return `${command}-${new Date().toISOString().replace(/[:.]/g, "-")}`;
}

/** Turns the shared option values into agent options. */
export function agentOptionsFrom(values: Record<string, string | boolean | undefined>, command: string): AgentOptions {
  const maxCrops = integerOption("max-crops", values["max-crops"] as string | undefined, 1);
  const timeout = integerOption("timeout", values.timeout as string | undefined, 0);
  const report = values.report as string | undefined;
  return {
    ...(typeof values.model === "string" ? { model: values.model } : {}),
    ...(maxCrops === undefined ? {} : { maxCrops }),
    ...(timeout === undefined ? {} : { timeout }),
    ...(values["zoom-refine"] ? { zoomRefine: true } : {}),
    ...(report === undefined ? {} : { report: { dir: report, name: reportName(command) } }),
  };
}

/** One line saying where a call pointed: image px, logical px, confidence, grounder, time. */
export function describePoint(result: CallResult): string {
  const point = result.point;
  if (!point) return `${result.call}: no point`;
  const cache = result.cache.status === "hit" ? ", from the cache" : "";
  return (
    `(${roundToTenth(point.image.x)}, ${roundToTenth(point.image.y)}) image px = (${roundToTenth(point.logical.x)}, ${roundToTenth(point.logical.y)}) logical px` +
    `, confidence ${point.confidence.toFixed(2)}${point.matchedText === undefined ? "" : `, matched "${point.matchedText}"`}` +
    `, grounder ${result.grounder}${cache}, ${Math.round(result.timings.total ?? 0)} ms`
  );
}
