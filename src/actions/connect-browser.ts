/**
 * Attaches to a Chrome or Chromium that is already running with `--remote-debugging-port`, over
 * the Chrome DevTools Protocol, and drives its current page (the user's own browser, logged in).
 */
import { chromium } from "playwright-core";
import { DeviceError, InvalidInputError } from "../core/errors.js";
import { BrowserDevice } from "./browser-device.js";

/** Options of {@link connectBrowserOverCdp}. */
export interface ConnectBrowserOptions {
  /** Give up connecting after this many ms. Default 30000; 0 = no limit. */
  timeout?: number;
}

/**
 * Connects to `endpoint` (`http://127.0.0.1:9222` or a `ws://…/devtools/browser/…` URL) and
 * returns a device on the first page of the first context (a new page when there is none).
 * `close()` on the device disconnects; the browser keeps running.
 *
 * @throws InvalidInputError for an endpoint that is not an http(s) or ws(s) URL; DeviceError when
 *   nothing answers there.
 */
export async function connectBrowserOverCdp(endpoint: string, options: ConnectBrowserOptions = {}): Promise<BrowserDevice> {
  if (typeof endpoint !== "string" || !/^(https?|wss?):\/\//i.test(endpoint)) {
    throw new InvalidInputError("endpoint", `the CDP endpoint must be an http(s) or ws(s) URL such as http://127.0.0.1:9222, got ${JSON.stringify(endpoint)}.`);
  }
  let browser;
  try {
    browser = await chromium.connectOverCDP(endpoint, { timeout: options.timeout ?? 30_000 });
  } catch (error) {
    throw new DeviceError(
      "browser",
      `could not attach to a browser at ${endpoint}: ${(error as Error).message.split("\n")[0]}. ` +
        "Start Chrome or Chromium with --remote-debugging-port=9222 (and a --user-data-dir), then pass http://127.0.0.1:9222.",
      { cause: error },
    );
  }
  const context = browser.contexts()[0] ?? (await browser.newContext());
  const page = context.pages()[0] ?? (await context.newPage());
  return new BrowserDevice(page, { ownedBrowser: browser });
}
