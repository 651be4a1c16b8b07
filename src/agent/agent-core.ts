/**
 * What every verb of the {@link Agent} shares: its defaults, grounders, cache and report, and the
 * step machinery (screenshot → locate → act → after-action check → result → report) run inside the
 * one choke point of each call.
 */
import type { Grounder } from "../core/grounder.js";
import { InvalidInputError, TargetNotFoundError } from "../core/errors.js";
import type { Device, Screenshot } from "../actions/device.js";
import type { ActionOptions, AgentOptions, CallOptions, CallResult, LocatedTarget, Target } from "./agent-types.js";
import { describeTarget, roundToTenth, runCall, validateTarget, validateTimeout, type CallScope } from "./call-scope.js";
import { checkScreenChange, resolveScreenChangeCheck } from "./screen-change.js";
import { locateOnScreen, type ScreenLocate } from "./locate-on-screen.js";
import { LocateCache } from "./locate-cache.js";
import { RunReport } from "./report.js";
import { encodeReportPicture, saveScreenshot } from "./image-files.js";
import { resolveGrounder } from "./grounders.js";
import { resolveZoomRefine } from "./zoom-refine.js";
import { validateMaxCrops } from "../grounding/preprocess/select-tiling.js";

/** Default timeout of a call: 60 s (the OCR grounder reads a 1080p screen in a few seconds on 2 cores). */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** A step's outcome before it becomes a result: the screenshot and what was located on it. */
export interface Located {
  readonly screenshot: Screenshot;
  readonly located: ScreenLocate;
  readonly point: LocatedTarget;
}

/** A step's start time, its screenshot, and its stage timings so far. */
export interface OpenedStep {
  readonly screenshot: Screenshot;
  readonly timings: Record<string, number>;
  readonly started: number;
}

/** A target located on a fresh screenshot, with the call's stage timings so far and its start time. */
export type Found = Located & OpenedStep;

/** What {@link AgentCore.result} builds a call's result from. */
export interface ResultParts {
  readonly screenshot: Screenshot;
  /** Stage timings so far, ms; `total` is added. */
  readonly timings: Record<string, number>;
  /** `performance.now()` when the call began. */
  readonly started: number;
  /** What was located: its grounder, cache status and refine crop. Undefined for a verb that locates nothing (grounder `"none"`, cache off). */
  readonly located?: ScreenLocate | undefined;
  readonly point?: LocatedTarget | undefined;
  readonly dryRun: boolean;
  readonly screenChange?: CallResult["screenChange"];
}

/** `locateIn`'s options: the call's, plus whether a miss saves the screenshot (default true; `waitFor`'s polls do not). */
export type LocateInOptions = CallOptions & { readonly saveNotFoundScreenshot?: boolean };

/** Everything a step does around its action. */
export interface StepPlan<T> {
  readonly verb: string;
  readonly target: Target | undefined;
  readonly argument?: string;
  readonly options: CallOptions;
  readonly body: (scope: CallScope, record: StepRecord) => Promise<T>;
}

/** What a step tells the report. */
export interface StepRecord {
  screenshot?: Screenshot;
  located?: ScreenLocate;
  maxCrops?: number;
  result?: CallResult;
}

/** The agent's state and step machinery; {@link Agent} adds the verbs. */
export abstract class AgentCore {
  readonly device: Device;
  protected readonly options: AgentOptions;
  private readonly grounders = new Map<string, Promise<Grounder>>();
  private readonly createdGrounders: Grounder[] = [];
  private readonly cache: LocateCache | undefined;
  private readonly runReport: RunReport | undefined;
  private readonly ownsDevice: boolean;
  private closed = false;

  /**
   * @param device the screen to drive
   * @param options defaults for every call; see {@link AgentOptions}
   * @param ownership `{ ownsDevice: true }` makes `close()` close the device too (default false)
   */
  constructor(device: Device, options: AgentOptions = {}, ownership: { ownsDevice?: boolean } = {}) {
    this.device = device;
    this.options = { ...options };
    if (options.timeout !== undefined) validateTimeout(options.timeout);
    this.ownsDevice = ownership.ownsDevice ?? false;
    if (options.grounder) this.grounders.set(options.model ?? "default", Promise.resolve(options.grounder));
    const cache = options.cache;
    if (cache instanceof LocateCache) this.cache = cache.strategy === "off" ? undefined : cache;
    else if (typeof cache === "string") this.cache = cache === "off" ? undefined : new LocateCache({ strategy: cache });
    else if (cache && cache.strategy !== "off") this.cache = new LocateCache(cache);
    const report = options.report;
    if (report) this.runReport = new RunReport(report === true ? {} : report, encodeReportPicture);
  }

