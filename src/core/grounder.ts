import type { ImagePoint, RgbImage } from "./image.js";

/**
 * The one contract every grounder answers (tiny test model, the embedded default, the 8B export,
 * the OCR grounder, a remote service): where on this image is the thing the instruction names?
 */
export interface Grounder {
  /** A short name for reports, e.g. `"molmopoint-nano"` or `"ocr"`. */
  readonly name: string;
  locate(image: RgbImage, instruction: string, options?: LocateOptions): Promise<LocateResult>;
  /** Releases model sessions and native memory. Safe to call twice. */
  dispose?(): Promise<void>;
}

/** Options of one `locate` call. */
export interface LocateOptions {
  /** Maximum number of high-resolution crops (Molmo2 tiling). Default: the grounder's own (48 for MolmoPoint). */
  maxCrops?: number;
  /** Maximum number of points to return. Default 1; `locateAll` raises it. */
  maxPoints?: number;
  /** Cancels between decode steps. */
  signal?: AbortSignal;
}

/** One located point with its evidence. */
export interface LocatedPoint extends ImagePoint {
  /** 0..1; how sure the grounder is (softmax mass of the chosen patch/subpatch/location, or match score). */
  readonly confidence: number;
  /** Grounding tokens behind the point, when the grounder is a MolmoPoint model. */
  readonly tokens?: { readonly patch: number; readonly subpatch: number; readonly location: number };
  /** Text the grounder matched, for the OCR grounder. */
  readonly matchedText?: string;
}

/** The answer of `locate`: points in the pixels of the image that was passed in, or not found. */
export interface LocateResult {
  readonly points: readonly LocatedPoint[];
  /** True when the grounder answered "no more points" before any point: the target is not on screen. */
  readonly notFound: boolean;
  /** Milliseconds per stage, e.g. `{ preprocess, vision, prefill, decode, total }`. */
  readonly timings: Readonly<Record<string, number>>;
}
