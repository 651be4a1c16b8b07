/**
 * DesktopDevice on a real X server: a fresh Xvfb (1920×1080) and a real Tk window that logs the
 * input it receives. Points are found in the screenshot (image px) and mapped with imageToLogical,
 * the way the agent does it.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DesktopDevice } from "../../src/actions/desktop-device.js";
import { imageToLogical, type LogicalPoint } from "../../src/core/coordinates.js";
import { InvalidInputError } from "../../src/core/errors.js";
import type { RgbImage } from "../../src/core/image.js";
import { openEventWindow, startXvfb, type EventWindow, type WindowEvent, type XServer } from "./fixtures/x-server.js";

const run = promisify(execFile);
let server: XServer;
let window: EventWindow;
let device: DesktopDevice;

beforeAll(async () => {
  server = await startXvfb(1920, 1080);
  window = await openEventWindow(server.display, 400, 300);
  device = await DesktopDevice.open({ env: { ...process.env, DISPLAY: server.display } });
});
afterAll(async () => {
  await window?.close();
  await server?.stop();
});

/** Bounding box of the pixels of exactly this colour, in image px. */
function findColor(image: RgbImage, color: readonly [number, number, number]): { x1: number; y1: number; x2: number; y2: number; count: number } {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -1;
  let y2 = -1;
  let count = 0;
  for (let y = 0; y < image.height; y += 1) {
    for (let x = 0; x < image.width; x += 1) {
      const offset = (y * image.width + x) * 3;
      if (image.data[offset] === color[0] && image.data[offset + 1] === color[1] && image.data[offset + 2] === color[2]) {
        x1 = Math.min(x1, x);
        y1 = Math.min(y1, y);
        x2 = Math.max(x2, x);
        y2 = Math.max(y2, y);
        count += 1;
      }
    }
  }
  return { x1, y1, x2, y2, count };
}

/** The centre of a widget, found as image px of a screenshot and mapped to logical px. */
async function centreOf(name: string): Promise<LogicalPoint> {
  const shot = await device.screenshot();
  const widget = window.widgets[name]!;
  const imagePoint = { x: widget.x - shot.space.display.originX + widget.width / 2, y: widget.y - shot.space.display.originY + widget.height / 2 };
  return imageToLogical(imagePoint, shot.space);
}

const presses = (events: WindowEvent[]) => events.filter((event) => event.event === "press").map((event) => [event.widget, event.button]);

