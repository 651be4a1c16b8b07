/**
 * Which desktop we are on, and whether groundpoint can drive it: X11 (run here, under Xvfb), macOS
 * and Windows (written from their documentation, not yet run), Wayland (refused with what to do).
 * Also the display list with each display's bounds and scale.
 */
import { execFile } from "node:child_process";
import { DeviceError } from "../core/errors.js";

/** One display (monitor) of the virtual desktop. Bounds are in logical px, the pointer's space. */
export interface DisplayInfo {
  /** Stable id: the X11 monitor name (`"DP-1"`, `"screen"`), the macOS/Windows display name. */
  readonly id: string;
  /** Position in the platform's list. */
  readonly index: number;
  /** Top-left corner in logical px of the virtual desktop (can be negative on macOS/Windows). */
  readonly x: number;
  readonly y: number;
  /** Size in logical px. */
  readonly width: number;
  readonly height: number;
  /**
   * Device px per logical px. Always 1 on X11 (pointer and capture both use device px). On macOS
   * the backing scale factor (2 on Retina). On Windows 1 as well: libnut is per-monitor DPI aware,
   * so the pointer takes physical px; `dpiScale` says what the user set.
   */
  readonly scaleFactor: number;
  /** The OS scaling setting (1.25 for 125 %), informative; equals `scaleFactor` except on Windows. */
  readonly dpiScale: number;
  readonly primary: boolean;
}

/** The platforms `DesktopDevice` knows. */
export type DesktopPlatform = "x11" | "macos" | "windows";

/** Options of {@link detectDesktopPlatform}. */
export interface DetectDesktopOptions {
  /** Environment to read (`DISPLAY`, `WAYLAND_DISPLAY`, `XDG_SESSION_TYPE`). Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Default `process.platform`. */
  platform?: NodeJS.Platform;
  /** Accept a Wayland session that also runs XWayland (`DISPLAY` set): only X11 apps can then be driven and seen. Default false. */
  allowXWayland?: boolean;
}

const waylandAdvice =
  "groundpoint drives the desktop through X11 (XTest input, X capture), and Wayland compositors do not allow that. " +
  'Log in to an X11 session instead (GNOME: the gear at the login screen → "GNOME on Xorg"; KDE: "Plasma (X11)"), ' +
  "or run the apps under Xvfb (Xvfb :99 -screen 0 1920x1080x24 & export DISPLAY=:99), " +
  "or pass allowXWayland: true to drive only the X11 apps of this session through XWayland.";

/**
 * Tells which desktop this process can drive, or throws a DeviceError that says what to do.
 *
 * @throws DeviceError for a Wayland session, a Linux process without `DISPLAY`, an unsupported OS.
 */
export function detectDesktopPlatform(options: DetectDesktopOptions = {}): DesktopPlatform {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  if (platform === "darwin") return "macos";
  if (platform === "win32") return "windows";
  if (platform !== "linux" && platform !== "freebsd" && platform !== "openbsd") {
    throw new DeviceError("desktop", `DesktopDevice does not support ${platform}; it runs on Linux/X11, macOS and Windows.`);
  }
  const display = env["DISPLAY"] ?? "";
  const waylandDisplay = env["WAYLAND_DISPLAY"] ?? "";
  const sessionType = (env["XDG_SESSION_TYPE"] ?? "").toLowerCase();
  if (display === "" && waylandDisplay !== "") {
    throw new DeviceError("desktop", `DesktopDevice: this is a Wayland session (WAYLAND_DISPLAY=${waylandDisplay}, no DISPLAY). ${waylandAdvice}`);
  }
  if (sessionType === "wayland" && !options.allowXWayland) {
    throw new DeviceError("desktop", `DesktopDevice: this is a Wayland session (XDG_SESSION_TYPE=wayland). ${waylandAdvice}`);
  }
  if (display === "") {
    throw new DeviceError(
      "desktop",
      "DesktopDevice: no X server: DISPLAY is not set. Run inside a desktop session, or start a virtual one " +
        "(Xvfb :99 -screen 0 1920x1080x24 &) and set DISPLAY=:99.",
    );
  }
  return "x11";
}

