/**
 * The `Agent`: what users touch. `agent.click("Save button")` takes a screenshot, locates the target
 * (verified cache, then the grounder, optionally zoom refine), acts at the point in the device's
 * logical px, optionally checks that the screen changed, records the step for the report, and
 * answers the point in every space with its evidence.
 */
import { InvalidInputError, TargetNotFoundError } from "../core/errors.js";
import { BrowserDevice } from "../actions/browser-device.js";
import { DesktopDevice, type DesktopDeviceOptions } from "../actions/desktop-device.js";
import { ImageDevice } from "../actions/image-device.js";
import type {
  ActionOptions,
  AgentOptions,
  CallOptions,
  CallResult,
  ClickCallOptions,
  LocateAllOptions,
  LocateAllResult,
  ScrollCallOptions,
  Target,
  TypeCallOptions,
  WaitForOptions,
} from "./agent-types.js";
import { AgentCore, sleep, type Found } from "./agent-core.js";
import { describeTarget, validateTarget, type CallScope } from "./call-scope.js";
import { inSpaces } from "./locate-on-screen.js";

export { DEFAULT_TIMEOUT_MS } from "./agent-core.js";

/** A Playwright page, as `BrowserDevice` takes it (typed without importing Playwright here). */
export type PlaywrightPage = ConstructorParameters<typeof BrowserDevice>[0];

/** Default `maxPoints` of `locateAll`: 20. */
export const DEFAULT_MAX_POINTS = 20;
/** Default pause between `waitFor` attempts: 500 ms. */
export const DEFAULT_WAIT_INTERVAL_MS = 500;

/**
 * Drives one {@link Device} with one default grounder. Create with `Agent.forPage`, `forDesktop`,
 * `forImage`, or `new Agent(device, options, { ownsDevice })`.
 */
export class Agent extends AgentCore {
  /**
   * An agent on a Playwright page (any `playwright` or `playwright-core` Page). The page stays the
   * caller's: `close()` does not close it.
   */
  static forPage(page: PlaywrightPage, options: AgentOptions = {}): Agent {
    return new Agent(new BrowserDevice(page), options);
  }

  /**
   * An agent on one display of the desktop (X11, including Xvfb; macOS and Windows through nut.js).
   * `device` picks the display and typing method (see `DesktopDeviceOptions`). `close()` releases it.
   * @throws DeviceError when no desktop session can be reached (no DISPLAY, pure Wayland)
   */
  static async forDesktop(options: AgentOptions & { device?: DesktopDeviceOptions } = {}): Promise<Agent> {
    const { device: deviceOptions, ...agentOptions } = options;
    const device = await DesktopDevice.open(deviceOptions ?? {});
    return new Agent(device, agentOptions, { ownsDevice: true });
  }

  /**
   * An agent on a screenshot file (PNG, JPEG or WebP): `locate`, `locateAll` and `assertVisible`
   * work; actions throw `DeviceError` unless `dryRun` is set. `scaleFactor` (default 1) is the device
   * px per logical px of the screen the file was taken on.
   */
  static async forImage(path: string, options: AgentOptions & { scaleFactor?: number } = {}): Promise<Agent> {
    const { scaleFactor, ...agentOptions } = options;
    const device = await ImageDevice.open(path, scaleFactor === undefined ? {} : { scaleFactor });
    return new Agent(device, agentOptions, { ownsDevice: true });
  }

  /** Clicks the target. */
  click(target: Target, options: ClickCallOptions = {}): Promise<CallResult> {
    return this.pointerAction("click", target, options, (point, signal) =>
      this.device.click(point, { signal, ...(options.modifiers ? { modifiers: options.modifiers } : {}) }),
    );
  }

  /** Double-clicks the target. */
  doubleClick(target: Target, options: ClickCallOptions = {}): Promise<CallResult> {
    return this.pointerAction("doubleClick", target, options, (point, signal) =>
      this.device.click(point, { signal, clickCount: 2, ...(options.modifiers ? { modifiers: options.modifiers } : {}) }),
    );
  }

  /** Right-clicks the target. */
  rightClick(target: Target, options: ClickCallOptions = {}): Promise<CallResult> {
    return this.pointerAction("rightClick", target, options, (point, signal) =>
      this.device.click(point, { signal, button: "right", ...(options.modifiers ? { modifiers: options.modifiers } : {}) }),
    );
  }

  /** Moves the pointer over the target. */
  hover(target: Target, options: ActionOptions = {}): Promise<CallResult> {
    return this.pointerAction("hover", target, options, (point, signal) => this.device.move(point, { signal }));
  }

