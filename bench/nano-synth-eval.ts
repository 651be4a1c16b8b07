/**
 * Scores a model package through the TS runtime (onnxruntime-node, MolmoPointGrounder) on a held-out
 * synthetic set written by tools/synth: point inside the element's box for element instructions, and
 * not-found for the screen's negatives. The PyTorch validation of tools/molmopoint/train.py emulates
 * this decode; this bench is the real one.
 *
 *   npx tsx bench/nano-synth-eval.ts PACKAGE SYNTH_DIR [--screens 5] [--per-screen 4] [--negatives 2] [--max-crops 8]
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { decodeImage } from "../src/image/decode-image.js";
import { createMolmoPointGrounder } from "../src/runtime/molmopoint/molmopoint-grounder.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    screens: { type: "string", default: "5" },
    "per-screen": { type: "string", default: "4" },
    negatives: { type: "string", default: "2" },
    "max-crops": { type: "string", default: "8" },
    threads: { type: "string", default: "2" },
  },
});
const [packageDir, synthDir] = positionals;
if (!packageDir || !synthDir) throw new Error("usage: npx tsx bench/nano-synth-eval.ts PACKAGE SYNTH_DIR [--screens N]");
interface Element { box: [number, number, number, number]; instructions: string[] }
interface Screen { id: string; image: string; elements: Element[]; negatives: string[] }
const screens: Screen[] = (await readFile(join(synthDir, "shard-00000.jsonl"), "utf8")).split("\n").filter(Boolean).map((line) => JSON.parse(line) as Screen);
const grounder = await createMolmoPointGrounder(packageDir, { intraOpThreads: Number(values.threads), check: "size" });
const maxCrops = Number(values["max-crops"]);
let positives = 0, hits = 0, negatives = 0, notFound = 0;
const times: number[] = [];
for (const screen of screens.slice(0, Number(values.screens))) {
  const image = await decodeImage(join(synthDir, screen.image));
  // deterministic spread over the screen's elements: every k-th element, first instruction
  const count = Math.min(Number(values["per-screen"]), screen.elements.length);
  const stride = Math.max(1, Math.floor(screen.elements.length / count));
  for (let i = 0; i < count; i++) {
    const element = screen.elements[i * stride]!;
    const instruction = element.instructions[1] ?? element.instructions[0]!;
    const result = await grounder.locate(image, instruction, { maxCrops });
    times.push(result.timings.total!);
    const point = result.points[0];
    const [x1, y1, x2, y2] = element.box;
    const inside = point !== undefined && point.x >= x1 && point.x < x2 && point.y >= y1 && point.y < y2;
    positives++;
    if (inside) hits++;
    console.log(`${screen.id} ${inside ? "HIT " : "miss"} "${instruction}" box [${element.box.join(",")}] -> ${point ? `(${point.x.toFixed(0)}, ${point.y.toFixed(0)})` : `not found (${result.stopReason})`}`);
  }
  for (const instruction of screen.negatives.slice(0, Number(values.negatives))) {
    const result = await grounder.locate(image, instruction, { maxCrops });
    times.push(result.timings.total!);
    negatives++;
    if (result.notFound) notFound++;
    console.log(`${screen.id} ${result.notFound ? "NMP " : "FP  "} "${instruction}" (absent) -> ${result.notFound ? result.stopReason : `(${result.points[0]!.x.toFixed(0)}, ${result.points[0]!.y.toFixed(0)})`}`);
  }
}
await grounder.dispose();
const sorted = [...times].sort((a, b) => a - b);
console.log(`point in box ${hits}/${positives} = ${((100 * hits) / Math.max(positives, 1)).toFixed(1)} %; ` +
  `not-found on negatives ${notFound}/${negatives} = ${((100 * notFound) / Math.max(negatives, 1)).toFixed(1)} %; ` +
  `max crops ${maxCrops}; median locate ${sorted[sorted.length >> 1]?.toFixed(0)} ms (wall, this machine's load)`);