  /** The HTML report and JSON trace paths, when the agent writes a report. */
  get report(): { readonly html: string; readonly json: string } | undefined {
    return this.runReport ? { html: this.runReport.htmlPath, json: this.runReport.jsonPath } : undefined;
  }

  /** The locate cache in use, if any. */
  get locateCache(): LocateCache | undefined {
    return this.cache;
  }

  /** Releases the grounders this agent created, and the device when the agent owns it. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const grounder of this.createdGrounders) await grounder.dispose?.();
    if (this.ownsDevice) await this.device.close?.();
  }

  // ---- internals shared by the verbs ---------------------------------------------------

  protected dryRun(options: CallOptions): boolean {
    return options.dryRun ?? this.options.dryRun ?? false;
  }

  /** The grounder of the call's model, loaded once per agent (the load is timed as `load` and logged). */
  protected async grounderFor(options: CallOptions, scope: CallScope, timings: Record<string, number>): Promise<Grounder> {
    const model = options.model ?? this.options.model ?? "default";
    const known = this.grounders.get(model);
    if (known) return known;
    const started = performance.now();
    const loading = resolveGrounder(model);
    this.grounders.set(model, loading);
    let grounder: Grounder;
    try {
      grounder = await loading;
    } catch (error) {
      this.grounders.delete(model);
      throw error;
    }
    this.createdGrounders.push(grounder);
    timings.load = performance.now() - started;
    scope.log(`loaded grounder ${grounder.name} for model "${model}" (${Math.round(timings.load)} ms)`);
    return grounder;
  }

  /** Every step's opening: its start time, then a screenshot, timed as the `screenshot` stage. */
  protected async openStep(scope: CallScope, record: StepRecord): Promise<OpenedStep> {
    const started = performance.now();
    const screenshot = await this.device.screenshot({ signal: scope.signal });
    record.screenshot = screenshot;
    scope.log(`screenshot ${screenshot.image.width}×${screenshot.image.height} (${this.device.kind})`);
    return { screenshot, timings: { screenshot: performance.now() - started }, started };
  }

  /** The opening of the locating verbs: capture the screen, then locate the target on it. */
  protected async captureAndLocate(target: Target, maxPoints: number, options: LocateInOptions, scope: CallScope, record: StepRecord): Promise<Found> {
    const opened = await this.openStep(scope, record);
    return { ...(await this.locateIn(opened.screenshot, target, maxPoints, options, scope, record, opened.timings)), ...opened };
  }

  /** Locates on a screenshot; throws `TargetNotFoundError` (screenshot saved) when nothing is found. */
  protected async locateIn(
    screenshot: Screenshot,
    target: Target,
    maxPoints: number,
    options: LocateInOptions,
    scope: CallScope,
    record: StepRecord,
    timings: Record<string, number>,
  ): Promise<Located> {
    const maxCrops = options.maxCrops ?? this.options.maxCrops;
    if (maxCrops !== undefined) {
      validateMaxCrops(maxCrops);
      record.maxCrops = maxCrops;
    }
    const grounder = typeof target === "string" ? await this.grounderFor(options, scope, timings) : undefined;
    const located = await locateOnScreen(
      screenshot,
      {
        target,
        grounder,
        maxPoints,
        maxCrops,
        cache: options.cache === false ? undefined : this.cache,
        zoomRefine: resolveZoomRefine(options.zoomRefine ?? this.options.zoomRefine),
      },
      scope,
    );
    record.located = located;
    for (const [stage, ms] of Object.entries(located.timings)) timings[stage] = (timings[stage] ?? 0) + ms;
    const point = located.points[0];
    if (point === undefined) {
      const { width, height } = screenshot.image;
      const path = options.saveNotFoundScreenshot === false ? undefined : await saveScreenshot(screenshot.image, this.options.screenshotDir, "not-found");
      const why =
        typeof target === "string"
          ? `not found on screen ${width}×${height} (grounder ${located.grounder}).${path === undefined ? "" : ` Screenshot saved to ${path}.`} Check that the target is visible and that the instruction names its text or role as shown.`
          : `coordinates ${describeTarget(target)} are outside the ${width}×${height} screenshot. Pass image px of the screenshot.`;
      throw new TargetNotFoundError(typeof target === "string" ? target : describeTarget(target), why, {
        ...(path === undefined ? {} : { screenshotPath: path }),
        screenSize: { width, height },
      });
    }
    return { screenshot, located, point };
  }

