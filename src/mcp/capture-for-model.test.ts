import { describe, expect, it } from "vitest";
import { AbortError } from "../core/errors.js";
import { MemoryDevice } from "../testing/memory-device.js";
import { captureForModel } from "./capture-for-model.js";
import { ANTHROPIC_IMAGE_BUDGET, OPENAI_IMAGE_BUDGET } from "./model-image-space.js";

describe("captureForModel", () => {
  it.each([
    // screen (image px), budget, the model's image
    [2560, 1600, ANTHROPIC_IMAGE_BUDGET, 1356, 847],
    [2560, 1600, OPENAI_IMAGE_BUDGET, 1440, 900],
    [800, 600, ANTHROPIC_IMAGE_BUDGET, 800, 600],
  ])("captures %i×%i once and fits it to %o → %i×%i", async (width, height, budget, modelWidth, modelHeight) => {
    for (const settleMs of [0, 200]) {
      const device = new MemoryDevice({ width, height });
      const { shot, space } = await captureForModel(device, budget, { settleMs });
      expect(device.screenshots).toBe(1);
      expect([shot.image.width, shot.image.height]).toEqual([width, height]);
      expect(space).toMatchObject({ width: modelWidth, height: modelHeight, screenWidth: width, screenHeight: height });
    }
  });

  it.each([0, 200])("an aborted signal stops it before the capture (settleMs %i)", async (settleMs) => {
    const device = new MemoryDevice();
    const controller = new AbortController();
    controller.abort();
    await expect(captureForModel(device, ANTHROPIC_IMAGE_BUDGET, { settleMs, signal: controller.signal })).rejects.toSatisfy(AbortError.isInstance);
    expect(device.screenshots).toBe(0);
  });
});
