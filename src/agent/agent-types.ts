/**
 * The public shapes of the agent: what a verb takes (a target and options) and what it answers (a
 * point in every space, with its evidence: confidence, timings per stage, cache status).
 */
import type { DevicePoint, LogicalPoint } from "../core/coordinates.js";
import type { Grounder } from "../core/grounder.js";
import type { Box, ImagePoint } from "../core/image.js";
import type { Modifier } from "../actions/device.js";
import type { CacheStrategy, LocateCache } from "./locate-cache.js";

/**
 * What a verb acts on: an instruction naming the element (`"Save button"`), or explicit
 * coordinates in image px of the screenshot (`{ x: 120, y: 40 }`), which skip the grounder.
 */
export type Target = string | { readonly x: number; readonly y: number };

/** Options of zoom refine: locate, crop around the point, locate again inside the crop. */
export interface ZoomRefineOptions {
  /** Side of the square crop in image px. Default 768. */
  cropSize?: number;
  /** Refine only when the screenshot's longer side exceeds this many px. Default 1600. */
  minScreenSide?: number;
  /** Enlarge the crop by this factor (1..4, bilinear) before the second locate. Default 1. */
  upscale?: number;
}

/** The after-action check: did the screen change after the action? */
export interface ScreenChangeCheckOptions {
  /** Wait this long after the action before capturing the "after" screen, ms. Default 300. */
  settleMs?: number;
  /**
   * Pixels that must change to count as a change. Default 50: a ticked checkbox (≈ 100 px) counts,
   * a blinking text caret (≈ 2 × 18 px) does not.
   */
  minChangedPixels?: number;
  /** Throw `ActionHadNoEffectError` when the screen did not change. Default false (only reported). */
  throwIfUnchanged?: boolean;
}

/** Options every verb takes. Each default resolves call → agent → the constant given here. */
export interface CallOptions {
  /** Give up after this many ms with a `TimeoutError`; 0 = no limit. Default: the agent's (60 000). */
  timeout?: number;
  /** Cancels the call with an `AbortError`. */
  signal?: AbortSignal;
  /** Locate and report, but do not touch the screen. Default: the agent's (false). */
  dryRun?: boolean;
  /** Crop budget of model grounders (1..128). Default: the agent's, else the grounder's own (48). */
  maxCrops?: number;
  /** Which grounder answers this call (see {@link AgentOptions.model}). Default: the agent's. */
  model?: string;
  /** Use the locate cache for this call (when the agent has one). Default true. */
  cache?: boolean;
  /** Zoom refine for this call. Default: the agent's (off). */
  zoomRefine?: boolean | ZoomRefineOptions;
  /** Record this call as a step of the report (when the agent writes one). Default true. */
  report?: boolean;
}

/** Options of actions that change the screen (click, type, drag, scroll…). */
export interface ActionOptions extends CallOptions {
  /** Check that the screen changed after the action and say so in the result. Default: the agent's (off). */
  checkChange?: boolean | ScreenChangeCheckOptions;
}

/** Options of `click`, `doubleClick` and `rightClick`. */
export interface ClickCallOptions extends ActionOptions {
  /** Keys held during the click. Default none. */
  modifiers?: readonly Modifier[];
}

/** Options of `type`. */
export interface TypeCallOptions extends ActionOptions {
  /** Delay between keys in ms. Default: the device's. */
  delayMs?: number;
  /** Select all (Control+A) and delete before typing. Default false. */
  clear?: boolean;
  /** Keep the text out of the call label, error messages and reports (passwords, tokens). Default false. */
  secret?: boolean;
}

/** Options of `scroll`. */
export interface ScrollCallOptions extends ActionOptions {
  /** Vertical amount in logical px, positive = down. Default 0 (and 300 when deltaX is also 0). */
  deltaY?: number;
  /** Horizontal amount in logical px, positive = right. Default 0. */
  deltaX?: number;
}

/** Options of `locateAll`. */
export interface LocateAllOptions extends CallOptions {
  /** Most points to return. Default 20. */
  maxPoints?: number;
}

/** Options of `waitFor`. */
export interface WaitForOptions extends CallOptions {
  /** Time between attempts, ms. Default 500. */
  intervalMs?: number;
}

/** How the cache took part in a locate. */
export interface CacheStatus {
  /** `hit`: answered from the cache, verified; `miss`: the grounder ran; `off`: no cache for this call. */
  readonly status: "hit" | "miss" | "off";
  /** Why a miss missed: `"no-entry"`, `"patch-mismatch"` (the element moved or changed), `"read-only"`… */
  readonly reason?: string;
  /** Normalised cross-correlation of the stored patch with the screen, for verified lookups. */
  readonly correlation?: number;
}

