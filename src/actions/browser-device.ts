/**
 * `BrowserDevice`: a Playwright page as a {@link Device}. Screenshots are the viewport in device
 * pixels; input goes through Playwright's mouse and keyboard, which take CSS px of the viewport.
 *
 * The scale between the two is measured from the page at every capture, not assumed:
 * `devicePixelRatio × visualViewport.scale`, with the visual viewport's offset as the origin. That
 * covers the context's `deviceScaleFactor`, CSS `zoom` (which changes neither: element rects and
 * the mouse both stay in viewport CSS px) and pinch zoom (which does: the screenshot shows the
 * visual viewport, and the mouse takes CSS px measured from the visual viewport's top-left corner,
 * so the origin stays 0 and only the scale grows; measured in test/browser with a panned zoom).
 */
import type { Browser, Page } from "playwright-core";
import type { LogicalPoint, ScreenSpace } from "../core/coordinates.js";
import { DeviceError, GroundpointError, InvalidInputError, TimeoutError, throwIfAborted } from "../core/errors.js";
import { decodeImage } from "../image/decode-image.js";
import type {
  ClickOptions,
  Device,
  DeviceCallOptions,
  DragOptions,
  Screenshot,
  ScreenshotOptions,
  ScrollOptions,
  TypeOptions,
  WaitForStableOptions,
} from "./device.js";
import { launchBrowser, type LaunchBrowserOptions } from "./launch-browser.js";
import { checkLogicalPoint, checkNonNegative, resolveClickOptions, splitKeyCombination } from "./validate-input.js";
import { fingerprintBytes, waitUntilStable } from "./wait-for-stable.js";

/** Options of the {@link BrowserDevice} constructor. */
export interface BrowserDeviceOptions {
  /** A browser this device owns and closes on `close()` (what `BrowserDevice.launch` passes). Default none: the caller's page and browser stay open. */
  ownedBrowser?: Browser;
}

/** How the page's viewport maps to its screenshot, read inside the page. */
interface ViewportMetrics {
  readonly devicePixelRatio: number;
  readonly visualScale: number;
}

const closedPattern = /Target page, context or browser has been closed|Target closed|Browser has been closed|browser has disconnected|Page closed/i;

/** A Playwright page as a device: viewport screenshots in device px, input in CSS px. */
export class BrowserDevice implements Device {
  readonly kind = "browser" as const;
  /** The page this device drives. */
  readonly page: Page;
  readonly #ownedBrowser: Browser | undefined;
  #closed = false;

  /** Wraps the caller's page; `close()` then leaves the page and browser open. */
  constructor(page: Page, options: BrowserDeviceOptions = {}) {
    this.page = page;
    this.#ownedBrowser = options.ownedBrowser;
  }

  /**
   * Launches Chromium (see {@link launchBrowser}: Debian's `/usr/bin/chromium`, headless, viewport
   * 1280×800, scale factor 1 by default) and returns a device on its page that closes the browser
   * on `close()`.
   */
  static async launch(options: LaunchBrowserOptions = {}): Promise<BrowserDevice> {
    const { browser, page } = await launchBrowser(options);
    return new BrowserDevice(page, { ownedBrowser: browser });
  }