  protected pointerAction(
    verb: string,
    target: Target,
    options: ActionOptions,
    action: (point: LocatedTarget["logical"], signal: AbortSignal) => Promise<void>,
    argument?: string,
  ): Promise<CallResult> {
    return this.step({
      verb,
      target,
      options,
      ...(argument === undefined ? {} : { argument }),
      body: async (scope, record) => {
        return this.act(scope, await this.captureAndLocate(validateTarget(target), 1, options, scope, record), options, action);
      },
    });
  }

  protected async act(
    scope: CallScope,
    found: Found,
    options: ActionOptions,
    action: (point: LocatedTarget["logical"], signal: AbortSignal) => Promise<void>,
  ): Promise<CallResult> {
    const { point } = found;
    const dryRun = this.dryRun(options);
    if (dryRun) {
      scope.log(`dry run: would act at logical (${roundToTenth(point.logical.x)}, ${roundToTenth(point.logical.y)})`);
      return this.result(scope, { ...found, dryRun: true });
    }
    const actionStarted = performance.now();
    await action(point.logical, scope.signal);
    found.timings.action = performance.now() - actionStarted;
    scope.log(`acted at logical (${roundToTenth(point.logical.x)}, ${roundToTenth(point.logical.y)})`);
    const screenChange = await this.afterCheck(found.screenshot, options, scope, found.timings);
    return this.result(scope, { ...found, dryRun: false, screenChange });
  }

  protected async afterCheck(before: Screenshot, options: ActionOptions, scope: CallScope, timings: Record<string, number>) {
    const check = resolveScreenChangeCheck(options.checkChange ?? this.options.checkChange);
    if (!check) return undefined;
    const started = performance.now();
    const change = await checkScreenChange(this.device, before, check, scope);
    timings.check = performance.now() - started;
    return change;
  }

  protected result(scope: CallScope, parts: ResultParts): CallResult {
    const { screenshot, timings, located, screenChange } = parts;
    timings.total = performance.now() - parts.started;
    const rounded = Object.fromEntries(Object.entries(timings).map(([stage, ms]) => [stage, Math.round(ms * 100) / 100]));
    return {
      call: scope.label,
      point: parts.point,
      screenSize: { width: screenshot.image.width, height: screenshot.image.height },
      grounder: located?.grounder ?? "none",
      timings: rounded,
      cache: located?.cache ?? { status: "off" },
      dryRun: parts.dryRun,
      ...(screenChange === undefined ? {} : { screenChange }),
      ...(located?.refineCrop === undefined ? {} : { refineCrop: located.refineCrop }),
    };
  }

  /** The choke point: label, validation of common options, timeout and signal, report step. */
  protected async step<T extends CallResult>(plan: StepPlan<T>): Promise<T> {
    const parts = [describeTarget(plan.target), plan.argument].filter((part) => part !== undefined && part !== "");
    const label = `agent.${plan.verb}(${parts.join(", ")})`;
    const record: StepRecord = {};
    const startedAt = Date.now();
    const started = performance.now();
    let lines: readonly string[] = [];
    try {
      if (this.closed) throw new InvalidInputError("agent", "the agent was closed; create a new one.");
      const timeout = validateTimeout(plan.options.timeout ?? this.options.timeout ?? DEFAULT_TIMEOUT_MS);
      const result = await runCall(label, { timeout, signal: plan.options.signal }, async (scope) => {
        lines = scope.lines;
        return plan.body(scope, record);
      });
      record.result = result;
      await this.recordStep(plan, label, record, startedAt, started, undefined, lines);
      return result;
    } catch (error) {
      await this.recordStep(plan, label, record, startedAt, started, error instanceof Error ? error : new Error(String(error)), lines);
      throw error;
    }
  }

  protected async recordStep(
    plan: StepPlan<unknown>,
    label: string,
    record: StepRecord,
    startedAt: number,
    started: number,
    error: Error | undefined,
    lines: readonly string[],
  ): Promise<void> {
    if (!this.runReport || plan.options.report === false) return;
    const result = record.result;
    const points = record.located?.points.map((point) => point.image) ?? [];
    await this.runReport.add({
      call: label,
      startedAt,
      durationMs: performance.now() - started,
      screenshot: record.screenshot?.image,
      points,
      grounder: record.located?.grounder ?? result?.grounder,
      maxCrops: record.maxCrops,
      cache: record.located?.cache,
      timings: result?.timings ?? {},
      refineCrop: record.located?.refineCrop,
      screenChange: result?.screenChange,
      dryRun: result?.dryRun ?? false,
      error,
      callLog: lines,
    });
  }
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
