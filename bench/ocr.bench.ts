// OCR latency on a 1920×1080 screenshot: median detector, recogniser and total times, cold (new
// screen each run) and cached (same screen), and the OCR grounder's locate; peak RSS.
// Usage: nice -n 10 npx tsx bench/ocr.bench.ts [runs=5]
// The machine is shared: the load average is printed with the numbers; compare runs of one session.
import { loadavg } from "node:os";
import { createOcrGrounder } from "../src/grounders/ocr-grounder.js";
import { OcrEngine } from "../src/runtime/ocr/ocr-engine.js";
import { launchChromium, renderWithDomWords, variedTextPage } from "../test/ocr/dom-text-page.js";
import { median } from "./median.js";

const runs = Number(process.argv[2] ?? 5);
const browser = await launchChromium();
const { image } = await renderWithDomWords(browser, variedTextPage);
await browser.close();

const engine = await OcrEngine.create();
const stages = new Map<string, number[]>();
const cpuTimes: number[] = [];
let lines = 0;
await engine.read(image, { noCache: true }); // warm-up: first-run allocations
for (let run = 0; run < runs; run += 1) {
  const cpuBefore = process.cpuUsage();
  const result = await engine.read(image, { noCache: true });
  const cpu = process.cpuUsage(cpuBefore);
  cpuTimes.push((cpu.user + cpu.system) / 1000);
  lines = result.lines.length;
  for (const [stage, ms] of Object.entries(result.timings)) stages.set(stage, [...(stages.get(stage) ?? []), ms]);
}
const cachedTimes: number[] = [];
for (let run = 0; run < runs; run += 1) cachedTimes.push((await engine.read(image)).timings.total ?? NaN);
// A partly changed screen (a different mark in one small area each run): detection runs again, but
// only the lines whose crops changed are recognised again.
const partialTimes: number[] = [];
let reusedLines = 0;
for (let run = 0; run < runs; run += 1) {
  const changed = image.data.slice();
  for (let y = 40; y < 60; y += 1) changed.fill(run * 40 + 20, (y * image.width + 30) * 3, (y * image.width + 60) * 3);
  const result = await engine.read({ ...image, data: changed });
  partialTimes.push(result.timings.total ?? NaN);
  reusedLines = result.reusedLines;
}
await engine.dispose();

const grounder = await createOcrGrounder({ cacheSize: 0 });
await grounder.locate(image, "Save");
const locateTimes: number[] = [];
for (let run = 0; run < runs; run += 1) locateTimes.push((await grounder.locate(image, "the Cancel button")).timings.total ?? NaN);
await grounder.dispose();

console.log(`OCR on a 1920×1080 page (${lines} lines), ${runs} runs, load average ${loadavg().map((v) => v.toFixed(1)).join(" ")}`);
for (const [stage, times] of stages) console.log(`  ${stage.padEnd(18)} median ${median(times).toFixed(1).padStart(8)} ms`);
// CPU time is less sensitive than wall time to other processes on a shared machine; with two
// threads on two idle cores the wall time is about half of it or a little more.
console.log(`  CPU time per read  median ${median(cpuTimes).toFixed(1).padStart(8)} ms (all threads)`);
console.log(`  cached read        median ${median(cachedTimes).toFixed(1).padStart(8)} ms`);
console.log(`  one area changed   median ${median(partialTimes).toFixed(1).padStart(8)} ms (${reusedLines} of ${lines} lines reused)`);
console.log(`  grounder locate    median ${median(locateTimes).toFixed(1).padStart(8)} ms (no cache)`);
console.log(`  peak RSS           ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
