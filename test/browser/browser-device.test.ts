/**
 * BrowserDevice against real Chromium: at device scale factors 1, 1.25, 1.5 and 2 (and with CSS
 * zoom and pinch zoom) every small target, found in the screenshot by its colour, is hit by a click
 * at its image-pixel centre mapped through imageToLogical. No mocks: Debian's Chromium, a local page.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserDevice } from "../../src/actions/browser-device.js";
import { launchBrowser } from "../../src/actions/launch-browser.js";
import { imageToLogical, type LogicalPoint } from "../../src/core/coordinates.js";
import { AbortError, DeviceError, InvalidInputError, TimeoutError } from "../../src/core/errors.js";
import type { RgbImage } from "../../src/core/image.js";
import { makeTargets, type Target } from "./fixtures/targets-page.js";

interface RecordedEvent {
  type: string;
  target: string;
  button: number;
  detail: number;
  x: number;
  y: number;
  shift: boolean;
  key: string;
  deltaY: number;
}

const { targets, html } = makeTargets();
let browser: Browser;

beforeAll(async () => {
  ({ browser } = await launchBrowser());
});
afterAll(async () => {
  await browser?.close();
});

async function openPage(deviceScaleFactor: number): Promise<{ page: Page; device: BrowserDevice }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor });
  const page = await context.newPage();
  await page.setContent(html);
  return { page, device: new BrowserDevice(page) };
}

/** Centroid and count of the pixels painted exactly in each target's colour: where it is in the image. */
function locateTargets(image: RgbImage, wanted: readonly Target[]): Map<string, { x: number; y: number; count: number }> {
  const byColor = new Map<number, { id: string; sumX: number; sumY: number; count: number }>();
  for (const target of wanted) byColor.set((target.color[0] << 16) | (target.color[1] << 8) | target.color[2], { id: target.id, sumX: 0, sumY: 0, count: 0 });
  const { width, height, data } = image;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 3;
      const entry = byColor.get((data[offset]! << 16) | (data[offset + 1]! << 8) | data[offset + 2]!);
      if (entry !== undefined) {
        entry.sumX += x;
        entry.sumY += y;
        entry.count += 1;
      }
    }
  }
  // +0.5: the centre of a pixel, so a centroid of pixel indices becomes a position in image px.
  return new Map(
    [...byColor.values()].map((entry) => [entry.id, { x: entry.sumX / Math.max(entry.count, 1) + 0.5, y: entry.sumY / Math.max(entry.count, 1) + 0.5, count: entry.count }]),
  );
}

async function events(page: Page): Promise<RecordedEvent[]> {
  return page.evaluate(() => (window as unknown as { events: RecordedEvent[] }).events.splice(0));
}

/** Clicks every visible target at its colour centroid; returns the ids that the click landed on. */
async function clickAllTargets(page: Page, device: BrowserDevice, visible: readonly Target[]): Promise<{ hits: number; misses: string[] }> {
  const shot = await device.screenshot();
  const located = locateTargets(shot.image, visible);
  let hits = 0;
  const misses: string[] = [];
  for (const target of visible) {
    const found = located.get(target.id)!;
    expect(found.count, `${target.id} is visible in the screenshot`).toBeGreaterThan(0);
    await device.click(imageToLogical(found, shot.space));
    const clicks = (await events(page)).filter((event) => event.type === "click");
    if (clicks.length === 1 && clicks[0]?.target === target.id) hits += 1;
    else misses.push(`${target.id}→${clicks.map((event) => event.target).join(",")}`);
  }
  return { hits, misses };
}

