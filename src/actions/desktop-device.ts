/**
 * `DesktopDevice`: one display of the real desktop as a {@link Device}. Input goes through
 * `@nut-tree-fork/nut-js` (libnut: XTest on X11), capture through libnut's screen grab (measured
 * 6–20× faster than screenshot-desktop's ImageMagick `import` on a 1920×1080 Xvfb, see bench/capture.bench.ts).
 *
 * Coordinates: input takes logical px of the whole virtual desktop (the pointer's space), so a
 * point on a second display at x = 1920 is clicked at x ≥ 1920; a screenshot shows one display and
 * its `space.display` carries that display's origin, so `imageToLogical` lands on the right screen.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { LogicalPoint, ScreenSpace } from "../core/coordinates.js";
import { DeviceError, GroundpointError, InvalidInputError, throwIfAborted } from "../core/errors.js";
import type { RgbImage } from "../core/image.js";
import { isKeyboardTypable, nutKeyName, usKeystroke } from "./desktop-keys.js";
import { detectDesktopPlatform, listDisplays, readX11KeyboardLayout, type DesktopPlatform, type DisplayInfo } from "./desktop-session.js";
import type {
  ClickOptions,
  Device,
  DeviceCallOptions,
  DragOptions,
  MouseButton,
  Screenshot,
  ScreenshotOptions,
  ScrollOptions,
  TypeOptions,
  WaitForStableOptions,
} from "./device.js";
import { checkLogicalPoint, checkNonNegative, resolveClickOptions, splitKeyCombination } from "./validate-input.js";
import { fingerprintBytes, waitUntilStable } from "./wait-for-stable.js";

type Nut = typeof import("@nut-tree-fork/nut-js");

/** How `type` enters text. */
export type TypeMethod = "auto" | "keyboard" | "clipboard";

/** Options of {@link DesktopDevice.open}. */
export interface DesktopDeviceOptions {
  /** Which display to capture: its id (X11 monitor name) or its index in `listDisplays()`. Default the primary display, else the first. */
  display?: string | number;
  /** Delay between keys when typing on the keyboard, in ms. Default 8. */
  keyDelayMs?: number;
  /**
   * How `type` enters text. `"keyboard"` presses keys (US layout: printable ASCII, newline, tab);
   * `"clipboard"` puts the text on the clipboard and presses `pasteKeys` (any Unicode text, and the
   * text stays on the clipboard); `"auto"` uses the keyboard when it can and the clipboard for text
   * the keyboard layout lacks ("Grüße, 東京"), and for all text when the X keyboard layout is not
   * US (a German layout puts `"` on Shift+2). Default `"auto"`.
   */
  typeMethod?: TypeMethod;
  /** Keys that paste in the target app. Default `"Meta+V"` on macOS, `"Control+V"` elsewhere. */
  pasteKeys?: string;
  /** Logical px per wheel notch, to turn `scroll` amounts into notches. Default 100. */
  wheelNotchPixels?: number;
  /** Environment read for session detection and given to xrandr. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Accept a Wayland session that runs XWayland: only X11 apps can then be driven and seen. Default false. */
  allowXWayland?: boolean;
  signal?: AbortSignal;
}

/** libnut keeps one X connection per process, opened from `DISPLAY` at its first call. */
let connectedXDisplay: string | undefined;
let nutModule: Promise<Nut> | undefined;

async function loadNut(): Promise<Nut> {
  nutModule ??= import("@nut-tree-fork/nut-js").then((nut) => {
    // We time clicks and keys ourselves; nut.js's defaults sleep 100–300 ms around each one.
    nut.mouse.config.autoDelayMs = 0;
    nut.keyboard.config.autoDelayMs = 0;
    nut.providerRegistry.getMouse().setMouseDelay(0);
    nut.providerRegistry.getKeyboard().setKeyboardDelay(0);
    return nut;
  });
  return nutModule;
}

