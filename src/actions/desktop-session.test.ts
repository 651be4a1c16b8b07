import { describe, expect, it } from "vitest";
import { DeviceError } from "../core/errors.js";
import { detectDesktopPlatform, parseXkbLayout, parseXrandrMonitors } from "./desktop-session.js";

describe("parseXrandrMonitors", () => {
  it.each([
    [
      "plain Xvfb",
      "Monitors: 1\n 0: +screen 1920/508x1080/286+0+0  screen\n",
      [{ id: "screen", index: 0, x: 0, y: 0, width: 1920, height: 1080, primary: false }],
    ],
    [
      "two outputs, the second primary, at a negative offset",
      "Monitors: 2\n 0: +eDP-1 1536/309x864/174+0+0  eDP-1\n 1: +*DP-1 1920/527x1080/296-1920+100  DP-1\n",
      [
        { id: "eDP-1", index: 0, x: 0, y: 0, width: 1536, height: 864, primary: false },
        { id: "DP-1", index: 1, x: -1920, y: 100, width: 1920, height: 1080, primary: true },
      ],
    ],
    [
      "--setmonitor monitors (no automatic flag, no output, 0 mm)",
      "Monitors: 2\n 0: *LEFT 1920/0x1080/0+0+0  screen\n 1: RIGHT 1280/338x1024/270+1920+0\n",
      [
        { id: "LEFT", index: 0, x: 0, y: 0, width: 1920, height: 1080, primary: true },
        { id: "RIGHT", index: 1, x: 1920, y: 0, width: 1280, height: 1024, primary: false },
      ],
    ],
    ["nothing", "Monitors: 0\n", []],
  ])("%s", (_name, text, expected) => {
    expect(parseXrandrMonitors(text)).toEqual(expected.map((display) => ({ ...display, scaleFactor: 1, dpiScale: 1 })));
  });
});

describe("detectDesktopPlatform", () => {
  it.each([
    ["X11", { DISPLAY: ":0" }, "linux", "x11"],
    ["X11 session type", { DISPLAY: ":1", XDG_SESSION_TYPE: "x11" }, "linux", "x11"],
    ["macOS", {}, "darwin", "macos"],
    ["Windows", {}, "win32", "windows"],
  ] as const)("%s", (_name, env, platform, expected) => {
    expect(detectDesktopPlatform({ env, platform })).toBe(expected);
  });

  it.each([
    ["Wayland without DISPLAY", { WAYLAND_DISPLAY: "wayland-0" }, /Wayland session \(WAYLAND_DISPLAY=wayland-0, no DISPLAY\)/],
    ["Wayland with XWayland", { DISPLAY: ":0", WAYLAND_DISPLAY: "wayland-0", XDG_SESSION_TYPE: "wayland" }, /XDG_SESSION_TYPE=wayland.*allowXWayland/],
    ["no DISPLAY", {}, /no X server: DISPLAY is not set/],
  ] as const)("refuses %s", (_name, env, message) => {
    let failure: unknown;
    try {
      detectDesktopPlatform({ env, platform: "linux" });
    } catch (error) {
      failure = error;
    }
    expect(DeviceError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(message);
  });

  it("allowXWayland accepts a Wayland session that has a DISPLAY", () => {
    expect(detectDesktopPlatform({ env: { DISPLAY: ":0", XDG_SESSION_TYPE: "wayland" }, platform: "linux", allowXWayland: true })).toBe("x11");
  });

  it("an unsupported OS", () => {
    expect(() => detectDesktopPlatform({ env: {}, platform: "aix" })).toThrow(/does not support aix/);
  });
});

describe("parseXkbLayout", () => {
  it.each([
    ['_XKB_RULES_NAMES(STRING) = "evdev", "pc105", "us", "", ""', "us"],
    ['_XKB_RULES_NAMES(STRING) = "evdev", "pc105", "de,us", ",", "grp:alt_shift_toggle"', "de,us"],
    ["_XKB_RULES_NAMES:  not found.", undefined],
  ])("%s", (text, expected) => {
    expect(parseXkbLayout(text)).toBe(expected);
  });
});
