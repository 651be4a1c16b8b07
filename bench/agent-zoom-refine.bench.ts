/**
 * Zoom refine, measured: on the real screenshots of ../shared/realdev (ScreenSpot-v2 subset and
 * Midscene fixtures; only screens whose longer side exceeds 1600 px), locate each instruction with
 * and without zoom refine and score "point inside the box". Prints accuracy, how often refine moved
 * the point, and median/p95 latency of each. Two grounders with separate engines, so that neither
 * answers from the other's OCR cache.
 *
 *   npx tsx bench/agent-zoom-refine.bench.ts [--model ocr|<package>|<url>] [--crop-size 768] [--upscale 1] [--limit N]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Agent } from "../src/agent/agent.js";
import { resolveGrounder } from "../src/agent/grounders.js";
import { TargetNotFoundError } from "../src/core/errors.js";

const { values } = parseArgs({
  options: {
    model: { type: "string", default: "default" },
    "crop-size": { type: "string", default: "768" },
    upscale: { type: "string", default: "1" },
    limit: { type: "string" },
    root: { type: "string", default: join(import.meta.dirname, "..", "..", "shared", "realdev") },
  },
});

interface Item {
  image: string;
  instruction: string;
  bbox: [number, number, number, number];
  width: number;
  height: number;
  ui_type: string;
}
const items: Item[] = [];
for (const set of ["screenspot_v2_subset", "midscene_eval_fixtures"]) {
  for (const line of readFileSync(join(values.root, set, "annotations.jsonl"), "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const item = JSON.parse(line) as Item;
    if (Math.max(item.width, item.height) > 1600) items.push({ ...item, image: join(values.root, set, item.image) });
  }
}
const selected = values.limit === undefined ? items : items.slice(0, Number(values.limit));
const zoom = { cropSize: Number(values["crop-size"]), upscale: Number(values.upscale) };

const percentile = (samples: number[], p: number) => [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? Number.NaN;
const plainGrounder = await resolveGrounder(values.model);
const refineGrounder = await resolveGrounder(values.model);
const rows = { plain: { hits: 0, found: 0, ms: [] as number[] }, refine: { hits: 0, found: 0, ms: [] as number[], moved: 0 } };
const inside = (point: { x: number; y: number }, [x1, y1, x2, y2]: Item["bbox"]) => point.x >= x1 && point.x <= x2 && point.y >= y1 && point.y <= y2;

for (const [index, item] of selected.entries()) {
  const line: string[] = [];
  let plainPoint: { x: number; y: number } | undefined;
  for (const mode of ["plain", "refine"] as const) {
    const agent = await Agent.forImage(item.image, { grounder: mode === "plain" ? plainGrounder : refineGrounder, timeout: 0 });
    const started = performance.now();
    try {
      const result = await agent.locate(item.instruction, mode === "refine" ? { zoomRefine: zoom } : {});
      const point = result.point!.image;
      rows[mode].found++;
      if (inside(point, item.bbox)) rows[mode].hits++;
      if (mode === "plain") plainPoint = point;
      else if (plainPoint && (Math.abs(plainPoint.x - point.x) > 0.5 || Math.abs(plainPoint.y - point.y) > 0.5)) rows.refine.moved++;
      line.push(`${mode} ${inside(point, item.bbox) ? "hit " : "miss"}`);
    } catch (error) {
      if (!TargetNotFoundError.isInstance(error)) throw error;
      line.push(`${mode} none`);
    }
    rows[mode].ms.push(performance.now() - started);
    await agent.close();
  }
  console.log(`${String(index + 1).padStart(3)}/${selected.length} ${item.width}x${item.height} ${item.ui_type.padEnd(7)} ${line.join("  ")}  ${JSON.stringify(item.instruction.slice(0, 50))}`);
}
const n = selected.length;
console.log(`\nmodel ${plainGrounder.name}, ${n} items (screens > 1600 px), refine crop ${zoom.cropSize} px, upscale ${zoom.upscale}`);
console.log(`plain:  accuracy ${rows.plain.hits}/${n} (${((100 * rows.plain.hits) / n).toFixed(1)} %), found ${rows.plain.found}, median ${Math.round(percentile(rows.plain.ms, 0.5))} ms, p95 ${Math.round(percentile(rows.plain.ms, 0.95))} ms`);
console.log(`refine: accuracy ${rows.refine.hits}/${n} (${((100 * rows.refine.hits) / n).toFixed(1)} %), found ${rows.refine.found}, moved ${rows.refine.moved}, median ${Math.round(percentile(rows.refine.ms, 0.5))} ms, p95 ${Math.round(percentile(rows.refine.ms, 0.95))} ms`);
await plainGrounder.dispose?.();
await refineGrounder.dispose?.();