describe.each([1, 1.25, 1.5, 2])("BrowserDevice at deviceScaleFactor %s", (scale) => {
  it("captures the viewport in device px and each target sits at its DOM rect × dpr", async () => {
    const { page, device } = await openPage(scale);
    const shot = await device.screenshot();
    expect(shot.image.width).toBe(Math.round(1280 * scale));
    expect(shot.image.height).toBe(Math.round(800 * scale));
    expect(shot.space.scaleFactor).toBe(scale);
    expect(shot.image.data.length).toBe(shot.image.width * shot.image.height * 3);
    const rects = await page.evaluate(() =>
      Object.fromEntries(Array.from(document.querySelectorAll(".target")).map((element) => {
        const rect = element.getBoundingClientRect();
        return [element.id, { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }];
      })),
    );
    const located = locateTargets(shot.image, targets);
    for (const target of targets) {
      const found = located.get(target.id)!;
      const rect = rects[target.id]!;
      // Edge pixels at fractional scales are blended and excluded from the exact-colour centroid,
      // which can move it by up to half a device pixel per side: 1 px tolerance.
      expect(Math.abs(found.x - rect.x * scale), target.id).toBeLessThanOrEqual(1);
      expect(Math.abs(found.y - rect.y * scale), target.id).toBeLessThanOrEqual(1);
    }
    await page.context().close();
  });

  it("hits every target when clicking its image-pixel centre mapped through imageToLogical (100 %)", async () => {
    const { page, device } = await openPage(scale);
    const { hits, misses } = await clickAllTargets(page, device, targets);
    expect(misses).toEqual([]);
    expect(hits).toBe(targets.length);
    await page.context().close();
  });
});

describe("BrowserDevice with page zoom", () => {
  it("CSS zoom on the page: rects and the mouse stay in viewport CSS px, every target is hit", async () => {
    const { page, device } = await openPage(1.25);
    await page.evaluate(() => {
      document.documentElement.style.zoom = "1.5";
    });
    const shot = await device.screenshot();
    expect(shot.space.scaleFactor).toBe(1.25);
    const located = locateTargets(shot.image, targets);
    const visible = targets.filter((target) => located.get(target.id)!.count > 0);
    expect(visible.length).toBeGreaterThan(20);
    const { misses } = await clickAllTargets(page, device, visible);
    expect(misses).toEqual([]);
    await page.context().close();
  });

  it("pinch zoom (visual viewport scale 2, panned): the screenshot shows the visual viewport and clicks still hit", async () => {
    const { page, device } = await openPage(1.5);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setPageScaleFactor", { pageScaleFactor: 2 });
    // Pan the visual viewport away from the origin so that the offset matters.
    await page.mouse.move(900, 300);
    await page.mouse.wheel(150, 120);
    // The wheel pans asynchronously (compositor): wait for the visual viewport to move.
    await page.waitForFunction(() => visualViewport!.offsetLeft > 0 && visualViewport!.offsetTop > 0, undefined, { timeout: 30_000 });
    const view = await page.evaluate(() => ({ scale: visualViewport!.scale, left: visualViewport!.offsetLeft, top: visualViewport!.offsetTop, scrollY }));
    expect(view.scale).toBe(2);
    expect(view.left).toBeGreaterThan(0);
    expect(view.top).toBeGreaterThan(0);
    const shot = await device.screenshot();
    expect(shot.space.scaleFactor).toBe(3);
    // Playwright's mouse takes CSS px from the visual viewport's corner: no origin shift.
    expect([shot.space.display.originX, shot.space.display.originY]).toEqual([0, 0]);
    // Only targets wholly inside the zoomed view count; a target cut by the edge has a shifted centroid.
    const located = locateTargets(shot.image, targets);
    const visible = targets.filter((target) => {
      const found = located.get(target.id)!;
      return found.count > 0 && found.x > 40 && found.y > 40 && found.x < shot.image.width - 80 && found.y < shot.image.height - 80;
    });
    expect(visible.length).toBeGreaterThan(3);
    await events(page);
    const { misses } = await clickAllTargets(page, device, visible);
    expect(misses).toEqual([]);
    await page.context().close();
  });
});

