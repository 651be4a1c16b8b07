// The OCR grounder on the realdev sets: point inside the box = correct.
// Usage: nice -n 10 npx tsx bench/ocr-grounder-eval.ts [set ...]   (sets: screenspot_v2_subset midscene_eval_fixtures)
// One pass scores two ways: "always" takes the best match whatever its confidence (plain OCR + fuzzy
// matching), "default" applies the grounder's not-found threshold (a point below it counts as wrong).
// VERBOSE=1 lists the items.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createOcrGrounder } from "../src/grounders/ocr-grounder.js";
import { decodeImage } from "../src/image/decode-image.js";
import { pointInBox } from "./ocr-grounder-sets.js";

interface Annotation {
  id: string;
  image: string;
  instruction: string;
  bbox: [number, number, number, number];
  platform: string;
  ui_type: string;
}

const root = "/work/shared/realdev";
const sets = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["screenspot_v2_subset", "midscene_eval_fixtures"];
const defaultMinScore = 0.75;
const grounder = await createOcrGrounder({ minScore: 0 });
const verbose = process.env.VERBOSE !== undefined;

for (const set of sets) {
  const lines = (await readFile(join(root, set, "annotations.jsonl"), "utf8")).split("\n").filter((line) => line.trim() !== "");
  const items = lines.map((line) => JSON.parse(line) as Annotation);
  const groups = new Map<string, { correct: number; correctWithThreshold: number; total: number }>();
  const count = (key: string, correct: boolean, correctWithThreshold: boolean): void => {
    const group = groups.get(key) ?? { correct: 0, correctWithThreshold: 0, total: 0 };
    group.total += 1;
    if (correct) group.correct += 1;
    if (correctWithThreshold) group.correctWithThreshold += 1;
    groups.set(key, group);
  };
  let notFound = 0;
  const times: number[] = [];
  for (const item of items) {
    const image = await decodeImage(join(root, set, item.image));
    const result = await grounder.locate(image, item.instruction);
    times.push(result.timings.total ?? 0);
    const point = result.points[0];
    const correct = point !== undefined && pointInBox(point, item.bbox);
    const kept = point !== undefined && point.confidence >= defaultMinScore;
    if (!kept) notFound += 1;
    for (const key of ["overall", `ui_type=${item.ui_type}`, `platform=${item.platform}`]) count(key, correct, correct && kept);
    if (verbose) {
      const where = point === undefined ? "not found" : `(${point.x.toFixed(0)},${point.y.toFixed(0)}) "${point.matchedText}" ${point.confidence.toFixed(2)}`;
      console.log(`${correct ? "✓" : "✗"} ${item.id} [${item.ui_type}] "${item.instruction}" → ${where}`);
    }
  }
  console.log(`\n${set}: ${items.length} items; not-found answers at the default threshold ${defaultMinScore}: ${notFound}`);
  console.log(`  ${"".padEnd(22)} always answer     default threshold`);
  for (const [key, group] of [...groups.entries()].sort()) {
    const share = (value: number): string => `${((100 * value) / group.total).toFixed(1).padStart(5)} % (${value}/${group.total})`.padEnd(18);
    console.log(`  ${key.padEnd(22)} ${share(group.correct)}${share(group.correctWithThreshold)}`);
  }
  times.sort((a, b) => a - b);
  console.log(`  median locate ${times[times.length >> 1]?.toFixed(0)} ms (OCR cached after the first item of each screenshot)`);
}
await grounder.dispose();
