/**
 * Two monitors on one X screen (Xvfb 3200×1080 split with `xrandr --setmonitor` into LEFT
 * 1920×1080+0+0 and RIGHT 1280×1024+1920+0, the way a laptop plus an external screen looks to X11):
 * capture takes the display asked for, and a click found in RIGHT's screenshot lands at its offset.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DesktopDevice } from "../../src/actions/desktop-device.js";
import { imageToLogical } from "../../src/core/coordinates.js";
import { DeviceError } from "../../src/core/errors.js";
import type { RgbImage } from "../../src/core/image.js";
import { openEventWindow, startXvfb, type EventWindow, type XServer } from "./fixtures/x-server.js";

let server: XServer;
let window: EventWindow;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  server = await startXvfb(3200, 1080, [
    { name: "LEFT", width: 1920, height: 1080, x: 0, y: 0 },
    { name: "RIGHT", width: 1280, height: 1024, x: 1920, y: 0 },
  ]);
  env = { ...process.env, DISPLAY: server.display };
  // The Tk window sits on the right monitor.
  window = await openEventWindow(server.display, 1920 + 300, 200);
});
afterAll(async () => {
  await window?.close();
  await server?.stop();
});

function countColor(image: RgbImage, color: readonly [number, number, number]): { count: number; x: number; y: number } {
  let count = 0;
  let x = -1;
  let y = -1;
  for (let index = 0; index < image.width * image.height; index += 1) {
    if (image.data[index * 3] === color[0] && image.data[index * 3 + 1] === color[1] && image.data[index * 3 + 2] === color[2]) {
      if (count === 0) {
        x = index % image.width;
        y = Math.floor(index / image.width);
      }
      count += 1;
    }
  }
  return { count, x, y };
}

describe("DesktopDevice with two displays", () => {
  it("lists both monitors with their bounds; the primary one is the default", async () => {
    const displays = await DesktopDevice.listDisplays({ env });
    expect(displays.map((display) => [display.id, display.x, display.y, display.width, display.height, display.primary])).toEqual([
      ["LEFT", 0, 0, 1920, 1080, true],
      ["RIGHT", 1920, 0, 1280, 1024, false],
    ]);
    const device = await DesktopDevice.open({ env });
    expect(device.display.id).toBe("LEFT");
  });

  it("captures the display asked for: RIGHT shows the window at its offset, LEFT does not show it", async () => {
    const right = await DesktopDevice.open({ env, display: "RIGHT" });
    const shot = await right.screenshot();
    expect([shot.image.width, shot.image.height]).toEqual([1280, 1024]);
    expect(shot.space.display).toEqual({ id: "RIGHT", originX: 1920, originY: 0 });
    const small = window.widgets["small"]!;
    expect(countColor(shot.image, [0xc0, 0x30, 0x30])).toEqual({ count: 144, x: small.x - 1920, y: small.y });
    const left = await DesktopDevice.open({ env, display: 0 });
    const leftShot = await left.screenshot();
    expect([leftShot.image.width, leftShot.image.height]).toEqual([1920, 1080]);
    expect(countColor(leftShot.image, [0xc0, 0x30, 0x30]).count).toBe(0);
  });

  it("a point found in RIGHT's screenshot is clicked at the right offset on the desktop", async () => {
    const right = await DesktopDevice.open({ env, display: "RIGHT" });
    const shot = await right.screenshot();
    for (const name of ["button_a", "button_b", "small"]) {
      const widget = window.widgets[name]!;
      const imagePoint = { x: widget.x - 1920 + widget.width / 2, y: widget.y + widget.height / 2 };
      const logical = imageToLogical(imagePoint, shot.space);
      expect(logical.x).toBeGreaterThanOrEqual(1920);
      await right.click(logical);
    }
    const events = await window.take((event) => event.event === "release" && event.widget === "small");
    const presses = events.filter((event) => event.event === "press");
    expect(presses.map((event) => event.widget)).toEqual(["button_a", "button_b", "small"]);
    const buttonA = window.widgets["button_a"]!;
    expect([presses[0]!.x, presses[0]!.y]).toEqual([buttonA.x + buttonA.width / 2, buttonA.y + buttonA.height / 2]);
  });

  it("a display that is not there gives DeviceError listing the ones there are", async () => {
    const failure = await DesktopDevice.open({ env, display: "HDMI-9" }).catch((error: unknown) => error);
    expect(DeviceError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toBe(
      'DesktopDevice.open: there is no display "HDMI-9"; the displays are 0: LEFT 1920×1080+0+0; 1: RIGHT 1280×1024+1920+0. Pass one of their ids or indexes.',
    );
  });
});