/** One display of the desktop: capture of that display, input anywhere on the virtual desktop. */
export class DesktopDevice implements Device {
  readonly kind = "desktop" as const;
  /** The display `screenshot()` captures. */
  readonly display: DisplayInfo;
  /** Every display of the desktop, as listed when the device was opened. */
  readonly displays: readonly DisplayInfo[];
  readonly platform: DesktopPlatform;
  readonly #nut: Nut;
  readonly #keyDelayMs: number;
  readonly #typeMethod: TypeMethod;
  readonly #pasteKeys: string;
  readonly #wheelNotchPixels: number;
  readonly #env: NodeJS.ProcessEnv;
  #closed = false;

  private constructor(nut: Nut, platform: DesktopPlatform, display: DisplayInfo, displays: readonly DisplayInfo[], options: DesktopDeviceOptions) {
    this.#nut = nut;
    this.platform = platform;
    this.display = display;
    this.displays = displays;
    this.#keyDelayMs = options.keyDelayMs ?? 8;
    this.#typeMethod = options.typeMethod ?? "auto";
    this.#pasteKeys = options.pasteKeys ?? (platform === "macos" ? "Meta+V" : "Control+V");
    this.#wheelNotchPixels = options.wheelNotchPixels ?? 100;
    this.#env = options.env ?? process.env;
  }

  /** Lists the displays with their bounds (logical px) and scale. @throws DeviceError as {@link DesktopDevice.open}. */
  static async listDisplays(options: Pick<DesktopDeviceOptions, "env" | "allowXWayland"> = {}): Promise<DisplayInfo[]> {
    return listDisplays(options);
  }

  /**
   * Checks the session, lists the displays, picks one and loads nut.js. On X11 it sets this
   * process's `DISPLAY` to `env.DISPLAY`, because libnut opens the display named there; one process
   * drives one X display.
   *
   * @throws DeviceError for a Wayland session, no X server, an X display that does not exist, or a
   *   `display` that is not in the list (the message lists the ones there are).
   */
  static async open(options: DesktopDeviceOptions = {}): Promise<DesktopDevice> {
    const call = "DesktopDevice.open";
    checkNonNegative(call, "keyDelayMs", options.keyDelayMs ?? 0);
    const wheel = options.wheelNotchPixels ?? 100;
    if (!Number.isFinite(wheel) || wheel <= 0) throw new InvalidInputError("wheelNotchPixels", `${call}: wheelNotchPixels must be > 0, got ${String(wheel)}.`);
    if (options.typeMethod !== undefined && !["auto", "keyboard", "clipboard"].includes(options.typeMethod)) {
      throw new InvalidInputError("typeMethod", `${call}: typeMethod must be "auto", "keyboard" or "clipboard", got ${JSON.stringify(options.typeMethod)}.`);
    }
    throwIfAborted(options.signal);
    const env = options.env ?? process.env;
    const platform = detectDesktopPlatform({ env, ...(options.allowXWayland === undefined ? {} : { allowXWayland: options.allowXWayland }) });
    const displays = await listDisplays({ env, ...(options.allowXWayland === undefined ? {} : { allowXWayland: options.allowXWayland }) });
    const display = pickDisplay(displays, options.display);
    if (platform === "x11") {
      const wanted = env["DISPLAY"] ?? "";
      if (connectedXDisplay !== undefined && connectedXDisplay !== wanted) {
        throw new DeviceError(
          "desktop",
          `${call}: this process already drives X display ${connectedXDisplay} and libnut keeps that connection; drive ${wanted} from another process.`,
        );
      }
      // libnut opens the display named by this process's DISPLAY at its first call.
      process.env["DISPLAY"] = wanted;
      connectedXDisplay = wanted;
    }
    throwIfAborted(options.signal);
    let nut: Nut;
    try {
      nut = await loadNut();
    } catch (error) {
      throw new DeviceError("desktop", `${call}: nut.js (native libnut) did not load: ${(error as Error).message}. On Linux it needs libXtst (apt-get install libxtst6).`, {
        cause: error,
      });
    }
    return new DesktopDevice(nut, platform, display, displays, options);
  }