describe("BrowserDevice on a page without viewport emulation", () => {
  it("OS display scaling (Chromium --force-device-scale-factor=1.25, viewport: null): measured, every target hit", async () => {
    const { browser: scaled } = await launchBrowser({ args: ["--force-device-scale-factor=1.25", "--window-size=1280,800"] });
    try {
      const context = await scaled.newContext({ viewport: null });
      const page = await context.newPage();
      await page.setContent(html);
      const device = new BrowserDevice(page);
      const shot = await device.screenshot();
      expect(page.viewportSize()).toBeNull();
      expect(shot.space.scaleFactor).toBe(1.25);
      const innerWidth = await page.evaluate(() => window.innerWidth);
      expect(Math.abs(shot.image.width - innerWidth * 1.25)).toBeLessThanOrEqual(1);
      const located = locateTargets(shot.image, targets);
      const visible = targets.filter((target) => located.get(target.id)!.count > 0);
      expect(visible.length).toBe(targets.length);
      const { misses } = await clickAllTargets(page, device, visible);
      expect(misses).toEqual([]);
    } finally {
      await scaled.close();
    }
  });
});

describe("BrowserDevice input", () => {
  const at = (x: number, y: number): LogicalPoint => ({ space: "logical", x, y });

  it("right, middle, double and triple clicks with modifiers arrive as such", async () => {
    const { page, device } = await openPage(1.5);
    const target = at(400 + 60, 600 + 40); // the sink
    await device.click(target, { button: "right" });
    expect((await events(page)).filter((event) => event.type === "contextmenu").map((event) => event.target)).toEqual(["sink"]);
    await device.click(target, { button: "middle" });
    expect((await events(page)).filter((event) => event.type === "auxclick").map((event) => [event.target, event.button])).toEqual([["sink", 1]]);
    await device.click(target, { clickCount: 2 });
    expect((await events(page)).filter((event) => event.type === "dblclick").map((event) => event.target)).toEqual(["sink"]);
    await device.click(target, { clickCount: 3 });
    expect(Math.max(...(await events(page)).filter((event) => event.type === "click").map((event) => event.detail))).toBe(3);
    await device.click(target, { modifiers: ["Shift"] });
    expect((await events(page)).filter((event) => event.type === "click").map((event) => event.shift)).toEqual([true]);
    await page.context().close();
  });

  it("move hovers without clicking; an aborted signal stops a call before it acts", async () => {
    const { page, device } = await openPage(1.5);
    await events(page);
    await device.move(at(460, 640));
    const moved = await events(page);
    expect(moved.filter((event) => event.type === "mousemove").map((event) => [event.target, event.x, event.y])).toEqual([["sink", 460, 640]]);
    expect(moved.some((event) => event.type === "mousedown")).toBe(false);
    const controller = new AbortController();
    controller.abort();
    const failure = await device.click(at(460, 640), { signal: controller.signal }).catch((error: unknown) => error);
    expect(AbortError.isInstance(failure)).toBe(true);
    expect(await events(page)).toEqual([]);
    await page.context().close();
  });

  it("drag presses on the source, follows the path and releases on the sink", async () => {
    const { page, device } = await openPage(2);
    await events(page);
    await device.drag(at(60, 620), at(460, 640), { path: [at(200, 760)], steps: 5 });
    const recorded = await events(page);
    const down = recorded.find((event) => event.type === "mousedown");
    const up = recorded.find((event) => event.type === "mouseup");
    expect(down?.target).toBe("source");
    expect(up?.target).toBe("sink");
    expect(recorded.some((event) => event.type === "mousemove" && event.x === 200 && event.y === 760)).toBe(true);
    await page.context().close();
  });

  it("scroll turns the wheel over the element under the pointer", async () => {
    const { page, device } = await openPage(1.25);
    await device.scroll(at(800, 660), { deltaY: 240 });
    // Playwright's mouse.wheel returns before the renderer has dispatched the wheel event, so the
    // events are collected until it arrives rather than read once (a single read raced in CI).
    const wheel: string[] = [];
    await expect
      .poll(async () => {
        wheel.push(...(await events(page)).filter((event) => event.type === "wheel").map((event) => event.target));
        return wheel;
      })
      .toEqual(["scroller-content"]);
    // Chromium reports WheelEvent.deltaY divided by the scale factor (192 at 1.25) but scrolls the
    // element by the CSS px asked for, which is what the scrollTop check below measures.
    await expect.poll(() => page.evaluate(() => document.getElementById("scroller")!.scrollTop)).toBe(240);
    await page.context().close();
  });

  it("types non-ASCII text intact and presses keys and combinations", async () => {
    const { page, device } = await openPage(1);
    await device.click(at(1100, 634));
    await device.type("Grüße, 東京 ok", { delayMs: 5 });
    expect(await page.inputValue("#field")).toBe("Grüße, 東京 ok");
    await device.press("Control+A");
    await device.press("Backspace");
    expect(await page.inputValue("#field")).toBe("");
    await device.press("Enter");
    expect((await events(page)).filter((event) => event.type === "keydown").map((event) => event.key)).toContain("Enter");
    await page.context().close();
  });
});

