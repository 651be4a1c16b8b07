/**
 * The synthetic GUI engine on real Chromium: every family renders and yields annotated elements
 * whose boxes lie inside the image and hit their element, instructions are non-empty, negatives
 * name nothing on the page, and the same seed gives the same annotations and pixels.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAMILIES } from "../../tools/synth/families/index.js";
import { launchSynthBrowser } from "../../tools/synth/generate.js";
import { isAbsent } from "../../tools/synth/negatives.js";
import { PageSlot, renderScreen, type RenderedScreen } from "../../tools/synth/render-screen.js";
import { buildScreenSpec } from "../../tools/synth/screen-spec.js";

// Small viewports keep the run short; the layouts are the seeded ones.
const SMALL = { web: { width: 1024, height: 700 }, desktop: { width: 1024, height: 700 }, pro: { width: 1100, height: 720 }, mobile: { width: 390, height: 844 } } as const;
const MIN_ELEMENTS = 5;

let browser: Browser;
let slot: PageSlot;

beforeAll(async () => {
  browser = await launchSynthBrowser();
  slot = new PageSlot(browser);
});

afterAll(async () => {
  await slot?.close();
  await browser?.close();
});

async function hitIndex(page: Page, x: number, y: number): Promise<number> {
  return (await page.evaluate(`(() => { const hit = document.elementFromPoint(${x}, ${y}); const marked = hit && hit.closest("[data-gp]"); return marked ? Number(marked.getAttribute("data-gp")) : -1; })()`)) as number;
}

async function render(familyIndex: number, seed: number, deviceScaleFactor: number): Promise<{ rendered: RenderedScreen; page: Page }> {
  const family = FAMILIES[familyIndex];
  if (!family) throw new Error(`no family ${familyIndex}`);
  const viewport = SMALL[family.kind];
  const spec = buildScreenSpec(seed, familyIndex, FAMILIES, { viewport, deviceScaleFactor });
  const rendered = await renderScreen(slot, spec);
  return { rendered, page: await slot.page(deviceScaleFactor, viewport) };
}

describe("every family on Chromium", () => {
  it.each(FAMILIES.map((family, index) => [family.name, index] as const))("%s renders annotated elements that match the DOM", async (_name, index) => {
    const deviceScaleFactor = index % 3 === 0 ? 1.5 : 1;
    const { rendered, page } = await render(index, 11, deviceScaleFactor);
    const record = rendered.record;
    expect(record.width).toBe(Math.round(SMALL[FAMILIES[index]?.kind ?? "web"].width * deviceScaleFactor));
    expect(record.elements.length).toBeGreaterThanOrEqual(MIN_ELEMENTS);
    for (const element of record.elements) {
      const [x1, y1, x2, y2] = element.box;
      expect(x1).toBeGreaterThanOrEqual(0);
      expect(y1).toBeGreaterThanOrEqual(0);
      expect(x2).toBeLessThanOrEqual(record.width);
      expect(y2).toBeLessThanOrEqual(record.height);
      expect(x2 - x1).toBeGreaterThan(1);
      expect(y2 - y1).toBeGreaterThan(1);
      expect(element.instructions.length).toBeGreaterThan(0);
      for (const instruction of element.instructions) expect(instruction.trim()).not.toBe("");
    }
    // A box is right when the page, asked at the box centre (CSS px), answers with its element.
    const sample = record.elements.map((_, position) => position).filter((position) => position % 3 === 0);
    for (const position of sample) {
      const [x1, y1, x2, y2] = record.elements[position]?.box ?? [0, 0, 0, 0];
      const hit = await hitIndex(page, (x1 + x2) / 2 / deviceScaleFactor, (y1 + y2) / 2 / deviceScaleFactor);
      expect(hit, `element ${position} (${record.elements[position]?.role} "${record.elements[position]?.text}")`).toBe(rendered.elementIndices[position]);
    }
    expect(rendered.negatives.length).toBeGreaterThan(0);
    const onScreen = new Set(record.elements.flatMap((element) => element.instructions.map((text) => text.toLowerCase())));
    for (const negative of rendered.negatives) {
      expect(onScreen.has(negative.instruction.toLowerCase())).toBe(false);
      for (const subject of negative.subjects) expect(rendered.pageText.includes(` ${subject} `), `${negative.instruction}: "${subject}" is on the page`).toBe(false);
      for (const subject of negative.subjects) expect(isAbsent(subject, { text: rendered.pageText, iconNames: new Set(), actions: [] })).toBe(true);
    }
  });
});

describe("determinism", () => {
  it("the same seed gives the same annotations and the same pixels", async () => {
    const first = await render(4, 23, 1);
    const other = await render(9, 23, 1);
    const second = await render(4, 23, 1);
    expect(JSON.stringify(second.rendered.record)).toBe(JSON.stringify(first.rendered.record));
    expect(second.rendered.image.equals(first.rendered.image)).toBe(true);
    expect(JSON.stringify(other.rendered.record)).not.toBe(JSON.stringify(first.rendered.record));
  });
});