  /**
   * Captures this device's display; `space.display` carries its origin and scale. The capture is one
   * synchronous native call (libnut), so `timeout` cannot interrupt it; `signal` is checked before.
   */
  async screenshot(options: ScreenshotOptions = {}): Promise<Screenshot> {
    const call = "DesktopDevice.screenshot";
    const grabbed = await this.#grab(call, options);
    const image = bgraToRgb(grabbed);
    // Measured, not assumed: captured px per logical px of the display (1 on X11, 2 on Retina).
    const scaleFactor = image.width / this.display.width;
    const space: ScreenSpace = {
      width: image.width,
      height: image.height,
      devicePixelsPerImagePixel: 1,
      scaleFactor,
      display: { id: this.display.id, originX: this.display.x, originY: this.display.y },
    };
    return { image, space, capturedAt: Date.now() };
  }

  /** Moves the pointer there and clicks (button, 1–3 clicks, modifiers held). */
  async click(point: LogicalPoint, options: ClickOptions = {}): Promise<void> {
    const call = "DesktopDevice.click";
    this.#checkPoint(call, "point", point);
    const { button, clickCount, modifiers } = resolveClickOptions(call, options);
    const nut = this.#nut;
    const held = modifiers.map((modifier) => nut.Key[nutKeyName(call, modifier) as keyof typeof nut.Key]);
    await this.#run(call, options, async () => {
      await this.#pointerTo(point);
      await this.#keysDown(held);
      try {
        for (let index = 0; index < clickCount; index += 1) {
          await nut.mouse.pressButton(this.#button(button));
          await nut.mouse.releaseButton(this.#button(button));
        }
      } finally {
        await this.#keysUp(held);
      }
    });
  }

  /** Moves the pointer there (hover). */
  async move(point: LogicalPoint, options: DeviceCallOptions = {}): Promise<void> {
    const call = "DesktopDevice.move";
    this.#checkPoint(call, "point", point);
    await this.#run(call, options, () => this.#pointerTo(point));
  }