  /** Clicks the target (a text field) and types `text`; `clear: true` empties the field first. */
  type(target: Target, text: string, options: TypeCallOptions = {}): Promise<CallResult> {
    if (typeof text !== "string") {
      return Promise.reject(new InvalidInputError("text", `agent.type(${describeTarget(target)}, …): text must be a string, got ${typeof text}.`));
    }
    return this.pointerAction(
      "type",
      target,
      options,
      async (point, signal) => {
        await this.device.click(point, { signal });
        if (options.clear) {
          await this.device.press("Control+A", { signal });
          await this.device.press("Delete", { signal });
        }
        await this.device.type(text, { signal, ...(options.delayMs === undefined ? {} : { delayMs: options.delayMs }) });
      },
      options.secret ? '"***"' : JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text),
    );
  }

  /** Presses a key or a combination, e.g. `"Enter"`, `"Control+S"`; needs no locate. */
  press(keys: string, options: ActionOptions = {}): Promise<CallResult> {
    return this.step({
      verb: "press",
      target: undefined,
      argument: JSON.stringify(keys),
      options,
      body: async (scope, record) => {
        if (typeof keys !== "string" || keys.trim() === "") {
          throw new InvalidInputError("keys", `keys must name a key or a combination, e.g. "Enter" or "Control+S", got ${JSON.stringify(keys)}.`);
        }
        const { screenshot: before, timings, started } = await this.openStep(scope, record);
        const dryRun = this.dryRun(options);
        const actionStarted = performance.now();
        if (!dryRun) await this.device.press(keys, { signal: scope.signal });
        timings.action = performance.now() - actionStarted;
        const screenChange = dryRun ? undefined : await this.afterCheck(before, options, scope, timings);
        return this.result(scope, { screenshot: before, timings, started, dryRun, screenChange });
      },
    });
  }

  /** Scrolls over the target (or the middle of the screen without one) by `deltaY`/`deltaX` logical px (default 300 down). */
  scroll(target?: Target, options: ScrollCallOptions = {}): Promise<CallResult> {
    const deltaX = options.deltaX ?? 0;
    const deltaY = options.deltaY ?? (deltaX === 0 ? 300 : 0);
    if (target === undefined) {
      return this.step({
        verb: "scroll",
        target: undefined,
        options,
        body: async (scope, record) => {
          const { screenshot, timings, started } = await this.openStep(scope, record);
          const middle = inSpaces({ x: screenshot.image.width / 2, y: screenshot.image.height / 2, confidence: 1 }, screenshot.space);
          const located = { points: [middle], grounder: "coordinates", cache: { status: "off" as const }, timings: {}, refineCrop: undefined };
          return this.act(scope, { screenshot, located, point: middle, timings, started }, options, (point, signal) => this.device.scroll(point, { deltaX, deltaY, signal }));
        },
      });
    }
    return this.pointerAction("scroll", target, options, (point, signal) => this.device.scroll(point, { deltaX, deltaY, signal }));
  }

  /** Drags from one target to another (both located on the same screenshot). */
  drag(from: Target, to: Target, options: ActionOptions = {}): Promise<CallResult> {
    return this.step({
      verb: "drag",
      target: from,
      argument: describeTarget(to),
      options,
      body: async (scope, record) => {
        const destination = validateTarget(to, "to");
        const { screenshot, timings, started } = await this.openStep(scope, record);
        const source = await this.locateIn(screenshot, validateTarget(from, "from"), 1, options, scope, record, timings);
        const end = await this.locateIn(screenshot, destination, 1, options, scope, record, timings);
        return this.act(scope, { ...source, timings, started }, options, (point, signal) => this.device.drag(point, end.point.logical, { signal }));
      },
    });
  }

  /** Locates the target without acting. */
  locate(target: Target, options: CallOptions = {}): Promise<CallResult> {
    return this.step({
      verb: "locate",
      target,
      options,
      body: async (scope, record) => this.locatedResult(scope, await this.captureAndLocate(validateTarget(target), 1, options, scope, record)),
    });
  }

  /** Locates every match of the target (up to `maxPoints`, default 20), e.g. `"every checkbox"`. */
  locateAll(target: Target, options: LocateAllOptions = {}): Promise<LocateAllResult> {
    return this.step({
      verb: "locateAll",
      target,
      options,
      body: async (scope, record) => {
        const maxPoints = options.maxPoints ?? DEFAULT_MAX_POINTS;
        if (!Number.isInteger(maxPoints) || maxPoints < 1) {
          throw new InvalidInputError("maxPoints", `maxPoints must be a positive integer, got ${String(maxPoints)}.`);
        }
        const found = await this.captureAndLocate(validateTarget(target), maxPoints, options, scope, record);
        return { ...this.locatedResult(scope, found), points: found.located.points };
      },
    });
  }

  /** Locates the target again and again until it appears or the timeout (the call's) expires. */
  waitFor(target: Target, options: WaitForOptions = {}): Promise<CallResult> {
    const interval = options.intervalMs ?? DEFAULT_WAIT_INTERVAL_MS;
    return this.step({
      verb: "waitFor",
      target,
      options,
      body: async (scope, record) => {
        const instruction = validateTarget(target);
        const started = performance.now();
        for (let attempt = 1; ; attempt++) {
          try {
            // `total` counts the whole wait; the stage timings are the last attempt's.
            // A poll that misses is expected: no not-found screenshot per poll.
            const found = await this.captureAndLocate(instruction, 1, { ...options, saveNotFoundScreenshot: false }, scope, record);
            return this.locatedResult(scope, { ...found, started });
          } catch (error) {
            if (!TargetNotFoundError.isInstance(error)) throw error;
            scope.log(`attempt ${attempt}: not there yet`);
          }
          await sleep(interval, scope.signal);
        }
      },
    });
  }

  /** Throws `TargetNotFoundError` unless the target is on screen now; answers where it is. */
  assertVisible(target: Target, options: CallOptions = {}): Promise<CallResult> {
    return this.step({
      verb: "assertVisible",
      target,
      options,
      // Never from the cache: the question is whether it is on screen now.
      body: async (scope, record) => this.locatedResult(scope, await this.captureAndLocate(validateTarget(target), 1, { ...options, cache: false }, scope, record)),
    });
  }

  /** The result of a verb that located without acting. */
  private locatedResult(scope: CallScope, found: Found): CallResult {
    return this.result(scope, { ...found, dryRun: false });
  }
}
