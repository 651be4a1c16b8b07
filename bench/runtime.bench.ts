/**
 * Runtime benchmark: for a model package (default the tiny random test package) and a 1920×1080
 * screenshot, prints the medians of load time, vision, prefill, time per decode step and total
 * `locate`, and the process's peak RSS.
 *
 *   npx tsx bench/runtime.bench.ts [--package DIR] [--image PNG] [--runs N] [--max-crops N ...] [--threads N] [--arena on|off]
 *
 * Without `--image`, a deterministic synthetic 1920×1080 screen is used (the golden test image's
 * pattern with a few flat "window" blocks), so the numbers are reproducible on any machine.
 * Without `--max-crops`, it runs the package's default and 48 (MolmoPoint-GUI's budget).
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { RgbImage } from "../src/core/image.js";
import { MolmoPointGrounder } from "../src/runtime/molmopoint/molmopoint-grounder.js";
import { MolmoPointModel } from "../src/runtime/molmopoint/molmopoint-model.js";
import { median } from "./median.js";

const { values } = parseArgs({
  options: {
    package: { type: "string", default: join(import.meta.dirname, "../test/fixtures/tiny-model") },
    image: { type: "string" },
    runs: { type: "string", default: "5" },
    "max-crops": { type: "string", multiple: true },
    threads: { type: "string" },
    arena: { type: "string" },
  },
});
const runs = Number(values.runs);
const intraOpThreads = values.threads === undefined ? undefined : Number(values.threads);
if (values.arena !== undefined && values.arena !== "on" && values.arena !== "off") throw new Error(`--arena takes on or off, got ${values.arena}`);
/** Unset: the runtime's default (the arena on). */
const cpuMemoryArena = values.arena === undefined ? undefined : values.arena === "on";

function syntheticScreen(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      data[at] = (x + y) % 256;
      data[at + 1] = ((2 * x) % 256) ^ (y % 256);
      data[at + 2] = (Math.floor(x / 40) + Math.floor(y / 30)) % 2 === 0 ? 220 : 40;
    }
  }
  const block = (x0: number, y0: number, x1: number, y1: number, rgb: [number, number, number]) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data.set(rgb, (y * width + x) * 3);
  };
  block(0, 0, width, 48, [240, 240, 240]);
  block(100, 120, 900, 700, [255, 255, 255]);
  block(1400, 900, 1640, 960, [30, 100, 200]);
  return { width, height, data };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

// sharp is loaded only for --image, so the script also runs where only onnxruntime-node is installed.
const image = values.image ? await (await import("../src/image/decode-image.js")).decodeImage(values.image) : syntheticScreen(1920, 1080);
console.log(`package ${values.package}`);
console.log(`image ${values.image ?? "synthetic"} ${image.width}×${image.height}, ${runs} runs, intra-op threads ${intraOpThreads ?? "default (cores)"}, CPU arena ${cpuMemoryArena === undefined ? "default (on)" : cpuMemoryArena ? "on" : "off"}, node ${process.version}`);

for (const check of ["sha256", "size"] as const) {
  const loads: number[] = [];
  for (let run = 0; run < Math.max(3, Math.min(runs, 5)); run++) {
    const model = await MolmoPointModel.load(values.package, { check, intraOpThreads, cpuMemoryArena });
    loads.push(model.loadMilliseconds);
    await model.dispose();
  }
  console.log(`load (${check} check): median ${ms(median(loads))}`);
}

const model = await MolmoPointModel.load(values.package, { intraOpThreads, cpuMemoryArena });
const grounder = new MolmoPointGrounder(model);
const budgets = values["max-crops"]?.map(Number) ?? [model.manifest.preprocessing.defaultMaxCrops, 48];
for (const maxCrops of budgets) {
  const samples = { preprocess: [] as number[], vision: [] as number[], prefill: [] as number[], perStep: [] as number[], total: [] as number[] };
  let steps = 0;
  await grounder.locate(image, "Save button", { maxCrops }); // warm-up (first-run allocations)
  for (let run = 0; run < runs; run++) {
    const { timings, decodeSteps } = await grounder.locate(image, "Save button", { maxCrops });
    samples.preprocess.push(timings.preprocess!);
    samples.vision.push(timings.vision!);
    samples.prefill.push(timings.prefill!);
    steps = decodeSteps;
    if (steps > 0) samples.perStep.push(timings.decode! / steps);
    samples.total.push(timings.total!);
  }
  console.log(
    `maxCrops ${maxCrops}: preprocess ${ms(median(samples.preprocess))}, vision ${ms(median(samples.vision))}, prefill ${ms(median(samples.prefill))}, ` +
      `decode step ${ms(median(samples.perStep))} (${steps} steps per call), locate total ${ms(median(samples.total))}`,
  );
}
await grounder.dispose();
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (${availableParallelism()} logical cores)`);
