/**
 * One screenshot for a computer-use model: optionally wait for the screen to settle, capture it, and
 * fit it to the model's image budget. Shared by {@link ComputerSession} and `ToolRunner`.
 */
import type { Device, Screenshot } from "../actions/device.js";
import { TimeoutError } from "../core/errors.js";
import { fitToBudget, type ImageBudget, type ModelImageSpace } from "./model-image-space.js";

/** Longest wait for a still screen before capturing anyway, ms. */
const SETTLE_TIMEOUT_MS = 2000;

/** Options of {@link captureForModel}. */
export interface CaptureForModelOptions {
  /** First wait until the screen is still for this long, ms (bounded by 2 s). Default 0: capture at once. */
  settleMs?: number;
  /** Cancels the wait and the capture. Default none. */
  signal?: AbortSignal;
}

/** A screenshot and the model's image space of it. */
export interface ModelCapture {
  readonly shot: Screenshot;
  readonly space: ModelImageSpace;
}

/** Captures `device`'s screen and fits it to `budget`. */
export async function captureForModel(device: Device, budget: ImageBudget, options: CaptureForModelOptions = {}): Promise<ModelCapture> {
  const signalOption = options.signal === undefined ? {} : { signal: options.signal };
  const settleMs = options.settleMs ?? 0;
  if (settleMs > 0) {
    try {
      await device.waitForStable({ quietMs: settleMs, timeout: SETTLE_TIMEOUT_MS, ...signalOption });
    } catch (error) {
      // A screen that keeps changing (a spinner, a video) is captured as it is.
      if (!TimeoutError.isInstance(error)) throw error;
    }
  }
  const shot = await device.screenshot(signalOption);
  return { shot, space: fitToBudget(shot.image.width, shot.image.height, budget) };
}