/** Runs a helper program; rejects with its stderr. */
function run(file: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, [...args], { env, timeout: timeoutMs, encoding: "utf8", maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) {
        reject(Object.assign(error, { stderr: String(stderr) }));
      } else {
        resolve(String(stdout));
      }
    });
  });
}

/**
 * Parses `xrandr --listactivemonitors`, e.g. ` 1: +*DP-1 1920/527x1080/296+1920+0  DP-1`.
 * Monitors made with `xrandr --setmonitor` are listed too.
 */
export function parseXrandrMonitors(text: string): DisplayInfo[] {
  const displays: DisplayInfo[] = [];
  for (const line of text.split("\n")) {
    const match = /^\s*(\d+):\s+([+*]*)(\S+)\s+(\d+)\/\d+x(\d+)\/\d+([+-]\d+)([+-]\d+)/.exec(line);
    if (match === null) continue;
    displays.push({
      id: match[3]!,
      index: Number(match[1]),
      x: Number(match[6]),
      y: Number(match[7]),
      width: Number(match[4]),
      height: Number(match[5]),
      scaleFactor: 1,
      dpiScale: 1,
      primary: match[2]!.includes("*"),
    });
  }
  return displays;
}

/**
 * Lists the X11 monitors of `env.DISPLAY` with `xrandr` (Debian package x11-xserver-utils).
 *
 * @throws DeviceError when the X server cannot be reached or xrandr is missing.
 */
export async function listX11Displays(env: NodeJS.ProcessEnv = process.env): Promise<DisplayInfo[]> {
  let output: string;
  try {
    output = await run("xrandr", ["--listactivemonitors"], env);
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === "ENOENT") {
      throw new DeviceError("desktop", "DesktopDevice: xrandr is not installed; install it (Debian: apt-get install x11-xserver-utils).", { cause: error });
    }
    const detail = (failure.stderr ?? failure.message).trim().split("\n")[0];
    throw new DeviceError(
      "desktop",
      `DesktopDevice: cannot connect to the X server at DISPLAY=${env["DISPLAY"] ?? ""} (${detail}). ` +
        "Check that the display exists (xdpyinfo), or start one (Xvfb :99 -screen 0 1920x1080x24 &) and set DISPLAY=:99.",
      { cause: error },
    );
  }
  const displays = parseXrandrMonitors(output);
  if (displays.length === 0) {
    throw new DeviceError("desktop", `DesktopDevice: the X server at DISPLAY=${env["DISPLAY"] ?? ""} reports no active monitor (xrandr --listactivemonitors printed ${JSON.stringify(output.trim())}).`);
  }
  return displays;
}

/** Parses `xprop -root _XKB_RULES_NAMES` (`= "evdev", "pc105", "us", "", ""`) into the layout field, e.g. `"us"` or `"de,us"`. */
export function parseXkbLayout(text: string): string | undefined {
  const fields = [...text.matchAll(/"([^"]*)"/g)].map((match) => match[1]!);
  return fields.length >= 3 && fields[2] !== "" ? fields[2] : undefined;
}

/**
 * The X keyboard layout of `env.DISPLAY` (`xprop`, Debian package x11-utils), or undefined when it
 * cannot be read. Read at each use: users switch layouts while a script runs.
 */
export async function readX11KeyboardLayout(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  try {
    return parseXkbLayout(await run("xprop", ["-root", "_XKB_RULES_NAMES"], env, 5000));
  } catch {
    return undefined;
  }
}

// Not yet run: written from Apple's NSScreen documentation (frame in points with a bottom-left
// origin on the primary screen, backingScaleFactor = pixels per point). JXA prints the list.
const macScript = `ObjC.import("AppKit");
const screens = $.NSScreen.screens; const list = [];
for (let i = 0; i < screens.count; i++) { const s = screens.objectAtIndex(i); const f = s.frame;
  list.push({ name: ObjC.unwrap(s.localizedName), x: f.origin.x, y: f.origin.y, width: f.size.width, height: f.size.height, scale: s.backingScaleFactor }); }
JSON.stringify(list);`;