  /** Presses at `from`, moves through `path` to `to` (`steps` moves per segment, 5 ms apart), releases. */
  async drag(from: LogicalPoint, to: LogicalPoint, options: DragOptions = {}): Promise<void> {
    const call = "DesktopDevice.drag";
    this.#checkPoint(call, "from", from);
    this.#checkPoint(call, "to", to);
    const path = options.path ?? [];
    path.forEach((point, index) => this.#checkPoint(call, `path[${index}]`, point));
    const steps = Math.max(1, Math.round(options.steps ?? 10));
    const { button } = resolveClickOptions(call, { button: options.button ?? "left" });
    const nut = this.#nut;
    await this.#run(call, options, async () => {
      await this.#pointerTo(from);
      await nut.mouse.pressButton(this.#button(button));
      try {
        let current: LogicalPoint = from;
        for (const next of [...path, to]) {
          for (let step = 1; step <= steps; step += 1) {
            throwIfAborted(options.signal);
            const x = current.x + ((next.x - current.x) * step) / steps;
            const y = current.y + ((next.y - current.y) * step) / steps;
            await this.#pointerTo({ x, y });
            // Apps coalesce motion they have not read yet; a short pause lets each move arrive.
            await sleep(5);
          }
          current = next;
        }
      } finally {
        await nut.mouse.releaseButton(this.#button(button));
      }
    });
  }

  /** Moves the pointer to `point` and turns the wheel by whole notches (`wheelNotchPixels` px each, at least one). */
  async scroll(point: LogicalPoint, options: ScrollOptions): Promise<void> {
    const call = "DesktopDevice.scroll";
    this.#checkPoint(call, "point", point);
    const deltaX = options.deltaX ?? 0;
    const deltaY = options.deltaY ?? 0;
    if (!Number.isFinite(deltaX) || !Number.isFinite(deltaY)) {
      throw new InvalidInputError("deltaY", `${call}: deltaX and deltaY must be finite numbers of logical px, got (${String(deltaX)}, ${String(deltaY)}).`);
    }
    const notches = (delta: number) => (delta === 0 ? 0 : Math.max(1, Math.round(Math.abs(delta) / this.#wheelNotchPixels)));
    const nut = this.#nut;
    await this.#run(call, options, async () => {
      await this.#pointerTo(point);
      if (deltaY > 0) await nut.mouse.scrollDown(notches(deltaY));
      if (deltaY < 0) await nut.mouse.scrollUp(notches(deltaY));
      if (deltaX > 0) await nut.mouse.scrollRight(notches(deltaX));
      if (deltaX < 0) await nut.mouse.scrollLeft(notches(deltaX));
    });
  }

  /**
   * Types into the focused window: on the keyboard with `delayMs` between keys (default the
   * device's `keyDelayMs`), or through the clipboard for text the layout lacks (see `typeMethod`).
   */
  async type(text: string, options: TypeOptions = {}): Promise<void> {
    const call = "DesktopDevice.type";
    if (typeof text !== "string") throw new InvalidInputError("text", `${call}: text must be a string, got ${typeof text}.`);
    const delayMs = options.delayMs ?? this.#keyDelayMs;
    checkNonNegative(call, "delayMs", delayMs);
    const typable = isKeyboardTypable(text);
    if (this.#typeMethod === "keyboard" && !typable) {
      throw new InvalidInputError(
        "text",
        `${call}: typeMethod "keyboard" types with a US layout (printable ASCII, newline, tab), and the text has other characters; use typeMethod "auto" or "clipboard".`,
      );
    }
    const nut = this.#nut;
    await this.#run(call, options, async () => {
      const usLayout = this.platform !== "x11" || (await readX11KeyboardLayout(this.#env))?.split(",")[0] === "us";
      if (this.#typeMethod === "clipboard" || !typable || (this.#typeMethod === "auto" && !usLayout)) {
        await nut.clipboard.setContent(text);
        await this.#pressCombination(call, this.#pasteKeys);
        return;
      }
      for (const character of text) {
        throwIfAborted(options.signal);
        const stroke = usKeystroke(character)!;
        const keys = stroke.shift ? [nut.Key.LeftShift, nut.Key[stroke.key as keyof typeof nut.Key]] : [nut.Key[stroke.key as keyof typeof nut.Key]];
        await this.#keysDown(keys);
        await this.#keysUp(keys);
        if (delayMs > 0) await sleep(delayMs);
      }
    });
  }

  /** Presses a key or combination (Playwright's names, e.g. `"Control+A"`, `"Enter"`). */
  async press(keys: string, options: DeviceCallOptions = {}): Promise<void> {
    const call = "DesktopDevice.press";
    splitKeyCombination(call, keys).forEach((key) => nutKeyName(call, key));
    await this.#run(call, options, () => this.#pressCombination(call, keys));
  }

  /** Waits until successive captures of the display are identical for `quietMs` (default 300 ms). */
  async waitForStable(options: WaitForStableOptions = {}): Promise<void> {
    const call = "DesktopDevice.waitForStable";
    await waitUntilStable(`display ${this.display.id}`, async () => fingerprintBytes((await this.#grab(call, options)).data), options);
  }

  /** Nothing is launched by this device; later calls throw. Safe to call twice. */
  async close(): Promise<void> {
    this.#closed = true;
  }

  async #pressCombination(call: string, keys: string): Promise<void> {
    const nut = this.#nut;
    const parts = splitKeyCombination(call, keys).map((key) => nut.Key[nutKeyName(call, key) as keyof typeof nut.Key]);
    await this.#keysDown(parts);
    await this.#keysUp(parts);
  }

  // One key per call: nut.js's pressKey(a, b) treats all but the last key as libnut "modifiers" and
  // silently drops non-modifier ones on release, leaving a key stuck down.
  async #keysDown(keys: readonly number[]): Promise<void> {
    for (const key of keys) await this.#nut.keyboard.pressKey(key);
  }

  async #keysUp(keys: readonly number[]): Promise<void> {
    for (const key of [...keys].reverse()) await this.#nut.keyboard.releaseKey(key);
  }

  /** The OS pointer takes whole logical px. */
  async #pointerTo(point: { readonly x: number; readonly y: number }): Promise<void> {
    await this.#nut.mouse.setPosition(new this.#nut.Point(Math.round(point.x), Math.round(point.y)));
  }

  #button(button: MouseButton) {
    const { Button } = this.#nut;
    return button === "right" ? Button.RIGHT : button === "middle" ? Button.MIDDLE : Button.LEFT;
  }

