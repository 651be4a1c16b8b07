// Scores the OCR grounder's word→point decision (groundInWords) offline, on OCR words cached by
// bench/ocr-grounder-read.ts, per instruction kind: point inside the box on positives, not-found on negatives.
// Usage: npx tsx bench/ocr-grounder-synth.ts <set dir> [...]   (MISSES=<kind> lists that kind's misses,
//   HITS=negative lists the negatives answered with a point; MIN_SCORE=0.75 sets the threshold; NO_IMAGE=1
//   scores without the screenshots, i.e. without finding controls beside their labels)
// Kinds of synthetic instructions are recovered from their wording (bench/ocr-grounder-kinds.ts);
// realdev items are grouped by ui_type.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { groundInWords } from "../src/grounders/ground-words.js";
import { decodeImage } from "../src/image/decode-image.js";
import { synthInstructionKind } from "./ocr-grounder-kinds.js";
import { cacheDirectory, pointInBox, readSetScreens, type CachedReading, type EvalItem } from "./ocr-grounder-sets.js";

const minScore = Number(process.env.MIN_SCORE ?? 0.75);
const sweep = [0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];
const listMisses = process.env.MISSES;
const listHits = process.env.HITS;

function kindOf(item: EvalItem, family: string): string {
  if (item.box === undefined) return "negative";
  if (family === "realdev") return `realdev:${item.role}`;
  return synthInstructionKind(item);
}

for (const set of process.argv.slice(2)) {
  const screens = await readSetScreens(set);
  const cache = cacheDirectory(set);
  /** Per kind: items, and per threshold the hits (positives) or not-found answers (negatives); index sweep.length = always answer. */
  const table = new Map<string, { total: number; counts: number[] }>();
  let screensRead = 0;
  const started = performance.now();
  for (const screen of screens) {
    let reading: CachedReading;
    try {
      reading = JSON.parse(await readFile(join(cache, `${screen.id}.json`), "utf8")) as CachedReading;
    } catch {
      continue;
    }
    screensRead += 1;
    const image = process.env.NO_IMAGE === undefined ? await decodeImage(join(set, screen.image)) : undefined;
    for (const item of screen.items) {
      const kind = kindOf(item, screen.family);
      const [point] = groundInWords(item.instruction, reading.words, {
        screen: { width: reading.width, height: reading.height },
        ...(image === undefined ? {} : { image }),
      });
      const row = table.get(kind) ?? { total: 0, counts: new Array<number>(sweep.length + 1).fill(0) };
      row.total += 1;
      const confidence = point?.confidence ?? -1;
      if (item.box === undefined) {
        sweep.forEach((threshold, index) => (row.counts[index] = (row.counts[index] ?? 0) + (confidence < threshold ? 1 : 0)));
        if (listHits !== undefined && confidence >= minScore) console.log(`  + ${screen.id} "${item.instruction}" → "${point?.matchedText}" ${confidence.toFixed(2)}`);
      } else {
        const inside = point !== undefined && pointInBox(point, item.box);
        sweep.forEach((threshold, index) => (row.counts[index] = (row.counts[index] ?? 0) + (inside && confidence >= threshold ? 1 : 0)));
        row.counts[sweep.length] = (row.counts[sweep.length] ?? 0) + (inside ? 1 : 0);
        if (listMisses !== undefined && (listMisses === kind || listMisses === "all") && !(inside && confidence >= minScore)) {
          const where = point === undefined ? "nothing" : `(${point.x.toFixed(0)},${point.y.toFixed(0)}) "${point.matchedText}" ${confidence.toFixed(2)}${inside ? " in box" : ""}`;
          console.log(`  - ${screen.id} [${kind} ${item.role} text="${item.text}" label="${item.label}"] "${item.instruction}" box=${item.box.join(",")} → ${where}`);
        }
      }
      table.set(kind, row);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`\n${set}: ${screensRead}/${screens.length} screens with cached OCR; scored in ${seconds.toFixed(1)} s`);
  console.log(`  positives: point in box (% at threshold ${sweep.join(" / ")} | always answer); negatives: not-found %`);
  const rows = [...table.entries()].sort(([a], [b]) => a.localeCompare(b));
  const positives = { total: 0, counts: new Array<number>(sweep.length + 1).fill(0) };
  for (const [kind, row] of rows) {
    if (kind !== "negative") {
      positives.total += row.total;
      row.counts.forEach((count, index) => (positives.counts[index] = (positives.counts[index] ?? 0) + count));
    }
  }
  const format = (name: string, row: { total: number; counts: number[] }, always: boolean): string =>
    `  ${name.padEnd(26)} ${String(row.total).padStart(6)}  ${row.counts
      .slice(0, always ? sweep.length + 1 : sweep.length)
      .map((count) => ((100 * count) / row.total).toFixed(1).padStart(5))
      .join(" ")}`;
  for (const [kind, row] of rows) console.log(format(kind, row, kind !== "negative"));
  console.log(format("all positives", positives, true));
}