describe("BrowserDevice.waitForStable", () => {
  it("resolves only after an animation has stopped", async () => {
    const { page, device } = await openPage(1);
    await page.evaluate(() => {
      const box = document.getElementById("t0")!;
      let frame = 0;
      const timer = setInterval(() => {
        frame += 1;
        box.style.left = `${20 + frame * 3}px`;
        if (frame === 15) {
          clearInterval(timer);
          (window as unknown as { done: boolean }).done = true;
        }
      }, 40);
    });
    await device.waitForStable({ quietMs: 250, timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { done?: boolean }).done)).toBe(true);
    await page.context().close();
  });

  it("throws TimeoutError while the page keeps changing", async () => {
    const { page, device } = await openPage(1);
    await page.evaluate(() => {
      let frame = 0;
      setInterval(() => {
        frame += 1;
        document.getElementById("t1")!.style.left = `${20 + (frame % 50) * 4}px`;
      }, 30);
    });
    const failure = await device.waitForStable({ quietMs: 300, timeout: 800 }).catch((error: unknown) => error);
    expect(TimeoutError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/kept changing for 800 ms/);
    await page.context().close();
  });
});

describe("BrowserDevice errors", () => {
  it("a closed page gives DeviceError that says so, for capture and input", async () => {
    const { page, device } = await openPage(1);
    await page.close();
    for (const call of [() => device.screenshot(), () => device.click({ space: "logical", x: 1, y: 1 }), () => device.type("x")]) {
      const failure = await call().catch((error: unknown) => error);
      expect(DeviceError.isInstance(failure)).toBe(true);
      expect((failure as Error).message).toMatch(/page is closed; open a new page/);
    }
  });

  it("an image-px point passed where logical px are expected gives InvalidInputError", async () => {
    const { page, device } = await openPage(1);
    const failure = await device.click({ x: 3, y: 4 } as unknown as LogicalPoint).catch((error: unknown) => error);
    expect(InvalidInputError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/imageToLogical/);
    await page.context().close();
  });

  it("BrowserDevice.launch owns its browser and close() ends it; later calls say the device is closed", async () => {
    const device = await BrowserDevice.launch({ viewport: { width: 640, height: 480 }, deviceScaleFactor: 2 });
    const shot = await device.screenshot();
    expect([shot.image.width, shot.image.height]).toEqual([1280, 960]);
    const browserOfPage = device.page.context().browser()!;
    await device.close();
    await device.close();
    expect(browserOfPage.isConnected()).toBe(false);
    const failure = await device.screenshot().catch((error: unknown) => error);
    expect(DeviceError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/was closed; create a new one/);
  });

  it("a missing Chromium binary gives DeviceError naming the path and the fix", async () => {
    const failure = await BrowserDevice.launch({ executablePath: "/nonexistent/chromium" }).catch((error: unknown) => error);
    expect(DeviceError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/no executable Chromium at \/nonexistent\/chromium.*apt-get install chromium/);
  });
});