/** macOS displays, top-left origin, logical px = points. Not yet run on a Mac. */
export async function listMacDisplays(env: NodeJS.ProcessEnv = process.env): Promise<DisplayInfo[]> {
  const output = await run("osascript", ["-l", "JavaScript", "-e", macScript], env).catch((error: unknown) => {
    throw new DeviceError("desktop", `DesktopDevice: cannot list the Mac's displays with osascript: ${(error as Error).message}`, { cause: error });
  });
  const screens = JSON.parse(output) as { name: string; x: number; y: number; width: number; height: number; scale: number }[];
  const primaryHeight = screens[0]?.height ?? 0;
  // Cocoa's y grows upwards from the primary screen's bottom edge; the pointer's grows downwards from its top.
  return screens.map((screen, index) => ({
    id: screen.name,
    index,
    x: screen.x,
    y: primaryHeight - (screen.y + screen.height),
    width: screen.width,
    height: screen.height,
    scaleFactor: screen.scale,
    dpiScale: screen.scale,
    primary: index === 0,
  }));
}

// Not yet run: written from the Win32 documentation. The process is made per-monitor DPI aware
// (SetProcessDpiAwareness(2), as libnut does) so Screen.Bounds are physical px, the space libnut's
// pointer uses; GetDpiForMonitor(MDT_EFFECTIVE_DPI) / 96 is the user's scaling setting.
const windowsScript = `Add-Type -AssemblyName System.Windows.Forms
Add-Type -TypeDefinition @"
using System; using System.Runtime.InteropServices;
public static class Dpi {
  [DllImport("shcore.dll")] public static extern int SetProcessDpiAwareness(int value);
  [DllImport("shcore.dll")] public static extern int GetDpiForMonitor(IntPtr monitor, int type, out uint x, out uint y);
  [DllImport("user32.dll")] public static extern IntPtr MonitorFromPoint(System.Drawing.Point p, uint flags);
}
"@ -ReferencedAssemblies System.Drawing
[Dpi]::SetProcessDpiAwareness(2) | Out-Null
$list = foreach ($s in [System.Windows.Forms.Screen]::AllScreens) {
  $b = $s.Bounds; $m = [Dpi]::MonitorFromPoint((New-Object System.Drawing.Point ($b.X + 1), ($b.Y + 1)), 2)
  $dx = [uint32]96; $dy = [uint32]96; [Dpi]::GetDpiForMonitor($m, 0, [ref]$dx, [ref]$dy) | Out-Null
  [pscustomobject]@{ name = $s.DeviceName; x = $b.X; y = $b.Y; width = $b.Width; height = $b.Height; dpi = $dx; primary = $s.Primary }
}
ConvertTo-Json -InputObject @($list) -Compress`;

/** Windows displays in physical px (libnut's pointer space), with the scaling setting. Not yet run on Windows. */
export async function listWindowsDisplays(env: NodeJS.ProcessEnv = process.env): Promise<DisplayInfo[]> {
  const output = await run("powershell.exe", ["-NoProfile", "-NonInteractive", "-Command", windowsScript], env).catch((error: unknown) => {
    throw new DeviceError("desktop", `DesktopDevice: cannot list the displays with PowerShell: ${(error as Error).message}`, { cause: error });
  });
  const screens = JSON.parse(output) as { name: string; x: number; y: number; width: number; height: number; dpi: number; primary: boolean }[];
  return screens.map((screen, index) => ({
    id: screen.name,
    index,
    x: screen.x,
    y: screen.y,
    width: screen.width,
    height: screen.height,
    scaleFactor: 1,
    dpiScale: screen.dpi / 96,
    primary: screen.primary,
  }));
}

/** Lists the displays of the detected platform. */
export async function listDisplays(options: DetectDesktopOptions = {}): Promise<DisplayInfo[]> {
  const platform = detectDesktopPlatform(options);
  const env = options.env ?? process.env;
  if (platform === "macos") return listMacDisplays(env);
  if (platform === "windows") return listWindowsDisplays(env);
  return listX11Displays(env);
}
