// Reads every screen of a synthetic set (tools/synth JSONL) or a realdev set with the OCR engine once and
// stores the words as JSON, so bench/ocr-grounder-synth.ts can score the matcher offline in seconds.
// Usage: nice -n 10 npx tsx bench/ocr-grounder-read.ts <set dir> [<set dir> ...]
//   a set dir holds shard-*.jsonl (synthetic) or annotations.jsonl (realdev); the words go to
//   data/ocr-cache/<set dir's last two path parts>/<screen id>.json (existing files are kept).
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { decodeImage } from "../src/image/decode-image.js";
import { OcrEngine } from "../src/runtime/ocr/ocr-engine.js";
import { cacheDirectory, readSetScreens } from "./ocr-grounder-sets.js";

const sets = process.argv.slice(2);
if (sets.length === 0) {
  console.error("Usage: npx tsx bench/ocr-grounder-read.ts <set dir> [...]");
  process.exit(2);
}
const engine = await OcrEngine.create({ cacheSize: 0 });
for (const set of sets) {
  const screens = await readSetScreens(set);
  const out = cacheDirectory(set);
  await mkdir(out, { recursive: true });
  const existing = new Set(await readdir(out));
  let done = 0;
  let cpuMs = 0;
  const wall = performance.now();
  for (const screen of screens) {
    const file = `${screen.id}.json`;
    done += 1;
    if (existing.has(file)) continue;
    const cpu = process.cpuUsage();
    const image = await decodeImage(join(set, screen.image));
    const result = await engine.read(image);
    const used = process.cpuUsage(cpu);
    cpuMs += (used.user + used.system) / 1000;
    const words = result.words.map(({ text, box, confidence, lineIndex }) => ({ text, box, confidence, lineIndex }));
    await writeFile(join(out, file), JSON.stringify({ width: result.width, height: result.height, words, ms: result.timings.total }));
    process.stderr.write(`\r${basename(dirname(out))}/${basename(out)} ${done}/${screens.length} (${result.timings.total?.toFixed(0)} ms)   `);
  }
  console.log(`\n${set}: ${screens.length} screens, wall ${((performance.now() - wall) / 1000).toFixed(0)} s, process CPU ${(cpuMs / 1000).toFixed(0)} s`);
}
await engine.dispose();
