/**
 * A grounder that answers from a script instead of a model, for tests of code built on groundpoint
 * (the way the AI SDK ships `MockLanguageModel` in `ai/test`). It records every call so that a test
 * can assert whether the model would have run (e.g. that a cache hit skipped it).
 */
import { throwIfAborted } from "../core/errors.js";
import type { Grounder, LocatedPoint, LocateOptions, LocateResult } from "../core/grounder.js";
import type { RgbImage } from "../core/image.js";

/** One scripted answer: a point, several points, or `"notFound"`. */
export type ScriptedAnswer =
  | { readonly x: number; readonly y: number; readonly confidence?: number }
  | readonly { readonly x: number; readonly y: number; readonly confidence?: number }[]
  | "notFound";

/** How the scripted grounder answers an instruction: a fixed answer or a function of the image. */
export type ScriptedEntry = ScriptedAnswer | ((image: RgbImage, instruction: string) => ScriptedAnswer);

/** One recorded `locate` call. */
export interface ScriptedGrounderCall {
  readonly instruction: string;
  readonly width: number;
  readonly height: number;
  readonly options: Omit<LocateOptions, "signal">;
}

/** Options of {@link createScriptedGrounder}. */
export interface ScriptedGrounderOptions {
  /** Name shown in results and reports. Default `"scripted"`. */
  name?: string;
  /** Reported as the `total` timing of every call, in ms. Default 0. */
  latencyMs?: number;
}

/** A {@link Grounder} that also exposes the calls it received. */
export interface ScriptedGrounder extends Grounder {
  /** Every `locate` call so far, oldest first. */
  readonly calls: readonly ScriptedGrounderCall[];
  /** Replaces (or adds) the answer for one instruction. */
  script(instruction: string, entry: ScriptedEntry): void;
}

/**
 * Creates a grounder that answers `locate` from `script`: the entry whose key equals the
 * instruction (case-insensitive, trimmed), or "not found" for instructions it does not know, as a
 * real grounder answers for a target that is not on screen. Points are in image px and are clamped
 * to the image; `maxPoints` is honoured.
 *
 * @example
 * const grounder = createScriptedGrounder({ "Save button": { x: 120, y: 40 }, "Help": "notFound" });
 */
export function createScriptedGrounder(
  script: Readonly<Record<string, ScriptedEntry>> = {},
  options: ScriptedGrounderOptions = {},
): ScriptedGrounder {
  const entries = new Map<string, ScriptedEntry>();
  for (const [instruction, entry] of Object.entries(script)) entries.set(normalise(instruction), entry);
  const calls: ScriptedGrounderCall[] = [];
  const latencyMs = options.latencyMs ?? 0;
  return {
    name: options.name ?? "scripted",
    calls,
    script(instruction, entry) {
      entries.set(normalise(instruction), entry);
    },
    async locate(image, instruction, locateOptions = {}): Promise<LocateResult> {
      throwIfAborted(locateOptions.signal);
      const { signal: _signal, ...recorded } = locateOptions;
      calls.push({ instruction, width: image.width, height: image.height, options: recorded });
      const entry = entries.get(normalise(instruction)) ?? "notFound";
      const answer = typeof entry === "function" ? entry(image, instruction) : entry;
      const timings = { total: latencyMs };
      if (answer === "notFound") return { points: [], notFound: true, timings };
      const list = Array.isArray(answer) ? answer : [answer as { x: number; y: number; confidence?: number }];
      const points: LocatedPoint[] = list.slice(0, locateOptions.maxPoints ?? 1).map((point) => ({
        x: Math.min(Math.max(point.x, 0), image.width - 1),
        y: Math.min(Math.max(point.y, 0), image.height - 1),
        confidence: point.confidence ?? 1,
      }));
      return { points, notFound: points.length === 0, timings };
    },
  };
}

function normalise(instruction: string): string {
  return instruction.trim().toLowerCase();
}
