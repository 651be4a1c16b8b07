// OCR latency on a 1920×1080 Chromium-rendered page: median cold read (a screen the engine has not
// seen: no screen cache, no line cache) with its stage split and process CPU time, the OCR
// grounder's median cold locate, cached and partly changed reads, the DOM-word recall at the same
// settings, and peak RSS.
// Usage: nice -n 10 npx tsx bench/ocr.bench.ts [runs=7] [--baseline]
//   --baseline also measures the engine as it was before this round of speed work (original graph,
//   spinning threads, padded batches of 16 within 1.3×), in the same process.
// The machine is shared: the load average is printed before and after, and CPU time (all threads)
// next to wall time; compare runs of one session, or rerun on a quiet machine.
import { loadavg } from "node:os";
import { createOcrGrounder } from "../src/grounders/ocr-grounder.js";
import { OcrEngine, type OcrEngineOptions } from "../src/runtime/ocr/ocr-engine.js";
import { launchChromium, renderWithDomWords, scoreAgainstDom, variedTextPage } from "../test/ocr/dom-text-page.js";
import { median } from "./median.js";

const runs = Number(process.argv.find((argument) => /^\d+$/.test(argument)) ?? 7);
const withBaseline = process.argv.includes("--baseline");
const load = (): string => loadavg().map((value) => value.toFixed(1)).join(" ");
const loadBefore = load();
const browser = await launchChromium();
const { image, words: domWords } = await renderWithDomWords(browser, variedTextPage);
await browser.close();

const cpuMilliseconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const formatMs = (value: number): string => value.toFixed(1).padStart(8);

/** Median cold reads of one engine configuration; prints its stage split and DOM recall. */
async function measureEngine(label: string, options: OcrEngineOptions): Promise<void> {
  const loadStart = performance.now();
  const loadCpuBefore = process.cpuUsage();
  const engine = await OcrEngine.create({ ...options, cacheSize: 4 });
  const loadTime = performance.now() - loadStart;
  const loadCpu = cpuMilliseconds(loadCpuBefore);
  const stages = new Map<string, number[]>();
  const cpuTimes: number[] = [];
  let lines = 0;
  let score = { found: 0, matched: 0, total: 0 };
  await engine.read(image, { noCache: true }); // warm-up: first-run allocations
  for (let run = 0; run < runs; run += 1) {
    const cpuBefore = process.cpuUsage();
    const result = await engine.read(image, { noCache: true });
    cpuTimes.push(cpuMilliseconds(cpuBefore));
    lines = result.lines.length;
    score = scoreAgainstDom(domWords, result.words);
    for (const [stage, ms] of Object.entries(result.timings)) stages.set(stage, [...(stages.get(stage) ?? []), ms]);
  }
  console.log(`${label}: ${lines} lines, models loaded in ${loadTime.toFixed(0)} ms wall, ${loadCpu.toFixed(0)} ms CPU`);
  console.log(`  cold read          median ${formatMs(median(stages.get("total") ?? []))} ms wall, ${formatMs(median(cpuTimes))} ms CPU (all threads)`);
  for (const [stage, times] of stages) {
    if (stage !== "total") console.log(`    ${stage.padEnd(16)} median ${formatMs(median(times))} ms`);
  }
  const percent = (count: number): string => ((100 * count) / score.total).toFixed(1);
  console.log(
    `  DOM words          ${score.found}/${score.total} (${percent(score.found)} %) found with IoU ≥ 0.5, ` +
      `${score.matched}/${score.total} (${percent(score.matched)} %) with the same text`,
  );
  if (label !== "defaults") {
    await engine.dispose();
    return;
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
  console.log(`  cached read        median ${formatMs(median(cachedTimes))} ms`);
  console.log(`  one area changed   median ${formatMs(median(partialTimes))} ms (${reusedLines} of ${lines} lines reused)`);
  await engine.dispose();
}

console.log(`OCR on a 1920×1080 page, ${runs} runs each; load average before: ${loadBefore}`);
await measureEngine("defaults", {});
if (withBaseline) {
  await measureEngine("baseline (original graph, spinning threads, batches of 16 within 1.3×)", {
    simplifyGraph: false,
    threadSpinning: true,
    batching: { maxBatchSize: 16, widthRatio: 1.3 },
  });
}

// The OCR grounder with no cache reads every screen afresh: what a user feels on a new screen.
const grounder = await createOcrGrounder({ cacheSize: 0 });
await grounder.locate(image, "Save");
const locateTimes: number[] = [];
const locateCpu: number[] = [];
const matchTimes: number[] = [];
let found = 0;
for (let run = 0; run < runs; run += 1) {
  const cpuBefore = process.cpuUsage();
  const result = await grounder.locate(image, "the Cancel button");
  locateCpu.push(cpuMilliseconds(cpuBefore));
  locateTimes.push(result.timings.total ?? NaN);
  matchTimes.push(result.timings.match ?? NaN);
  if (!result.notFound) found += 1;
}
await grounder.dispose();
console.log(
  `OCR grounder locate("the Cancel button"), cold: median ${formatMs(median(locateTimes))} ms wall, ` +
    `${formatMs(median(locateCpu))} ms CPU (of which matching ${median(matchTimes).toFixed(1)} ms wall); found ${found}/${runs}`,
);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; load average after: ${load()}`);