  /** A point must be a logical point on one of the displays. */
  #checkPoint(call: string, parameter: string, point: LogicalPoint): void {
    checkLogicalPoint(call, parameter, point);
    const inside = this.displays.some((display) => point.x >= display.x && point.y >= display.y && point.x < display.x + display.width && point.y < display.y + display.height);
    if (!inside) {
      const bounds = this.displays.map((display) => `${display.id} ${display.width}×${display.height}+${display.x}+${display.y}`).join(", ");
      throw new InvalidInputError(parameter, `${call}: ${parameter} (${point.x}, ${point.y}) is on no display (displays: ${bounds}); map screenshot points with imageToLogical.`);
    }
  }

  async #grab(call: string, options: DeviceCallOptions): Promise<{ width: number; height: number; data: Uint8Array }> {
    const nut = this.#nut;
    const { x, y, width, height } = this.display;
    return this.#run(call, options, async () => {
      const grabbed = await nut.screen.grabRegion(new nut.Region(x, y, width, height));
      const data = grabbed.data as Uint8Array;
      return { width: grabbed.width, height: grabbed.height, data };
    });
  }

  async #run<T>(call: string, options: DeviceCallOptions, step: () => Promise<T>): Promise<T> {
    if (this.#closed) throw new DeviceError("desktop", `${call}: this DesktopDevice was closed; open a new one with DesktopDevice.open().`);
    throwIfAborted(options.signal);
    try {
      return await step();
    } catch (error) {
      if (GroundpointError.isInstance(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new DeviceError("desktop", `${call} failed on display ${this.display.id}: ${message}`, { cause: error });
    }
  }
}

function pickDisplay(displays: readonly DisplayInfo[], wanted: string | number | undefined): DisplayInfo {
  const listed = () => displays.map((display) => `${display.index}: ${display.id} ${display.width}×${display.height}+${display.x}+${display.y}`).join("; ");
  if (wanted === undefined) return displays.find((display) => display.primary) ?? displays[0]!;
  const found = typeof wanted === "number" ? displays.find((display) => display.index === wanted) : displays.find((display) => display.id === wanted);
  if (found === undefined) {
    throw new DeviceError("desktop", `DesktopDevice.open: there is no display ${JSON.stringify(wanted)}; the displays are ${listed()}. Pass one of their ids or indexes.`);
  }
  return found;
}

/** libnut captures 32-bit BGRA rows (possibly padded); the rest of groundpoint takes packed RGB. */
function bgraToRgb(grabbed: { width: number; height: number; data: Uint8Array }): RgbImage {
  const { width, height, data } = grabbed;
  const stride = Math.floor(data.length / height);
  if (stride < width * 4) {
    throw new DeviceError("desktop", `DesktopDevice.screenshot: the capture has ${data.length} bytes for ${width}×${height} px; expected 32-bit pixels.`);
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    let source = y * stride;
    let target = y * width * 3;
    for (let x = 0; x < width; x += 1) {
      rgb[target] = data[source + 2]!;
      rgb[target + 1] = data[source + 1]!;
      rgb[target + 2] = data[source]!;
      source += 4;
      target += 3;
    }
  }
  return { width, height, data: rgb };
}
