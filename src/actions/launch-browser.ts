/**
 * Starts a local Chromium through playwright-core (never downloading one): Debian's
 * `/usr/bin/chromium` by default, headless, with the flags that keep it quiet and offline.
 */
import { access, constants } from "node:fs/promises";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { DeviceError, InvalidInputError } from "../core/errors.js";

/** Chromium binary used when neither `executablePath` nor `GROUNDPOINT_CHROMIUM` is given. */
export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

/** Flags passed to every Chromium we launch: no sandbox (containers), no GPU, no network chatter. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

/** Options of {@link launchBrowser}. */
export interface LaunchBrowserOptions {
  /** Chromium binary. Default `$GROUNDPOINT_CHROMIUM`, else `/usr/bin/chromium`. */
  executablePath?: string;
  /** Run without a window. Default true. */
  headless?: boolean;
  /** Viewport in CSS px. Default 1280×800. */
  viewport?: { width: number; height: number };
  /** Device px per CSS px (HiDPI emulation: 1, 1.25, 1.5, 2…). Default 1. */
  deviceScaleFactor?: number;
  /** Extra Chromium flags, appended to {@link CHROMIUM_ARGS}. Default none. */
  args?: readonly string[];
  /** Give up starting after this many ms. Default 30000; 0 = no limit. */
  timeout?: number;
}

/** What {@link launchBrowser} started: close `browser` to end all of it. */
export interface LaunchedBrowser {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
}

/**
 * Launches Chromium with one context (viewport and scale factor applied) and one blank page.
 *
 * @throws DeviceError when the binary is missing or does not start; InvalidInputError for a bad
 *   viewport or scale factor.
 */
export async function launchBrowser(options: LaunchBrowserOptions = {}): Promise<LaunchedBrowser> {
  const executablePath = options.executablePath ?? process.env["GROUNDPOINT_CHROMIUM"] ?? DEFAULT_CHROMIUM_PATH;
  const viewport = options.viewport ?? { width: 1280, height: 800 };
  const deviceScaleFactor = options.deviceScaleFactor ?? 1;
  if (!Number.isInteger(viewport.width) || !Number.isInteger(viewport.height) || viewport.width < 1 || viewport.height < 1) {
    throw new InvalidInputError("viewport", `launchBrowser: viewport must have positive integer width and height in CSS px, got ${JSON.stringify(viewport)}.`);
  }
  if (!Number.isFinite(deviceScaleFactor) || deviceScaleFactor <= 0 || deviceScaleFactor > 8) {
    throw new InvalidInputError("deviceScaleFactor", `launchBrowser: deviceScaleFactor must be in (0, 8], got ${String(deviceScaleFactor)}.`);
  }
  try {
    await access(executablePath, constants.X_OK);
  } catch (error) {
    throw new DeviceError(
      "browser",
      `launchBrowser: no executable Chromium at ${executablePath}. Install one (Debian: apt-get install chromium) ` +
        "and pass executablePath or set GROUNDPOINT_CHROMIUM; groundpoint never downloads a browser.",
      { cause: error },
    );
  }
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath,
      headless: options.headless ?? true,
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
      timeout: options.timeout ?? 30_000,
    });
  } catch (error) {
    throw new DeviceError("browser", `launchBrowser: Chromium at ${executablePath} did not start: ${(error as Error).message}`, { cause: error });
  }
  try {
    const context = await browser.newContext({ viewport, deviceScaleFactor });
    const page = await context.newPage();
    return { browser, context, page };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw new DeviceError("browser", `launchBrowser: could not open a page: ${(error as Error).message}`, { cause: error });
  }
}
