/**
 * Checks of the arguments every device method shares, so a wrong value fails with a message that
 * says what to pass instead of landing a click somewhere unexpected.
 */
import type { LogicalPoint } from "../core/coordinates.js";
import { InvalidInputError } from "../core/errors.js";
import type { ClickOptions, MouseButton, Modifier } from "./device.js";

const buttons: readonly MouseButton[] = ["left", "right", "middle"];
const modifiers: readonly Modifier[] = ["Alt", "Control", "Meta", "Shift"];

/** Throws unless `point` is a finite `LogicalPoint` (an image-px point must be mapped first). */
export function checkLogicalPoint(call: string, parameter: string, point: LogicalPoint): void {
  const candidate = point as Partial<LogicalPoint> | undefined;
  if (candidate === undefined || candidate === null || typeof candidate !== "object") {
    throw new InvalidInputError(parameter, `${call}: ${parameter} must be a LogicalPoint { space: "logical", x, y }, got ${String(point)}.`);
  }
  if (candidate.space !== "logical") {
    throw new InvalidInputError(
      parameter,
      `${call}: ${parameter} is not in logical px (space is ${JSON.stringify(candidate.space)}); ` +
        "map a screenshot point with imageToLogical(point, screenshot.space) first.",
    );
  }
  if (!Number.isFinite(candidate.x) || !Number.isFinite(candidate.y)) {
    throw new InvalidInputError(parameter, `${call}: ${parameter} must have finite x and y, got (${String(candidate.x)}, ${String(candidate.y)}).`);
  }
}

/** Resolves the defaults of `ClickOptions` and rejects values no device can do. */
export function resolveClickOptions(call: string, options: ClickOptions): { button: MouseButton; clickCount: number; modifiers: readonly Modifier[] } {
  const button = options.button ?? "left";
  if (!buttons.includes(button)) {
    throw new InvalidInputError("button", `${call}: button must be "left", "right" or "middle", got ${JSON.stringify(button)}.`);
  }
  const clickCount = options.clickCount ?? 1;
  if (!Number.isInteger(clickCount) || clickCount < 1 || clickCount > 3) {
    throw new InvalidInputError("clickCount", `${call}: clickCount must be 1, 2 or 3 (click, double, triple), got ${String(clickCount)}.`);
  }
  const held = options.modifiers ?? [];
  for (const modifier of held) {
    if (!modifiers.includes(modifier)) {
      throw new InvalidInputError("modifiers", `${call}: modifiers must be among Alt, Control, Meta, Shift, got ${JSON.stringify(modifier)}.`);
    }
  }
  return { button, clickCount, modifiers: held };
}

/** Throws unless `value` is a finite number ≥ 0. */
export function checkNonNegative(call: string, parameter: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new InvalidInputError(parameter, `${call}: ${parameter} must be a finite number ≥ 0, got ${String(value)}.`);
  }
}

/** Splits `"Control+Shift+T"` into its keys; `"+"` alone and `"Control++"` mean the plus key. */
export function splitKeyCombination(call: string, keys: string): string[] {
  if (typeof keys !== "string" || keys.length === 0) {
    throw new InvalidInputError("keys", `${call}: keys must be a key name or a combination such as "Enter" or "Control+S", got ${JSON.stringify(keys)}.`);
  }
  const parts: string[] = [];
  let current = "";
  for (const character of keys) {
    if (character === "+" && current.length > 0) {
      parts.push(current);
      current = "";
    } else {
      current += character;
    }
  }
  if (current.length > 0) parts.push(current);
  return parts;
}
