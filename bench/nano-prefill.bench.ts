/**
 * Prefill cost against prompt length for one model package: runs the decoder graph alone on S tokens
 * (zero embeddings, the real prefill mask of a BOS + image block + 24 text tokens) for a sweep of S,
 * under each session variant (CPU memory arena on/off × intra-op threads), and prints per S the
 * minimum and median wall time, the median process CPU time (`process.cpuUsage` around the run:
 * onnxruntime's threads; the JS thread waits), and the median minor page faults of one run (fresh
 * memory the kernel had to map and zero). The crop budgets' prompt lengths on 1920×1080 are printed
 * first, for reading the sweep.
 *
 *   npx tsx bench/nano-prefill.bench.ts PACKAGE [--lengths 600,900,1200] [--runs 3] [--threads 1,2] [--arena off,on]
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { planPreprocessing } from "../src/grounding/preprocess/index.js";
import { loadModelPackage } from "../src/runtime/model-package/load-model-package.js";
import { emptyCache, prefillMask, runDecoder, disposeCache } from "../src/runtime/molmopoint/graph-runner.js";
import { createGraphSession } from "../src/runtime/sessions/onnx-session.js";
import { median } from "./median.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    lengths: { type: "string", default: "400,600,800,900,1000,1100,1200,1300,1400,1600,1800" },
    runs: { type: "string", default: "3" },
    threads: { type: "string", default: "1,2" },
    arena: { type: "string", default: "off,on" },
  },
});
const [packageDir] = positionals;
if (!packageDir) throw new Error("usage: npx tsx bench/nano-prefill.bench.ts PACKAGE [--lengths 600,900] [--runs 3] [--threads 1,2] [--arena off,on]");
const lengths = values.lengths.split(",").map(Number);
const runs = Number(values.runs);
const TEXT_TOKENS = 24;

const modelPackage = await loadModelPackage(packageDir, { check: "size" });
const { manifest } = modelPackage;
const { hidden } = manifest.architecture.decoder;
for (const maxCrops of [4, 6, 8, 12]) {
  const plan = planPreprocessing(1920, 1080, { maxCrops });
  console.log(`1920×1080 at max crops ${maxCrops}: ${plan.crops} crops, ${plan.imageTokens} image tokens, prompt ≈ ${1 + plan.imageTokens + TEXT_TOKENS} tokens`);
}
console.log(`load average ${loadavg().map((load) => load.toFixed(1)).join(" ")}; ${runs} runs per cell after one warm-up`);
console.log("arena | threads | S | wall min | wall median | CPU median | CPU/S² ns | minor faults median");
for (const arena of values.arena.split(",")) {
  for (const threads of values.threads.split(",").map(Number)) {
    const session = await createGraphSession(modelPackage, "decoder", { intraOpThreads: threads, cpuMemoryArena: arena === "on" });
    for (const length of lengths) {
      const types = new Uint8Array(length);
      types.fill(1, 1, length - TEXT_TOKENS);
      const mask = prefillMask(types);
      const embeddings = new Float32Array(length * hidden);
      const wall: number[] = [];
      const cpu: number[] = [];
      const faults: number[] = [];
      for (let run = 0; run <= runs; run++) {
        const faultsBefore = process.resourceUsage().minorPageFault;
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        const outputs = await runDecoder(session, manifest, embeddings, emptyCache(manifest), mask);
        const elapsed = performance.now() - started;
        const used = process.cpuUsage(cpuBefore);
        const faulted = process.resourceUsage().minorPageFault - faultsBefore;
        disposeCache(outputs.cache);
        if (run === 0) continue; // warm-up
        wall.push(elapsed);
        cpu.push((used.user + used.system) / 1000);
        faults.push(faulted);
      }
      const cpuMedian = median(cpu);
      console.log(`${arena.padEnd(5)} | ${String(threads).padStart(7)} | ${String(length).padStart(4)} | ${Math.min(...wall).toFixed(0).padStart(8)} | ` +
        `${median(wall).toFixed(0).padStart(11)} | ${cpuMedian.toFixed(0).padStart(10)} | ${((cpuMedian * 1e6) / (length * length)).toFixed(0).padStart(9)} | ${median(faults).toFixed(0).padStart(8)}`);
    }
    await session.release();
  }
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
