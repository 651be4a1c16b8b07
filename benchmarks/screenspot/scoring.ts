/**
 * Scoring rules, one per benchmark, as their official scripts apply them. Pure: no I/O.
 *
 * - ScreenSpot-Pro (`eval_screenspot_pro.py`) and ScreenSpot-v2 (SeeClick / OS-Atlas): the box and the
 *   point are both divided by the image size, and the point is correct iff `x1 <= x <= x2 and
 *   y1 <= y <= y2` (edges included). Dividing both sides is not a no-op in float64 (two different
 *   pixels can round to the same fraction), so we divide too.
 * - OSWorld-G: bbox items compare in pixels, edges included; polygon items use the even-odd ray-casting
 *   test of the official code (a point on an edge may fall either side, exactly as there); refusal items
 *   are correct only when the grounder declines: no point, or (as the official code checks) a point whose
 *   coordinates are all negative.
 * - Our JSONL: pixels, edges included.
 * Only the first predicted point counts. No point on a non-refusal item is wrong ("wrong_format").
 * Points outside the image are not clamped: the official scripts do not clamp either.
 */
import type { BenchmarkName, EvalTarget } from "./eval-item.js";

/** A predicted point in original-image pixels. */
export interface PredictedPoint {
  readonly x: number;
  readonly y: number;
}

/** How one item came out. `error` means the grounder failed or timed out; it counts as wrong. */
export type Outcome = "correct" | "wrong" | "no_point" | "error";

/** What the scorer needs to know about a prediction. */
export interface ScoredPrediction {
  /** The grounder's points, best first; only the first one is scored. */
  readonly points: readonly PredictedPoint[];
  /** Set when the grounder failed on this item (timeout, exception). */
  readonly error?: string | undefined;
}

/** Inclusive box test: `x1 <= x <= x2 and y1 <= y <= y2`. */
export function pointInBox(point: PredictedPoint, box: { x1: number; y1: number; x2: number; y2: number }): boolean {
  return box.x1 <= point.x && point.x <= box.x2 && box.y1 <= point.y && point.y <= box.y2;
}

/**
 * Even-odd ray casting over a flat `[x1, y1, x2, y2, …]` vertex list (closed implicitly), the test the
 * official OSWorld-G scorer uses: an edge counts when `(yi > y) != (yj > y)` and the point lies strictly
 * left of where the edge crosses the point's row.
 */
export function pointInPolygon(point: PredictedPoint, vertices: readonly number[]): boolean {
  const count = Math.floor(vertices.length / 2);
  let inside = false;
  for (let i = 0, j = count - 1; i < count; j = i, i += 1) {
    const xi = vertices[2 * i] as number;
    const yi = vertices[2 * i + 1] as number;
    const xj = vertices[2 * j] as number;
    const yj = vertices[2 * j + 1] as number;
    if (yi > point.y !== yj > point.y && point.x < ((xj - xi) * (point.y - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

/**
 * Scores one prediction.
 * @param imageSize `[width, height]` used by the normalising rules (ScreenSpot-Pro, -v2): the annotation's
 *   `img_size` when it has one, else the decoded image's size.
 */
export function scorePrediction(
  benchmark: BenchmarkName,
  target: EvalTarget,
  prediction: ScoredPrediction,
  imageSize: readonly [number, number],
): Outcome {
  if (prediction.error !== undefined) return "error";
  const point = prediction.points[0];
  if (target.kind === "refusal") {
    if (point === undefined) return "correct";
    return point.x < 0 && point.y < 0 ? "correct" : "wrong";
  }
  if (point === undefined) return "no_point";
  if (!Number.isFinite(point.x) || !Number.isFinite(point.y)) return "no_point";
  if (target.kind === "polygon") return pointInPolygon(point, target.vertices) ? "correct" : "wrong";
  if (benchmark === "screenspot-pro" || benchmark === "screenspot-v2") {
    const [width, height] = imageSize;
    const normalisedBox = { x1: target.x1 / width, y1: target.y1 / height, x2: target.x2 / width, y2: target.y2 / height };
    return pointInBox({ x: point.x / width, y: point.y / height }, normalisedBox) ? "correct" : "wrong";
  }
  return pointInBox(point, target) ? "correct" : "wrong";
}

/** Resolution buckets by pixel count, named after the common screen they contain. */
const resolutionBuckets: readonly { readonly maxPixels: number; readonly label: string }[] = [
  { maxPixels: 1_100_000, label: "≤1.1 MP (≤1280×800)" },
  { maxPixels: 2_100_000, label: "≤2.1 MP (1080p)" },
  { maxPixels: 3_700_000, label: "≤3.7 MP (1440p)" },
  { maxPixels: 8_300_000, label: "≤8.3 MP (4K)" },
  { maxPixels: Number.POSITIVE_INFINITY, label: ">8.3 MP (5K+)" },
];

/** The resolution bucket of an image, e.g. `"≤2.1 MP (1080p)"` for 1920×1080. */
export function resolutionBucket(width: number, height: number): string {
  const pixels = width * height;
  return (resolutionBuckets.find((bucket) => pixels <= bucket.maxPixels) ?? resolutionBuckets[resolutionBuckets.length - 1]!).label;
}

/** All bucket labels in ascending order (for stable report rows). */
export const resolutionBucketLabels: readonly string[] = resolutionBuckets.map((bucket) => bucket.label);
