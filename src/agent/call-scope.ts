/**
 * The one choke point of every public call (Playwright's `_wrapApiCall`): it names the call,
 * enforces its timeout and signal, keeps a short call log, and rewrites errors so that each says
 * which call failed and what happened before (`agent.click("Save"): not found on screen …`).
 */
import { AbortError, GroundpointError, InvalidInputError, TimeoutError } from "../core/errors.js";
import type { Target } from "./agent-types.js";

/** What a call's body gets: the signal to pass down and a log to write to. */
export interface CallScope {
  /** The call as shown in messages, e.g. `agent.click("Save")`. */
  readonly label: string;
  /** Aborted when the caller's signal aborts or the timeout expires. */
  readonly signal: AbortSignal;
  /** Adds a line to the call log shown with errors (and kept in the report). */
  log(line: string): void;
  /** The lines logged so far. */
  readonly lines: readonly string[];
}

/** Formats a target for messages: strings quoted (and shortened), coordinates as `{x, y}`. */
export function describeTarget(target: Target | undefined): string {
  if (target === undefined) return "";
  if (typeof target === "string") {
    const short = target.length > 80 ? `${target.slice(0, 77)}...` : target;
    return JSON.stringify(short);
  }
  return `{ x: ${roundToTenth(target.x)}, y: ${roundToTenth(target.y)} }`;
}

/** Rounds to 0.1 (of a pixel), as call logs, messages and summaries print coordinates. */
export function roundToTenth(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Checks a target: a non-empty instruction or finite coordinates.
 * @throws InvalidInputError naming `parameter`
 */
export function validateTarget(target: unknown, parameter = "target"): Target {
  if (typeof target === "string") {
    if (target.trim() === "") {
      throw new InvalidInputError(parameter, `${parameter} is an empty instruction; name the element, e.g. "Save button".`);
    }
    return target;
  }
  if (typeof target === "object" && target !== null) {
    const { x, y } = target as { x?: unknown; y?: unknown };
    if (typeof x === "number" && typeof y === "number" && Number.isFinite(x) && Number.isFinite(y)) return { x, y };
  }
  throw new InvalidInputError(
    parameter,
    `${parameter} must be an instruction string or { x, y } in screenshot pixels, got ${safeString(target)}.`,
  );
}

/**
 * Checks a timeout: a finite number ≥ 0 (0 = no limit).
 * @throws InvalidInputError naming `timeout`
 */
export function validateTimeout(timeout: unknown): number {
  if (typeof timeout !== "number" || !Number.isFinite(timeout) || timeout < 0) {
    throw new InvalidInputError("timeout", `timeout must be a number of ms ≥ 0 (0 = no limit), got ${safeString(timeout)}.`);
  }
  return timeout;
}

function safeString(value: unknown): string {
  try {
    return typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

/**
 * Runs `body` as the public call `label`, under `timeout` ms (0 = none) and `signal`. The body
 * should pass `scope.signal` down; if it ignores it, the call still settles when the time is up.
 * Every error leaves with the label in front of its message and the call log after it; its class
 * and fields are kept, so `TargetNotFoundError.isInstance(error)` still holds.
 */
export async function runCall<T>(
  label: string,
  options: { timeout: number; signal: AbortSignal | undefined },
  body: (scope: CallScope) => Promise<T>,
): Promise<T> {
  const lines: string[] = [];
  const controller = new AbortController();
  const started = performance.now();
  const scope: CallScope = {
    label,
    signal: controller.signal,
    lines,
    log: (line) => {
      lines.push(`${Math.round(performance.now() - started)} ms: ${line}`);
    },
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    const fail = (error: GroundpointError): void => {
      controller.abort(error);
      reject(error);
    };
    if (options.signal?.aborted) {
      fail(new AbortError(undefined, { cause: options.signal.reason }));
      return;
    }
    onAbort = () => fail(new AbortError(undefined, { cause: options.signal?.reason }));
    options.signal?.addEventListener("abort", onAbort, { once: true });
    if (options.timeout > 0) {
      timer = setTimeout(() => {
        fail(
          new TimeoutError(
            options.timeout,
            `timed out after ${options.timeout} ms; raise the timeout option (0 = no limit) or use a faster grounder.`,
          ),
        );
      }, options.timeout);
    }
  });
  // The race may leave `stopped` rejected after the body won; nobody waits on it then.
  stopped.catch(() => undefined);
  try {
    return await Promise.race([body(scope), stopped]);
  } catch (error) {
    // A body that noticed the abort throws its own AbortError; report why we aborted instead.
    const reason = controller.signal.aborted ? (controller.signal.reason as unknown) : undefined;
    throw decorate(GroundpointError.isInstance(reason) ? reason : error, label, lines);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener("abort", onAbort);
  }
}

const decorated = Symbol.for("groundpoint.callLabel");

/** Prefixes an error's message with the call and appends the call log, once. */
function decorate(error: unknown, label: string, lines: readonly string[]): unknown {
  if (!(error instanceof Error)) return error;
  const record = error as Error & { [decorated]?: string; callLog?: readonly string[] };
  if (record[decorated] !== undefined) return error;
  record[decorated] = label;
  record.callLog = [...lines];
  const log = lines.length === 0 ? "" : `\nCall log:\n${lines.map((line) => `  - ${line}`).join("\n")}`;
  error.message = `${label}: ${error.message}${log}`;
  return error;
}
