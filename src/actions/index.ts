/**
 * Devices: capture a screen and drive input on it, in one coordinate model (see device.ts).
 */
export type * from "./device.js";
export { BrowserDevice, type BrowserDeviceOptions } from "./browser-device.js";
export { launchBrowser, CHROMIUM_ARGS, DEFAULT_CHROMIUM_PATH, type LaunchBrowserOptions, type LaunchedBrowser } from "./launch-browser.js";
export { DesktopDevice, type DesktopDeviceOptions, type TypeMethod } from "./desktop-device.js";
export { detectDesktopPlatform, listDisplays, parseXrandrMonitors, type DesktopPlatform, type DetectDesktopOptions, type DisplayInfo } from "./desktop-session.js";
export { ImageDevice, type ImageDeviceOptions } from "./image-device.js";
export { DEFAULT_QUIET_MS, DEFAULT_STABLE_TIMEOUT_MS } from "./wait-for-stable.js";
export { connectBrowserOverCdp, type ConnectBrowserOptions } from "./connect-browser.js";
