/**
 * captureForModel on a real page that never holds still: waiting for a still screen times out after
 * 2 s, and the screen is captured as it is instead of failing the tool call.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserDevice } from "../../src/actions/browser-device.js";
import { captureForModel } from "../../src/mcp/capture-for-model.js";
import { ANTHROPIC_IMAGE_BUDGET } from "../../src/mcp/model-image-space.js";

let device: BrowserDevice;

beforeAll(async () => {
  device = await BrowserDevice.launch({ viewport: { width: 640, height: 400 } });
}, 60_000);

afterAll(async () => {
  await device?.close();
});

describe("captureForModel on a page that keeps changing", () => {
  it("captures after the settle wait gives up", async () => {
    await device.page.setContent(
      `<body style="margin:0"><div id="count" style="font:64px sans-serif">0</div>` +
        `<script>let n = 0; setInterval(() => { document.getElementById("count").textContent = String(++n); }, 40);</script></body>`,
    );
    const { shot, space } = await captureForModel(device, ANTHROPIC_IMAGE_BUDGET, { settleMs: 200 });
    expect([shot.image.width, shot.image.height]).toEqual([640, 400]);
    expect([space.width, space.height]).toEqual([640, 400]);
    expect(await device.page.evaluate(() => Number(document.getElementById("count")!.textContent))).toBeGreaterThan(0);
  }, 30_000);
});
