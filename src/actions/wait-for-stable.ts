/**
 * "The screen stopped changing": polls a cheap fingerprint of the screen (a hash of the encoded or
 * raw capture) until it stays the same for a quiet period. Shared by every device, so the agent
 * never acts on a half-drawn screen (ANCHORS.md pain point 5).
 */
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { InvalidInputError, TimeoutError, throwIfAborted } from "../core/errors.js";
import type { WaitForStableOptions } from "./device.js";

/** Default of `WaitForStableOptions.timeout`. */
export const DEFAULT_STABLE_TIMEOUT_MS = 5000;
/** Default of `WaitForStableOptions.quietMs`. */
export const DEFAULT_QUIET_MS = 300;

/** A short hash of captured bytes: equal screens give equal fingerprints. */
export function fingerprintBytes(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("hex");
}

/**
 * Polls `fingerprint()` until it returns the same value for `quietMs`.
 *
 * @param what the device, for the error message (`"browser page"`, `"display :99/LEFT"`)
 * @throws TimeoutError after `timeout` ms (default 5000; 0 = no limit), AbortError on `signal`.
 */
export async function waitUntilStable(
  what: string,
  fingerprint: () => Promise<string>,
  options: WaitForStableOptions = {},
): Promise<void> {
  const timeout = options.timeout ?? DEFAULT_STABLE_TIMEOUT_MS;
  const quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
  if (!Number.isFinite(timeout) || timeout < 0) {
    throw new InvalidInputError("timeout", `waitForStable: timeout must be a number of ms ≥ 0 (0 = no limit), got ${String(timeout)}.`);
  }
  if (!Number.isFinite(quietMs) || quietMs < 0) {
    throw new InvalidInputError("quietMs", `waitForStable: quietMs must be a number of ms ≥ 0, got ${String(quietMs)}.`);
  }
  // Poll a few times per quiet period, but not so often that capturing hogs the CPU.
  const pollMs = Math.min(100, Math.max(20, quietMs / 3));
  const started = performance.now();
  let previous = await fingerprint();
  let unchangedSince = performance.now();
  let changes = 0;
  for (;;) {
    throwIfAborted(options.signal);
    if (performance.now() - unchangedSince >= quietMs) return;
    if (timeout > 0 && performance.now() - started >= timeout) {
      throw new TimeoutError(
        timeout,
        `waitForStable: the ${what} kept changing for ${timeout} ms (${changes} changes seen; it needs ${quietMs} ms without change). ` +
          "Something on screen animates (a spinner, a video, a blinking element): raise timeout, lower quietMs, or act without waiting.",
      );
    }
    await sleep(pollMs);
    const current = await fingerprint();
    if (current !== previous) {
      previous = current;
      unchangedSince = performance.now();
      changes += 1;
    }
  }
}
