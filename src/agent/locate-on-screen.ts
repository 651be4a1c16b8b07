/**
 * One locate on one screenshot: explicit coordinates pass through; an instruction goes to the
 * verified cache, else to the grounder (then, optionally, zoom refine), and the answer is mapped
 * into every coordinate space.
 */
import { imageToDevice, imageToLogical, type ScreenSpace } from "../core/coordinates.js";
import type { Grounder, LocatedPoint } from "../core/grounder.js";
import type { Box } from "../core/image.js";
import type { Screenshot } from "../actions/device.js";
import type { CacheStatus, LocatedTarget, Target, ZoomRefineOptions } from "./agent-types.js";
import type { CallScope } from "./call-scope.js";
import type { LocateCache } from "./locate-cache.js";
import { screenFingerprint } from "./pixels.js";
import { zoomRefine } from "./zoom-refine.js";

/** What to locate and how. */
export interface LocatePlan {
  readonly target: Target;
  /** Needed for instructions; unused for explicit coordinates. */
  readonly grounder: Grounder | undefined;
  readonly maxPoints: number;
  readonly maxCrops: number | undefined;
  /** Undefined = no cache for this call. */
  readonly cache: LocateCache | undefined;
  /** Undefined = no zoom refine. */
  readonly zoomRefine: ZoomRefineOptions | undefined;
}

/** What one locate found. */
export interface ScreenLocate {
  readonly points: LocatedTarget[];
  /** `coordinates` for explicit targets. */
  readonly grounder: string;
  readonly cache: CacheStatus;
  readonly timings: Record<string, number>;
  readonly refineCrop: Box | undefined;
}

/** Maps an image point into the three spaces. */
export function inSpaces(point: LocatedPoint, space: ScreenSpace): LocatedTarget {
  const image = { x: point.x, y: point.y };
  return {
    image,
    device: imageToDevice(image, space),
    logical: imageToLogical(image, space),
    confidence: point.confidence,
    ...(point.matchedText === undefined ? {} : { matchedText: point.matchedText }),
  };
}

function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 100) / 100;
}

/** Locates `plan.target` on `screenshot`. An empty `points` list means not found. */
export async function locateOnScreen(screenshot: Screenshot, plan: LocatePlan, scope: CallScope): Promise<ScreenLocate> {
  const { image, space } = screenshot;
  const timings: Record<string, number> = {};
  if (typeof plan.target !== "string") {
    const { x, y } = plan.target;
    if (x < 0 || y < 0 || x >= image.width || y >= image.height) {
      scope.log(`coordinates (${x}, ${y}) are outside the ${image.width}×${image.height} screenshot`);
      return { points: [], grounder: "coordinates", cache: { status: "off" }, timings, refineCrop: undefined };
    }
    return { points: [inSpaces({ x, y, confidence: 1 }, space)], grounder: "coordinates", cache: { status: "off" }, timings, refineCrop: undefined };
  }
  const instruction = plan.target;
  const grounder = plan.grounder;
  if (!grounder) throw new TypeError("locateOnScreen: an instruction needs a grounder.");
  // Only single-point locates are cached: a cached "every checkbox" could not be verified by one patch.
  const cache = plan.maxPoints === 1 ? plan.cache : undefined;
  let cacheStatus: CacheStatus = { status: "off" };
  let fingerprint: string | undefined;
  if (cache) {
    const started = performance.now();
    fingerprint = screenFingerprint(image);
    const lookup = cache.lookup(instruction, image, fingerprint);
    timings.cache = elapsed(started);
    if (lookup.entry) {
      scope.log(`cache hit (${cache.strategy}), patch correlation ${lookup.correlation?.toFixed(3)}`);
      const entry = lookup.entry;
      const point = { x: entry.point.x, y: entry.point.y, confidence: entry.confidence, ...(entry.matchedText === undefined ? {} : { matchedText: entry.matchedText }) };
      return {
        points: [inSpaces(point, space)],
        grounder: entry.grounder,
        cache: { status: "hit", ...(lookup.correlation === undefined ? {} : { correlation: lookup.correlation }) },
        timings,
        refineCrop: undefined,
      };
    }
    scope.log(`cache miss: ${lookup.reason}${lookup.correlation === undefined ? "" : ` (best correlation ${lookup.correlation.toFixed(3)})`}`);
    cacheStatus = { status: "miss", ...(lookup.reason === undefined ? {} : { reason: lookup.reason }), ...(lookup.correlation === undefined ? {} : { correlation: lookup.correlation }) };
  }

  const started = performance.now();
  const answer = await grounder.locate(image, instruction, {
    maxPoints: plan.maxPoints,
    signal: scope.signal,
    ...(plan.maxCrops === undefined ? {} : { maxCrops: plan.maxCrops }),
  });
  timings.locate = elapsed(started);
  for (const [stage, ms] of Object.entries(answer.timings)) timings[`grounder.${stage}`] = ms;
  scope.log(
    answer.notFound || answer.points.length === 0
      ? `${grounder.name}: not found (${Math.round(timings.locate)} ms)`
      : `${grounder.name}: ${answer.points.length} point(s), first (${Math.round(answer.points[0]!.x)}, ${Math.round(answer.points[0]!.y)}) confidence ${answer.points[0]!.confidence.toFixed(2)}`,
  );
  if (answer.notFound || answer.points.length === 0) {
    return { points: [], grounder: grounder.name, cache: cacheStatus, timings, refineCrop: undefined };
  }
  let points: LocatedPoint[] = [...answer.points];
  let refineCrop: Box | undefined;
  if (plan.zoomRefine && plan.maxPoints === 1) {
    const refineStarted = performance.now();
    const refined = await zoomRefine(image, instruction, points[0]!, grounder, plan.zoomRefine, {
      signal: scope.signal,
      ...(plan.maxCrops === undefined ? {} : { maxCrops: plan.maxCrops }),
    });
    timings.refine = elapsed(refineStarted);
    if (refined) {
      refineCrop = refined.crop;
      const size = `${refined.crop.x2 - refined.crop.x1 + 1}×${refined.crop.y2 - refined.crop.y1 + 1}`;
      scope.log(
        refined.refined
          ? `zoom refine in a ${size} crop: (${Math.round(refined.point.x)}, ${Math.round(refined.point.y)})`
          : `zoom refine in a ${size} crop found nothing; keeping the first point`,
      );
      points = [refined.point];
    }
  }
  if (cache) cache.store(instruction, image, points[0]!, grounder.name, fingerprint);
  return { points: points.map((point) => inSpaces(point, space)), grounder: grounder.name, cache: cacheStatus, timings, refineCrop };
}