  /** Captures the viewport in device px; `space.scaleFactor` is device px per CSS px. */
  async screenshot(options: ScreenshotOptions = {}): Promise<Screenshot> {
    const call = "BrowserDevice.screenshot";
    const timeout = options.timeout ?? 30_000;
    checkNonNegative(call, "timeout", timeout);
    const { buffer, metrics } = await this.#run(call, options, async () => {
      let metrics: ViewportMetrics;
      try {
        metrics = await this.#readMetrics();
      } catch (error) {
        // A navigation replaced the document between calls: wait for the new one and read again.
        if (!/Execution context was destroyed|navigation/i.test((error as Error).message ?? "")) throw error;
        await this.page.waitForLoadState("domcontentloaded", { timeout: timeout === 0 ? 0 : timeout });
        metrics = await this.#readMetrics();
      }
      const buffer = await this.page.screenshot({ type: "png", scale: "device", timeout });
      return { buffer, metrics };
    });
    const capturedAt = Date.now();
    const image = await decodeImage(buffer, options.signal === undefined ? {} : { signal: options.signal });
    const space: ScreenSpace = {
      width: image.width,
      height: image.height,
      devicePixelsPerImagePixel: 1,
      scaleFactor: metrics.devicePixelRatio * metrics.visualScale,
      display: { id: "viewport", originX: 0, originY: 0 },
    };
    return { image, space, capturedAt };
  }

  /** Clicks at a point in CSS px of the viewport (button, click count 1–3, modifiers held). */
  async click(point: LogicalPoint, options: ClickOptions = {}): Promise<void> {
    const call = "BrowserDevice.click";
    checkLogicalPoint(call, "point", point);
    const { button, clickCount, modifiers } = resolveClickOptions(call, options);
    await this.#run(call, options, async () => {
      for (const modifier of modifiers) await this.page.keyboard.down(modifier);
      try {
        await this.page.mouse.click(point.x, point.y, { button, clickCount });
      } finally {
        for (const modifier of [...modifiers].reverse()) await this.page.keyboard.up(modifier);
      }
    });
  }

  /** Moves the mouse there (hover). */
  async move(point: LogicalPoint, options: DeviceCallOptions = {}): Promise<void> {
    checkLogicalPoint("BrowserDevice.move", "point", point);
    await this.#run("BrowserDevice.move", options, () => this.page.mouse.move(point.x, point.y));
  }

  /** Presses at `from`, moves through `path` to `to` in `steps` moves per segment, releases. */
  async drag(from: LogicalPoint, to: LogicalPoint, options: DragOptions = {}): Promise<void> {
    const call = "BrowserDevice.drag";
    checkLogicalPoint(call, "from", from);
    checkLogicalPoint(call, "to", to);
    const path = options.path ?? [];
    path.forEach((point, index) => checkLogicalPoint(call, `path[${index}]`, point));
    const steps = options.steps ?? 10;
    checkNonNegative(call, "steps", steps);
    const { button } = resolveClickOptions(call, { button: options.button ?? "left" });
    await this.#run(call, options, async () => {
      await this.page.mouse.move(from.x, from.y);
      await this.page.mouse.down({ button });
      try {
        for (const point of [...path, to]) {
          throwIfAborted(options.signal);
          await this.page.mouse.move(point.x, point.y, { steps: Math.max(1, Math.round(steps)) });
        }
      } finally {
        await this.page.mouse.up({ button });
      }
    });
  }

  /** Moves the mouse to `point` and turns the wheel by `deltaX`/`deltaY` CSS px. */
  async scroll(point: LogicalPoint, options: ScrollOptions): Promise<void> {
    const call = "BrowserDevice.scroll";
    checkLogicalPoint(call, "point", point);
    const deltaX = options.deltaX ?? 0;
    const deltaY = options.deltaY ?? 0;
    if (!Number.isFinite(deltaX) || !Number.isFinite(deltaY)) {
      throw new InvalidInputError("deltaY", `${call}: deltaX and deltaY must be finite numbers of CSS px, got (${String(deltaX)}, ${String(deltaY)}).`);
    }
    await this.#run(call, options, async () => {
      await this.page.mouse.move(point.x, point.y);
      await this.page.mouse.wheel(deltaX, deltaY);
    });
  }

  /** Types text into the focused element; characters not on a keyboard are inserted as text. */
  async type(text: string, options: TypeOptions = {}): Promise<void> {
    const call = "BrowserDevice.type";
    const delay = options.delayMs ?? 0;
    checkNonNegative(call, "delayMs", delay);
    await this.#run(call, options, () => this.page.keyboard.type(String(text), { delay }));
  }

  /** Presses a key or combination in Playwright's names, e.g. `"Enter"`, `"Control+A"`. */
  async press(keys: string, options: DeviceCallOptions = {}): Promise<void> {
    const call = "BrowserDevice.press";
    splitKeyCombination(call, keys);
    await this.#run(call, options, () => this.page.keyboard.press(keys));
  }

  /** Waits until successive viewport captures are identical for `quietMs` (default 300 ms). */
  async waitForStable(options: WaitForStableOptions = {}): Promise<void> {
    const call = "BrowserDevice.waitForStable";
    this.#checkOpen(call);
    await waitUntilStable(
      "browser page",
      // CSS-scale PNGs are the cheapest exact picture of the page; the caret is hidden so a
      // blinking text cursor does not count as a change.
      () => this.#run(call, options, async () => fingerprintBytes(await this.page.screenshot({ type: "png", scale: "css", caret: "hide" }))),
      options,
    );
  }

  /** Closes the browser if this device launched it; a caller's page is left open. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#ownedBrowser?.close();
  }

  async #readMetrics(): Promise<ViewportMetrics> {
    return this.page.evaluate(() => {
      return { devicePixelRatio: window.devicePixelRatio, visualScale: window.visualViewport?.scale ?? 1 };
    });
  }

  #checkOpen(call: string): void {
    if (this.#closed) {
      throw new DeviceError("browser", `${call}: this BrowserDevice was closed; create a new one (BrowserDevice.launch() or new BrowserDevice(page)).`);
    }
    if (this.page.isClosed()) {
      throw new DeviceError("browser", `${call}: the page is closed; open a new page and wrap it in a new BrowserDevice.`);
    }
  }

  /** Runs a Playwright step, turning its errors into groundpoint's typed errors. */
  async #run<T>(call: string, options: DeviceCallOptions, step: () => Promise<T>): Promise<T> {
    this.#checkOpen(call);
    throwIfAborted(options.signal);
    try {
      return await step();
    } catch (error) {
      if (GroundpointError.isInstance(error)) throw error;
      const message = (error as Error).message ?? String(error);
      if (this.page.isClosed() || closedPattern.test(message)) {
        throw new DeviceError("browser", `${call}: the page or its browser closed during the call; open a new page and wrap it in a new BrowserDevice.`, {
          cause: error,
        });
      }
      if ((error as Error).name === "TimeoutError") {
        throw new TimeoutError(0, `${call}: ${message.split("\n")[0]}`, { cause: error });
      }
      throw new DeviceError("browser", `${call} failed: ${message.split("\n")[0]}`, { cause: error });
    }
  }
}
