/**
 * MolmoPoint-Nano sizing: for each model package given (e.g. the random-weight candidates written by
 * `python3 -m tools.molmopoint.nano_size --out data/nano-size`) and each crop budget, times the
 * stages of `locate` on a 1920×1080 screen and prints one table row:
 * preprocess, vision, prefill, one decode step, and the model part of a locate with 4 decode steps
 * (PATCH, SUBPATCH, LOCATION, EOS/NMP) = preprocess + vision + prefill + 4 × step.
 * Both the minimum and the median over the runs are printed: on a shared machine the minimum is the
 * closer estimate of an unloaded run. The last columns are the process CPU time of one whole locate
 * (`process.cpuUsage`, all threads) and its share per stage (CPU × stage wall / locate wall): on a
 * loaded machine the wall clock measures the neighbours, CPU time measures the model. With
 * `--threads 1`, CPU time ≈ single-core work; an unloaded 2-core run takes about half of it.
 *
 * `--arena on|off` sets the sessions' `cpuMemoryArena` (default: the runtime's default); run one process per
 * value to compare peak RSS, which is printed last, with minor page faults per locate (fresh memory).
 *
 *   npx tsx bench/nano-size.bench.ts [--runs N] [--max-crops 4 --max-crops 8 ...] [--threads 2] [--arena on|off] [--image PNG] PACKAGE...
 */
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import type { RgbImage } from "../src/core/image.js";
import { planPreprocessing } from "../src/grounding/preprocess/index.js";
import { decodeImage } from "../src/image/decode-image.js";
import { MolmoPointGrounder } from "../src/runtime/molmopoint/molmopoint-grounder.js";
import { MolmoPointModel } from "../src/runtime/molmopoint/molmopoint-model.js";
import { median } from "./median.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: "string", default: "5" },
    "max-crops": { type: "string", multiple: true },
    threads: { type: "string", default: "2" },
    image: { type: "string" },
    arena: { type: "string" },
  },
});
if (positionals.length === 0) throw new Error("usage: npx tsx bench/nano-size.bench.ts [--runs N] [--max-crops N ...] PACKAGE...");
const runs = Number(values.runs);
const intraOpThreads = Number(values.threads);
if (values.arena !== undefined && values.arena !== "on" && values.arena !== "off") throw new Error(`--arena must be on or off, got ${values.arena}`);
const arena = values.arena === undefined ? {} : { cpuMemoryArena: values.arena === "on" };
const budgets = (values["max-crops"] ?? ["4", "6", "8", "12"]).map(Number);

/** A deterministic 1920×1080 "screen": flat panels, text-like stripes, a few buttons. */
function syntheticScreen(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3).fill(245);
  const block = (x0: number, y0: number, x1: number, y1: number, rgb: [number, number, number]) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data.set(rgb, (y * width + x) * 3);
  };
  block(0, 0, width, 48, [32, 36, 44]);
  block(0, 48, 260, height, [230, 232, 236]);
  for (let row = 0; row < 30; row++) block(300, 80 + row * 32, 300 + ((row * 137) % 900) + 200, 92 + row * 32, [60, 60, 60]);
  block(1400, 900, 1640, 960, [30, 100, 200]);
  block(1660, 900, 1880, 960, [200, 200, 200]);
  return { width, height, data };
}

const min = (samples: number[]): number => Math.min(...samples);
const f0 = (value: number) => value.toFixed(0).padStart(5);

const image = values.image ? await decodeImage(values.image) : syntheticScreen(1920, 1080);
console.log(`image ${values.image ?? "synthetic"} ${image.width}×${image.height}; ${runs} runs; intra-op threads ${intraOpThreads}; arena ${values.arena ?? "default"}; ` +
  `${availableParallelism()} cores; load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}; node ${process.version}`);
console.log("ms, wall min/median | package | crops | preprocess | vision | prefill | step | model locate (4 steps) || CPU ms median: locate | vision | prefill | step || minor faults");
for (const directory of positionals) {
  const loadCpuBefore = process.cpuUsage();
  const model = await MolmoPointModel.load(directory, { intraOpThreads, check: "size", ...arena });
  const loadCpu = process.cpuUsage(loadCpuBefore);
  console.log(`${directory}: loaded in ${model.loadMilliseconds.toFixed(0)} ms wall, ${((loadCpu.user + loadCpu.system) / 1000).toFixed(0)} ms CPU (size check, not sha256)`);
  const grounder = new MolmoPointGrounder(model);
  for (const maxCrops of budgets) {
    const s = { preprocess: [] as number[], vision: [] as number[], prefill: [] as number[], step: [] as number[], locate4: [] as number[] };
    const cpu = { total: [] as number[], vision: [] as number[], prefill: [] as number[], step: [] as number[] };
    const faults: number[] = [];
    await grounder.locate(image, "Save button", { maxCrops }); // warm-up
    for (let run = 0; run < runs; run++) {
      const faultsBefore = process.resourceUsage().minorPageFault;
      const before = process.cpuUsage();
      const { timings, decodeSteps } = await grounder.locate(image, "Save button", { maxCrops, maxNewTokens: 4 });
      const used = process.cpuUsage(before);
      const cpuMs = (used.user + used.system) / 1000;
      faults.push(process.resourceUsage().minorPageFault - faultsBefore);
      cpu.total.push(cpuMs);
      cpu.vision.push((cpuMs * timings.vision!) / timings.total!);
      cpu.prefill.push((cpuMs * timings.prefill!) / timings.total!);
      cpu.step.push(decodeSteps > 0 ? (cpuMs * timings.decode!) / timings.total! / decodeSteps : 0);
      const step = decodeSteps > 0 ? timings.decode! / decodeSteps : 0;
      s.preprocess.push(timings.preprocess!);
      s.vision.push(timings.vision!);
      s.prefill.push(timings.prefill!);
      s.step.push(step);
      s.locate4.push(timings.preprocess! + timings.vision! + timings.prefill! + 4 * step);
    }
    const crops = planPreprocessing(image.width, image.height, { maxCrops }).crops;
    const cell = (xs: number[]) => `${f0(min(xs))}/${f0(median(xs))}`;
    console.log(`${model.manifest.name.padEnd(30)} | ${String(maxCrops).padStart(2)} (${String(crops).padStart(2)} crops) | ${cell(s.preprocess)} | ${cell(s.vision)} | ` +
      `${cell(s.prefill)} | ${cell(s.step)} | ${cell(s.locate4)} || ${f0(median(cpu.total))} | ${f0(median(cpu.vision))} | ${f0(median(cpu.prefill))} | ${f0(median(cpu.step))} || ${median(faults).toFixed(0)}`);
  }
  await grounder.dispose();
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
