/**
 * The one item shape every benchmark loader produces, and the target shapes the scorer knows.
 * Loaders keep the official numbers untouched (no rounding, no clamping); the scorer applies each
 * benchmark's own rule.
 */

/** An axis-aligned target box in original-image pixels, edges included: `[x1, y1, x2, y2]`. */
export interface BoxTarget {
  readonly kind: "box";
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** A polygon target (OSWorld-G), flat `[x1, y1, x2, y2, …]` in original-image pixels, not closed. */
export interface PolygonTarget {
  readonly kind: "polygon";
  readonly vertices: readonly number[];
}

/** An OSWorld-G refusal item: the target is not on screen; only declining is correct. */
export interface RefusalTarget {
  readonly kind: "refusal";
}

export type EvalTarget = BoxTarget | PolygonTarget | RefusalTarget;

/** Which benchmark an item came from; it picks the scoring rule. */
export type BenchmarkName = "screenspot-pro" | "screenspot-v2" | "osworld-g" | "jsonl";

/** All benchmark names, in `--benchmark` order. */
export const benchmarkNames: readonly BenchmarkName[] = ["screenspot-pro", "screenspot-v2", "osworld-g", "jsonl"];

/** One grounding question: an instruction on a screenshot and where the answer is. */
export interface EvalItem {
  /** Unique within a loaded set; the key of the predictions file. */
  readonly id: string;
  readonly benchmark: BenchmarkName;
  /** Image path relative to the images root, joined verbatim (ScreenSpot-Pro folders differ from app names). */
  readonly image: string;
  readonly instruction: string;
  readonly target: EvalTarget;
  /** `[width, height]` from the annotation, when it has one; otherwise the decoded image's size is used. */
  readonly imageSize: readonly [number, number] | undefined;
  /**
   * Labels for breakdowns: ScreenSpot-Pro `group` (CAD, Dev, …), ScreenSpot-v2 split (desktop, mobile, web),
   * OSWorld-G instruction set (original, refined), JSONL `platform`.
   */
  readonly group: string | undefined;
  readonly application: string | undefined;
  /** ScreenSpot-Pro platform (windows, macos, linux), ScreenSpot-v2 `data_source`, JSONL `os_or_site`. */
  readonly platform: string | undefined;
  /** UI types: one for ScreenSpot (text/icon), several for OSWorld-G (`GUI_types`). */
  readonly uiTypes: readonly string[];
}

/** What a loader returns: items plus anything worth saying about the files. */
export interface LoadedBenchmark {
  readonly benchmark: BenchmarkName;
  readonly items: readonly EvalItem[];
  /** The annotation files read, in order. */
  readonly files: readonly string[];
  /** Notes about the input: which schema was detected, repairs applied. */
  readonly notes: readonly string[];
}