/** A point in the three coordinate spaces. */
export interface PointInSpaces {
  /** Pixels of the screenshot (what grounders see). */
  readonly image: ImagePoint;
  /** Physical pixels of the display. */
  readonly device: DevicePoint;
  /** What the input API takes (CSS px for a page, OS points for the desktop). */
  readonly logical: LogicalPoint;
}

/** One located point with its evidence. */
export interface LocatedTarget extends PointInSpaces {
  /** 0..1, from the grounder (1 for explicit coordinates). */
  readonly confidence: number;
  /** Text the grounder matched (the OCR grounder). */
  readonly matchedText?: string;
}

/** What every verb answers. */
export interface CallResult {
  /** The call, as in error messages: `agent.click("Save")`. */
  readonly call: string;
  /** Where it acted (for `locateAll`, the first point; `undefined` for `press`). */
  readonly point: LocatedTarget | undefined;
  /** Screenshot size in image px. */
  readonly screenSize: { readonly width: number; readonly height: number };
  /** Name of the grounder that answered (`"coordinates"` for explicit ones, `"cache"` never: see `cache`). */
  readonly grounder: string;
  /** Milliseconds per stage: `screenshot`, `cache`, `locate` (+ the grounder's own stages as `grounder.*`), `refine`, `action`, `check`, `total`. */
  readonly timings: Readonly<Record<string, number>>;
  readonly cache: CacheStatus;
  /** True when `dryRun` kept the call from touching the screen. */
  readonly dryRun: boolean;
  /** The after-action check, when it ran. */
  readonly screenChange?: ScreenChange;
  /** The crop zoom refine looked into, in image px, when it ran. */
  readonly refineCrop?: Box;
}

/** Result of `locateAll`: every point found. */
export interface LocateAllResult extends CallResult {
  readonly points: readonly LocatedTarget[];
}

/** What the after-action check saw. */
export interface ScreenChange {
  readonly changed: boolean;
  /** Pixels where some channel moved by more than 24 levels. */
  readonly changedPixels: number;
  /** Fraction of pixels that changed, 0..1. */
  readonly changedFraction: number;
  /** The smallest box holding the changed pixels, image px of the "after" screenshot. */
  readonly changedBox: Box | undefined;
}

/** Options of the locate cache when given as an object. */
export interface CacheOptions {
  /** `read-write` (default), `read-only` or `off`. */
  strategy?: CacheStrategy;
  /** JSON file the cache is loaded from and saved to. Default: in memory only. */
  file?: string;
}

/** Options of a report when given as an object. */
export interface ReportOptions {
  /** Folder the report files go to. Default `./groundpoint-reports`. */
  dir?: string;
  /** Base name of the files (`<name>.html`, `<name>.json`). Default `run-<ISO time>`. */
  name?: string;
  /** Bound on the embedded images, bytes; later steps keep their text but no picture. Default 8 MiB. */
  maxBytes?: number;
  /** Longer side of each step's picture, px. Default 960. */
  maxImageSide?: number;
}

/** Options of an {@link Agent}. */
export interface AgentOptions {
  /** The grounder to use, overriding `model`. */
  grounder?: Grounder;
  /**
   * Which grounder answers: `"default"` (the embedded default: today the OCR grounder), `"ocr"`,
   * a model package folder, or an `http(s)://` URL of a grounding service. Default `"default"`.
   */
  model?: string;
  /** Default crop budget of model grounders. Default: the grounder's own (48). */
  maxCrops?: number;
  /** Default timeout per call in ms; 0 = none. Default 60 000. */
  timeout?: number;
  /** Default for `dryRun`. Default false. */
  dryRun?: boolean;
  /** The locate cache: a strategy, options, a shared cache, or false. Default off. */
  cache?: CacheStrategy | CacheOptions | LocateCache | false;
  /** Write an HTML report and a JSON trace: true (defaults), options, or false. Default false. */
  report?: boolean | ReportOptions;
  /** Default for zoom refine. Default false. */
  zoomRefine?: boolean | ZoomRefineOptions;
  /** Default for the after-action check. Default false. */
  checkChange?: boolean | ScreenChangeCheckOptions;
  /** Where screenshots of failed locates are saved. Default `<os tmpdir>/groundpoint`. */
  screenshotDir?: string;
}
