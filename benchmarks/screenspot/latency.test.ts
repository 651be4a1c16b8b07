import { describe, expect, it } from "vitest";
import type { EvalItem } from "./eval-item.js";
import { latencyTable, percentile } from "./latency.js";
import type { ScoredItem } from "./summarize.js";

describe("percentile (linear, as numpy.percentile)", () => {
  it.each([
    [[5], 0.5, 5],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[4, 1, 3, 2], 0.95, 3.85],
    [[10, 20], 0.95, 19.5],
  ])("%j at %f → %f", (values, fraction, expected) => {
    expect(percentile(values, fraction)).toBeCloseTo(expected, 12);
  });
  it("is NaN for no values", () => expect(percentile([], 0.5)).toBeNaN());
});

describe("latencyTable", () => {
  const item = { id: "x", benchmark: "jsonl", image: "a.png", instruction: "", target: { kind: "refusal" }, imageSize: [1920, 1080], group: undefined, application: undefined, platform: undefined, uiTypes: [] } satisfies EvalItem;
  const entry = (locateMs: number, resolution: string, timings: Record<string, number>, error?: string, loadMs = 0): ScoredItem => ({
    item,
    prediction: { id: "x", points: [], notFound: true, timings, imageWidth: 1920, imageHeight: 1080, loadMs, locateMs, ...(error ? { error } : {}) },
    outcome: "correct",
    correct: true,
    imageSize: [1920, 1080],
    resolution,
  });

  it("splits by resolution, lists stages in first-seen order, skips failed items", () => {
    const table = latencyTable([
      entry(100, "≤2.1 MP (1080p)", { vision: 60, decode: 40 }),
      entry(300, "≤2.1 MP (1080p)", { vision: 200, decode: 100 }, undefined, 40),
      entry(900, "≤8.3 MP (4K)", { preprocess: 5, vision: 800 }),
      entry(99999, "≤8.3 MP (4K)", {}, "timed out"),
    ]);
    expect(table.stageNames).toEqual(["vision", "decode", "preprocess"]);
    expect(table.overall.count).toBe(3);
    expect(table.byResolution["≤2.1 MP (1080p)"]?.locate.p50).toBe(200);
    expect(table.byResolution["≤2.1 MP (1080p)"]?.stages.decode?.p95).toBeCloseTo(97, 9);
    expect(table.byResolution["≤8.3 MP (4K)"]?.count).toBe(1);
    expect(Object.keys(table.byResolution)).toEqual(["≤2.1 MP (1080p)", "≤8.3 MP (4K)"]);
    expect(table.firstOnScreenshot.count).toBe(1);
    expect(table.firstOnScreenshot.locate.p50).toBe(300);
  });
});
