import { describe, expect, it } from "vitest";
import type { BenchmarkName, EvalTarget } from "./eval-item.js";
import { pointInPolygon, resolutionBucket, scorePrediction, type Outcome, type ScoredPrediction } from "./scoring.js";

const box: EvalTarget = { kind: "box", x1: 100, y1: 200, x2: 150, y2: 240 };
// A square with a notch: (0,0) (10,0) (10,10) (6,10) (6,4) (4,4) (4,10) (0,10).
const notched: EvalTarget = { kind: "polygon", vertices: [0, 0, 10, 0, 10, 10, 6, 10, 6, 4, 4, 4, 4, 10, 0, 10] };
const refusal: EvalTarget = { kind: "refusal" };
const at = (x: number, y: number): ScoredPrediction => ({ points: [{ x, y }] });
const none: ScoredPrediction = { points: [] };

describe("scorePrediction", () => {
  it.each<[string, BenchmarkName, EvalTarget, ScoredPrediction, Outcome]>([
    ["inside", "jsonl", box, at(120, 220), "correct"],
    ["top-left corner (edges count)", "jsonl", box, at(100, 200), "correct"],
    ["bottom-right corner (edges count)", "jsonl", box, at(150, 240), "correct"],
    ["just past the right edge", "jsonl", box, at(150.0001, 220), "wrong"],
    ["just above the top edge", "jsonl", box, at(120, 199.999), "wrong"],
    ["only the first point counts", "jsonl", box, { points: [{ x: 0, y: 0 }, { x: 120, y: 220 }] }, "wrong"],
    ["missing prediction", "jsonl", box, none, "no_point"],
    ["NaN point", "jsonl", box, at(Number.NaN, 220), "no_point"],
    ["grounder error", "jsonl", box, { points: [{ x: 120, y: 220 }], error: "timeout" }, "error"],
    ["point outside the image", "screenspot-pro", box, at(-5, 2000), "wrong"],
    ["sspro: on the edge after normalising", "screenspot-pro", box, at(150, 240), "correct"],
    ["sspro: missing point is wrong", "screenspot-pro", box, none, "no_point"],
    ["osworld box edge", "osworld-g", box, at(100, 240), "correct"],
    ["polygon: inside the body", "osworld-g", notched, at(2, 8), "correct"],
    ["polygon: in the notch (inside the bounding box)", "osworld-g", notched, at(5, 8), "wrong"],
    ["polygon: outside", "osworld-g", notched, at(11, 5), "wrong"],
    ["polygon: missing point", "osworld-g", notched, none, "no_point"],
    ["refusal: declined", "osworld-g", refusal, none, "correct"],
    ["refusal: any click is wrong", "osworld-g", refusal, at(10, 10), "wrong"],
    ["refusal: a click at the origin is wrong", "osworld-g", refusal, at(0, 0), "wrong"],
    ["refusal: all-negative point means declined (official check)", "osworld-g", refusal, at(-1, -1), "correct"],
    ["refusal: one negative coordinate is still a click", "osworld-g", refusal, at(-1, 5), "wrong"],
    ["refusal: error is wrong", "osworld-g", refusal, { points: [], error: "crash" }, "error"],
  ])("%s", (_name, benchmark, target, prediction, expected) => {
    expect(scorePrediction(benchmark, target, prediction, [1920, 1080])).toBe(expected);
  });

  it("box reaching past the image: a point outside the image but inside the box counts (no clamping)", () => {
    const inventor: EvalTarget = { kind: "box", x1: 135, y1: -1, x2: 151, y2: 19 };
    expect(scorePrediction("screenspot-pro", inventor, at(140, -0.5), [3840, 1080])).toBe("correct");
  });

  it("normalising can merge float64 neighbours, as the official script does", () => {
    // 16 - 1 ulp is left of x1 = 16 in pixels, but both divide by 1920 to the same float64 fraction.
    const below = 15.999999999999998;
    expect(below < 16).toBe(true);
    expect(below / 1920).toBe(16 / 1920);
    const target: EvalTarget = { kind: "box", x1: 16, y1: 0, x2: 40, y2: 10 };
    expect(scorePrediction("jsonl", target, at(below, 5), [1920, 1080])).toBe("wrong");
    expect(scorePrediction("screenspot-pro", target, at(below, 5), [1920, 1080])).toBe("correct");
  });
});

describe("pointInPolygon (even-odd, official edge convention)", () => {
  const square = [0, 0, 10, 0, 10, 10, 0, 10];
  it.each<[string, number, number, boolean]>([
    ["centre", 5, 5, true],
    ["left edge counts (strictly left of the crossing)", 0, 5, true],
    ["right edge does not", 10, 5, false],
    ["top edge: yi > y is false for both ends", 5, 0, true],
    ["bottom edge does not", 5, 10, false],
    ["far outside", 50, 50, false],
  ])("%s", (_name, x, y, expected) => {
    expect(pointInPolygon({ x, y }, square)).toBe(expected);
  });

  it("does not depend on winding direction", () => {
    const reversed = [0, 10, 10, 10, 10, 0, 0, 0];
    for (const [x, y] of [[5, 5], [0, 5], [10, 5], [50, 50]] as const) {
      expect(pointInPolygon({ x, y }, reversed)).toBe(pointInPolygon({ x, y }, square));
    }
  });
});

describe("resolutionBucket", () => {
  it.each([
    [960, 540, "≤1.1 MP (≤1280×800)"],
    [1280, 800, "≤1.1 MP (≤1280×800)"],
    [1920, 1080, "≤2.1 MP (1080p)"],
    [1080, 2400, "≤3.7 MP (1440p)"],
    [2560, 1440, "≤3.7 MP (1440p)"],
    [3840, 2160, "≤8.3 MP (4K)"],
    [5120, 2880, ">8.3 MP (5K+)"],
  ])("%i×%i → %s", (width, height, label) => {
    expect(resolutionBucket(width, height)).toBe(label);
  });
});
