/**
 * Median time of MolmoPoint pre-processing (after decode) and of PNG decode, for a 1920×1080 screenshot at
 * 48 crops and a 3840×2160 one at 64 crops. Targets on the 2-core dev machine: ≤ 100 ms and ≤ 300 ms for
 * the pre-processing.
 *
 *   npx tsx bench/preprocess.bench.ts [--runs 15]
 */
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { buildPixelValues, planPreprocessing, preprocessImage, resizeForPlan } from "../src/grounding/preprocess/preprocess-image.js";
import { PreprocessWorkspace } from "../src/grounding/preprocess/preprocess-workspace.js";
import { decodeImage } from "../src/image/decode-image.js";
import { median } from "./median.js";

const shared = new URL("../../shared/", import.meta.url).pathname;
const runsFlag = process.argv.indexOf("--runs");
const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 15;
const warmup = 3;

interface Scenario {
  name: string;
  file: string;
  maxCrops: number;
  targetMs: number;
}

const scenarios: Scenario[] = [
  // A real 1920×1080 desktop screenshot from the development set.
  { name: "1920x1080 @ 48 crops", file: `${shared}realdev/demo_unlabeled/images/UI-TARS__data_coordinate_process_image.png`, maxCrops: 48, targetMs: 100 },
  // No real 4K screenshot is in ../shared; the golden synthetic one has the size (the resize and packing
  // cost depends on the size only, the decode cost also on the content).
  { name: "3840x2160 @ 64 crops", file: `${shared}golden/molmo2/images/img_3840x2160.png`, maxCrops: 64, targetMs: 300 },
];


interface Samples {
  wall: number;
  cpu: number;
}

/** Median wall time and median CPU time (user + system, this process) of `run`, in ms. */
async function time(run: () => unknown): Promise<Samples> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let index = 0; index < warmup + runs; index++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await run();
    const elapsed = performance.now() - start;
    const used = process.cpuUsage(cpuStart);
    if (index >= warmup) {
      wall.push(elapsed);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const format = (samples: Samples) => `${samples.wall.toFixed(1)} ms (cpu ${samples.cpu.toFixed(1)})`;

console.log(`node ${process.version}, ${runs} runs after ${warmup} warm-up runs; medians of wall time, and of this process's CPU time`);
console.log(`load average at start: ${loadavg().map((load) => load.toFixed(2)).join(" ")} (the wall times are only meaningful on an idle machine)`);
for (const scenario of scenarios) {
  if (!existsSync(scenario.file)) {
    console.log(`${scenario.name}: skipped, ${scenario.file} is missing`);
    continue;
  }
  const decode = await time(() => decodeImage(scenario.file));
  const image = await decodeImage(scenario.file);
  const plan = planPreprocessing(image.width, image.height, { maxCrops: scenario.maxCrops });
  const workspace = new PreprocessWorkspace();
  const reused = await time(() => preprocessImage(image, { maxCrops: scenario.maxCrops, workspace }));
  const resize = await time(() => resizeForPlan(image, plan, { workspace }));
  const resized = resizeForPlan(image, plan, { workspace });
  const pack = await time(() => buildPixelValues(resized, plan, { workspace }));
  const fresh = await time(() => preprocessImage(image, { maxCrops: scenario.maxCrops }));
  console.log(
    `${scenario.name} (${image.width}x${image.height}, tiling ${plan.tiling.rows}x${plan.tiling.cols}, ${plan.crops} crops), target ${scenario.targetMs} ms:\n` +
      `  preprocess, reused workspace  ${format(reused)} = ${(reused.wall / scenario.targetMs).toFixed(2)} x target` +
      ` [resize ${format(resize)}, normalise+patches ${format(pack)}]\n` +
      `  preprocess, fresh buffers     ${format(fresh)} = ${(fresh.wall / scenario.targetMs).toFixed(2)} x target\n` +
      `  decode PNG (sharp)            ${format(decode)}`,
  );
}