describe("DesktopDevice on Xvfb (one display)", () => {
  it("lists the display with its bounds and scale", async () => {
    expect(device.platform).toBe("x11");
    expect(device.displays).toEqual([{ id: "screen", index: 0, x: 0, y: 0, width: 1920, height: 1080, scaleFactor: 1, dpiScale: 1, primary: false }]);
  });

  it("captures the display in device px with the Tk window where X put it", async () => {
    const shot = await device.screenshot();
    expect([shot.image.width, shot.image.height, shot.space.scaleFactor]).toEqual([1920, 1080, 1]);
    const small = window.widgets["small"]!;
    // The 12×12 frame painted #c03030: exactly where Tk says it is, nowhere else.
    expect(findColor(shot.image, [0xc0, 0x30, 0x30])).toEqual({ x1: small.x, y1: small.y, x2: small.x + 11, y2: small.y + 11, count: 144 });
  });

  it("left, right and middle clicks arrive at the widget under the point", async () => {
    await device.click(await centreOf("button_a"));
    await device.click(await centreOf("button_b"), { button: "right" });
    await device.click(await centreOf("small"), { button: "middle" });
    const events = await window.take((event) => event.event === "release" && event.widget === "small");
    expect(presses(events)).toEqual([["button_a", 1], ["button_b", 3], ["small", 2]]);
    const first = events.find((event) => event.event === "press")!;
    const button = window.widgets["button_a"]!;
    expect([first.x, first.y]).toEqual([button.x + button.width / 2, button.y + button.height / 2]);
  });

  it("move hovers: the pointer enters the widget without pressing", async () => {
    const target = await centreOf("button_b");
    await device.move(target);
    const events = await window.take((event) => event.event === "enter" && event.widget === "button_b");
    expect(events.filter((event) => event.event === "enter" && event.widget === "button_b").map((event) => [event.x, event.y])).toEqual([[target.x, target.y]]);
    expect(presses(events)).toEqual([]);
  });

  it("double and triple clicks arrive as such, and modifiers are held", async () => {
    const canvas = await centreOf("canvas");
    await device.click(canvas, { clickCount: 2 });
    expect((await window.take((event) => event.event === "double")).filter((event) => event.event === "double").map((event) => event.widget)).toEqual(["canvas"]);
    await device.click({ ...canvas, x: canvas.x + 30 }, { clickCount: 3 });
    expect((await window.take((event) => event.event === "triple")).some((event) => event.event === "triple" && event.widget === "canvas")).toBe(true);
    await device.click(await centreOf("button_b"), { modifiers: ["Shift"] });
    const press = (await window.take((event) => event.event === "press")).find((event) => event.event === "press")!;
    expect(press.widget).toBe("button_b");
    // X11 state bit 0 is Shift.
    expect((press.state ?? 0) & 1).toBe(1);
  });

  it("drag presses on the canvas, passes the path and releases at the end", async () => {
    const canvas = window.widgets["canvas"]!;
    const from: LogicalPoint = { space: "logical", x: canvas.x + 20, y: canvas.y + 20 };
    const via: LogicalPoint = { space: "logical", x: canvas.x + 150, y: canvas.y + 140 };
    const to: LogicalPoint = { space: "logical", x: canvas.x + 280, y: canvas.y + 30 };
    await device.drag(from, to, { path: [via], steps: 6 });
    const events = await window.take((event) => event.event === "release");
    expect(presses(events)).toEqual([["canvas", 1]]);
    const motion = events.filter((event) => event.event === "motion").map((event) => [event.x, event.y]);
    expect(motion).toContainEqual([via.x, via.y]);
    expect(motion.at(-1)).toEqual([to.x, to.y]);
    const release = events.find((event) => event.event === "release")!;
    expect([release.x, release.y]).toEqual([to.x, to.y]);
  });

  it("scroll turns the wheel over the widget under the point, in notches", async () => {
    const area = await centreOf("scroll_area");
    await device.scroll(area, { deltaY: 300 });
    await device.scroll(area, { deltaY: -100 });
    const events = await window.take((event) => event.event === "press" && event.button === 4);
    // X11 wheel: button 5 = down, 4 = up; 300 px at 100 px per notch = 3 notches.
    expect(presses(events)).toEqual([["scroll_area", 5], ["scroll_area", 5], ["scroll_area", 5], ["scroll_area", 4]]);
  });

  it("types ASCII on the keyboard and 'Grüße, 東京' through the clipboard, intact", async () => {
    await device.click(await centreOf("entry"));
    await device.type("Hello, World! 42", { delayMs: 2 });
    let events = await window.take((event) => event.value === "Hello, World! 42");
    expect(events.filter((event) => event.event === "text").at(-1)?.value).toBe("Hello, World! 42");
    await device.type(" Grüße, 東京");
    events = await window.take((event) => event.value?.endsWith("東京") === true);
    expect(events.filter((event) => event.event === "text").at(-1)?.value).toBe("Hello, World! 42 Grüße, 東京");
    await device.press("Backspace");
    await device.press("Shift+A");
    events = await window.take((event) => event.value?.endsWith("東A") === true);
    expect(events.filter((event) => event.event === "text").at(-1)?.value).toBe("Hello, World! 42 Grüße, 東A");
    // Every shifted US symbol: libnut's own string typing sends "1" for "!" (no Shift).
    const symbols = ` !@#$%^&*()_+{}|:"<>?~ -=[]\\;',./\``;
    await device.type(symbols, { delayMs: 0 });
    events = await window.take((event) => event.value?.endsWith("`") === true);
    expect(events.filter((event) => event.event === "text").at(-1)?.value).toBe(`Hello, World! 42 Grüße, 東A${symbols}`);
  });

  it("on a German keyboard layout, 'auto' pastes even ASCII symbols so they arrive intact", async () => {
    const env = { ...process.env, DISPLAY: server.display };
    await run("setxkbmap", ["de"], { env });
    try {
      await device.click(await centreOf("entry"));
      await device.press("End");
      // With the US keystroke table on a German layout, "@" would come out as '"' and "z" as "y".
      await device.type(' z@"y', { delayMs: 0 });
      const events = await window.take((event) => event.value?.endsWith('z@"y') === true);
      expect(events.filter((event) => event.event === "text").at(-1)?.value).toMatch(/ z@"y$/);
    } finally {
      await run("setxkbmap", ["us"], { env });
    }
  });

  it("typeMethod 'keyboard' refuses text the layout lacks; unknown keys are refused", async () => {
    const keyboardOnly = await DesktopDevice.open({ env: { ...process.env, DISPLAY: server.display }, typeMethod: "keyboard" });
    const failure = await keyboardOnly.type("東京").catch((error: unknown) => error);
    expect(InvalidInputError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/use typeMethod "auto" or "clipboard"/);
    const badKey = await device.press("Control+Hyper").catch((error: unknown) => error);
    expect(InvalidInputError.isInstance(badKey)).toBe(true);
    expect((badKey as Error).message).toMatch(/unknown key "Hyper"/);
  });

  it("a point on no display is refused before the pointer moves", async () => {
    const failure = await device.click({ space: "logical", x: 1920, y: 10 }).catch((error: unknown) => error);
    expect(InvalidInputError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/is on no display \(displays: screen 1920×1080\+0\+0\)/);
  });

  it("waitForStable resolves on a still screen", async () => {
    await device.waitForStable({ quietMs: 200, timeout: 10_000 });
  });
});
