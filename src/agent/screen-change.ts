/**
 * The after-action check: capture the screen again a moment after an action and measure how much
 * changed, so that a click that did nothing is reported (or thrown) instead of looping silently.
 */
import { GroundpointError, InvalidInputError, throwIfAborted, type GroundpointErrorOptions } from "../core/errors.js";
import type { Device, Screenshot } from "../actions/device.js";
import type { ScreenChange, ScreenChangeCheckOptions } from "./agent-types.js";
import type { CallScope } from "./call-scope.js";
import { screenDifference } from "./pixels.js";

/** Defaults of {@link ScreenChangeCheckOptions}: settle 300 ms, 50 changed pixels, report only. */
export const SCREEN_CHANGE_DEFAULTS = { settleMs: 300, minChangedPixels: 50, throwIfUnchanged: false } as const;

/** An action left the screen unchanged while `checkChange.throwIfUnchanged` was set. */
export class ActionHadNoEffectError extends GroundpointError {
  readonly screenChange: ScreenChange;
  constructor(message: string, screenChange: ScreenChange, options: GroundpointErrorOptions = {}) {
    super("no_effect", message, options);
    this.name = "ActionHadNoEffectError";
    this.screenChange = screenChange;
  }
  static override isInstance(error: unknown): error is ActionHadNoEffectError {
    return GroundpointError.isInstance(error) && error.code === "no_effect";
  }
}

/**
 * Checks and completes after-action check options; undefined when the check is off.
 * @throws InvalidInputError for a negative settle time or a pixel count under 1
 */
export function resolveScreenChangeCheck(options: boolean | ScreenChangeCheckOptions | undefined): Required<ScreenChangeCheckOptions> | undefined {
  if (options === undefined || options === false) return undefined;
  const resolved = { ...SCREEN_CHANGE_DEFAULTS, ...(options === true ? {} : options) };
  if (typeof resolved.settleMs !== "number" || !(resolved.settleMs >= 0)) {
    throw new InvalidInputError("checkChange.settleMs", `checkChange.settleMs must be a number of ms ≥ 0, got ${String(resolved.settleMs)}.`);
  }
  if (!Number.isInteger(resolved.minChangedPixels) || resolved.minChangedPixels < 1) {
    throw new InvalidInputError("checkChange.minChangedPixels", `checkChange.minChangedPixels must be an integer ≥ 1, got ${String(resolved.minChangedPixels)}.`);
  }
  return resolved;
}

/** Waits `settleMs`, captures the screen, and compares it with `before`. */
export async function checkScreenChange(
  device: Device,
  before: Screenshot,
  options: Required<ScreenChangeCheckOptions>,
  scope: CallScope,
): Promise<ScreenChange> {
  if (options.settleMs > 0) await new Promise((resolve) => setTimeout(resolve, options.settleMs));
  throwIfAborted(scope.signal);
  const after = await device.screenshot({ signal: scope.signal });
  const difference = screenDifference(before.image, after.image);
  const change: ScreenChange = {
    changed: difference.changedPixels >= options.minChangedPixels,
    changedPixels: difference.changedPixels,
    changedFraction: difference.changedFraction,
    changedBox: difference.changedBox,
  };
  scope.log(`after-action check: ${change.changed ? "screen changed" : "screen unchanged"} (${change.changedPixels} px, ${(change.changedFraction * 100).toFixed(3)} %)`);
  if (!change.changed && options.throwIfUnchanged) {
    throw new ActionHadNoEffectError(
      `the screen did not change within ${options.settleMs} ms of the action (${difference.changedPixels} px changed); the target may be disabled, covered, or the wrong element.`,
      change,
    );
  }
  return change;
}
