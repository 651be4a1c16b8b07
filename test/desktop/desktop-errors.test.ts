/**
 * DesktopDevice refuses sessions it cannot drive with a DeviceError that says what to do: a
 * Wayland session, no X server, an X display that does not exist (xrandr really tries to connect).
 */
import { describe, expect, it } from "vitest";
import { DesktopDevice } from "../../src/actions/desktop-device.js";
import { DeviceError } from "../../src/core/errors.js";
import { freeDisplayNumber } from "./fixtures/x-server.js";

async function openFailure(env: NodeJS.ProcessEnv): Promise<Error> {
  const failure = await DesktopDevice.open({ env }).catch((error: unknown) => error);
  expect(DeviceError.isInstance(failure)).toBe(true);
  return failure as Error;
}

describe("DesktopDevice errors", () => {
  it("a Wayland session without DISPLAY", async () => {
    const failure = await openFailure({ WAYLAND_DISPLAY: "wayland-0", XDG_SESSION_TYPE: "wayland" });
    expect(failure.message).toMatch(/Wayland session \(WAYLAND_DISPLAY=wayland-0, no DISPLAY\)/);
    expect(failure.message).toMatch(/GNOME on Xorg/);
    expect(failure.message).toMatch(/Xvfb :99/);
  });

  it("a Wayland session with XWayland's DISPLAY, unless allowXWayland", async () => {
    const failure = await openFailure({ DISPLAY: ":0", WAYLAND_DISPLAY: "wayland-0", XDG_SESSION_TYPE: "wayland" });
    expect(failure.message).toMatch(/XDG_SESSION_TYPE=wayland/);
    expect(failure.message).toMatch(/allowXWayland: true/);
  });

  it("no X server: DISPLAY not set", async () => {
    const failure = await openFailure({ PATH: process.env["PATH"] ?? "" });
    expect(failure.message).toMatch(/no X server: DISPLAY is not set.*Xvfb :99 -screen 0 1920x1080x24.*DISPLAY=:99/);
  });

  it("an X display that does not exist", async () => {
    const display = `:${freeDisplayNumber()}`;
    const failure = await openFailure({ PATH: process.env["PATH"] ?? "", DISPLAY: display });
    expect(failure.message).toMatch(new RegExp(`cannot connect to the X server at DISPLAY=${display} \\(.*\\)\\. Check that the display exists`));
  });
});
