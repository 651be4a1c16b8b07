import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/core/errors.js";
import type { Box, RgbImage } from "../../src/core/image.js";
import { createOcrGrounder, type OcrGrounder } from "../../src/grounders/ocr-grounder.js";
import { decodeImage } from "../../src/image/decode-image.js";
import { launchChromium, variedTextPage } from "./dom-text-page.js";

// A full OCR read takes seconds; on a shared 2-core machine under load, tens of seconds.
describe("OcrGrounder on a Chromium-rendered page", { timeout: 300_000 }, () => {
  let browser: Browser;
  let grounder: OcrGrounder;
  let image: RgbImage;
  const boxes = new Map<string, Box>();

  beforeAll(async () => {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
    await page.setContent(variedTextPage);
    await page.evaluate(() => document.fonts.ready);
    const targets = {
      save: page.getByRole("button", { name: "Save" }),
      cancel: page.getByRole("button", { name: "Cancel" }),
      remember: page.getByText("Remember me"),
      billing: page.getByText("Billing and payments"),
      export: page.getByRole("button", { name: "Export PDF" }),
    };
    for (const [name, locator] of Object.entries(targets)) {
      const box = await locator.boundingBox();
      if (box === null) throw new Error(`${name} is not on the test page`);
      boxes.set(name, { x1: box.x, y1: box.y, x2: box.x + box.width, y2: box.y + box.height });
    }
    image = await decodeImage(await page.screenshot({ type: "png" }));
    await page.close();
    grounder = await createOcrGrounder();
  }, 300_000);

  afterAll(async () => {
    await grounder?.dispose();
    await browser?.close();
  }, 60_000);

  const cases: { instruction: string; target: string }[] = [
    { instruction: "Save", target: "save" },
    { instruction: "the Cancel button", target: "cancel" },
    { instruction: "Remember me", target: "remember" },
    { instruction: "click on 'Billing and payments'", target: "billing" },
    { instruction: "press the export pdf button", target: "export" },
  ];
  for (const testCase of cases) {
    it(`points inside the element for "${testCase.instruction}"`, async () => {
      const result = await grounder.locate(image, testCase.instruction);
      const box = boxes.get(testCase.target) as Box;
      const [point] = result.points;
      expect(result.notFound).toBe(false);
      expect(point).toBeDefined();
      expect(point?.x).toBeGreaterThanOrEqual(box.x1);
      expect(point?.x).toBeLessThanOrEqual(box.x2);
      expect(point?.y).toBeGreaterThanOrEqual(box.y1);
      expect(point?.y).toBeLessThanOrEqual(box.y2);
      expect(point?.confidence).toBeGreaterThan(0.7);
    });
  }

  it("answers not-found for a target that is not on the page", async () => {
    const result = await grounder.locate(image, "the Purchase subscription button");
    expect(result.notFound).toBe(true);
    expect(result.points).toEqual([]);
  });

  it("reuses the OCR of the unchanged screen for a second instruction", async () => {
    // Its own first read, so the test does not lean on the tests above having run.
    await grounder.locate(image, "Save");
    const result = await grounder.locate(image, "Cancel");
    expect(result.timings["ocr.detect"]).toBeUndefined();
    expect(result.points).toHaveLength(1);
  });

  it("rejects an empty instruction, saying what to pass", async () => {
    await expect(grounder.locate(image, "  ")).rejects.toSatisfy(
      (error: unknown) => InvalidInputError.isInstance(error) && error.parameter === "instruction" && /say what to point at/.test(error.message),
    );
  });
});
