import { describe, expect, it } from "vitest";
import type { EvalItem, EvalTarget } from "./eval-item.js";
import type { PredictionRecord } from "./prediction-record.js";
import { reportMarkdown, scoringProtocols, type EvalReport } from "./report.js";
import { latencyTable } from "./latency.js";
import { scoreItems, summarize } from "./summarize.js";

const box: EvalTarget = { kind: "box", x1: 0, y1: 0, x2: 10, y2: 10 };
const item = (id: string, fields: Partial<EvalItem>): EvalItem => ({
  id, benchmark: "osworld-g", image: `${id}.png`, instruction: id, target: box, imageSize: [1920, 1080],
  group: "original", application: undefined, platform: "linux", uiTypes: ["Button"], ...fields,
});
const prediction = (id: string, x: number | undefined, fields: Partial<PredictionRecord> = {}): PredictionRecord => ({
  id, points: x === undefined ? [] : [{ x, y: 5 }], notFound: x === undefined, timings: { vision: 10 },
  imageWidth: 1920, imageHeight: 1080, loadMs: 1, locateMs: 12, ...fields,
});

describe("scoreItems + summarize", () => {
  const items = [
    item("a", { uiTypes: ["Button", "Icon"] }),
    item("b", { uiTypes: ["Icon"], imageSize: [1280, 720] }),
    item("c", { target: { kind: "refusal" }, uiTypes: ["/"] }),
    item("d", { target: { kind: "polygon", vertices: [0, 0, 10, 0, 5, 10] }, group: "refined" }),
    item("e", {}),
    item("not-run", {}),
  ];
  const predictions = new Map(
    [prediction("a", 5), prediction("b", 50), prediction("c", undefined), prediction("d", 5), prediction("e", 5, { error: "timed out", errorCode: "timeout" })].map(
      (record) => [record.id, record],
    ),
  );
  const scored = scoreItems(items, predictions);
  const summary = summarize(scored);

  it("scores only items with a prediction", () => {
    expect(scored.map((entry) => `${entry.item.id}:${entry.outcome}`)).toEqual(["a:correct", "b:wrong", "c:correct", "d:correct", "e:error"]);
    expect(summary).toMatchObject({ correct: 3, total: 5, accuracy: 0.6, outcomes: { correct: 3, wrong: 1, no_point: 0, error: 1 } });
  });

  it.each([
    ["uiType", { "/": [1, 1], Button: [2, 3], Icon: [1, 2] }],
    ["group", { original: [2, 4], refined: [1, 1] }],
    ["targetKind", { box: [1, 3], polygon: [1, 1], refusal: [1, 1] }],
    ["resolution", { "≤1.1 MP (≤1280×800)": [0, 1], "≤2.1 MP (1080p)": [3, 4] }],
    // group × type only for single-label items (the ScreenSpot leaderboard cells): "a" has two labels.
    ["groupUiType", { "original / /": [1, 1], "original / Button": [0, 1], "original / Icon": [0, 1], "refined / Button": [1, 1] }],
    ["application", {}],
  ] as const)("breakdown by %s (multi-label types count under each label)", (dimension, expected) => {
    const table = Object.fromEntries(Object.entries(summary.breakdown[dimension]).map(([key, tally]) => [key, [tally.correct, tally.total]]));
    expect(table).toEqual(expected);
  });

  it("renders Markdown with the protocol, the breakdowns and the latency stages", () => {
    const report: EvalReport = {
      benchmark: "osworld-g", protocol: scoringProtocols["osworld-g"], model: "ocr", grounder: "ocr", annotations: "a.json", images: "img",
      notes: [], ...summary, items: { loaded: 6, selected: 6, missingImages: 1, scored: 5 }, missingImages: ["not-run.png"],
      latency: latencyTable(scored),
      run: { workers: 1, seed: 0, limit: undefined, sample: undefined, timeoutMs: 1, resumed: 0, computed: 5, restarts: 0, wallSeconds: 1, finishedAt: "", command: "groundpoint eval" },
    };
    const markdown = reportMarkdown(report);
    expect(markdown).toContain("**Accuracy 60.0%** (3 / 5)");
    expect(markdown).toContain("refusal items correct only when the grounder declines");
    expect(markdown).toContain("1 left out: image missing");
    expect(markdown).toContain("| refined / Button | 100.0% | 1 | 1 |");
    expect(markdown).toContain("| resolution | n | locate | load | vision |");
    expect(markdown).toContain("| **all** | 4 | 12.0 / 12.0 | 1.0 / 1.0 | 10.0 / 10.0 |");
  });
});
