/**
 * `groundpoint eval`: the benchmark harness of `benchmarks/screenspot/`. It is loaded only when the
 * command runs, so the SDK does not carry it. The harness is TypeScript that ships with a source
 * checkout; from a build, tsx (a dependency) compiles it on the fly.
 */
import type { CliCommand, CliIo } from "../run-cli.js";

interface EvalModule {
  runEvalCommand(argv: readonly string[], io: CliIo & { interactive?: boolean }): Promise<number>;
}

async function loadHarness(): Promise<EvalModule> {
  // dist/cli/commands/ and src/cli/commands/ are both three levels below the package root.
  const url = new URL("../../../benchmarks/screenspot/eval-command.ts", import.meta.url);
  if (!import.meta.url.endsWith(".ts")) {
    const { register } = await import("tsx/esm/api");
    register();
  }
  return (await import(url.href)) as EvalModule;
}

/** `groundpoint eval --benchmark NAME --annotations PATH …` (see `groundpoint eval --help`). */
export const evalCommand: CliCommand = {
  name: "eval",
  summary: "score a grounder on ScreenSpot-Pro, ScreenSpot-v2, OSWorld-G or a JSONL set",
  help: `Usage: groundpoint eval --benchmark NAME --annotations PATH [--images DIR] [options]

Scores a grounder on ScreenSpot-Pro, ScreenSpot-v2, OSWorld-G or a groundpoint JSONL file, the way
each benchmark's official script scores it, and writes report.json, report.md and an HTML gallery
of misses. A run resumes from its predictions file: run the same command again after a kill.

  --benchmark NAME     screenspot-pro | screenspot-v2 | osworld-g | jsonl
  --annotations PATH   annotation file, or the folder of the official files
  --images DIR         images root (default for jsonl: the annotation file's folder)
  --model SPEC         ocr | default | <model package folder> | http(s)://host[:port][/path] |
                       module:<file>[#export]   (default: ocr)
  --workers N          worker processes (default 1)
  --limit N            evaluate the first N items
  --sample N           evaluate N items picked with --seed (default seed 0)
  --seed N             seed of --sample (default 0)
  --timeout SECONDS    per-item limit; the worker is killed and the item counted wrong (default 300; 0 = none)
  --max-crops N        maxCrops passed to the grounder (default: the grounder's own)
  --zoom-refine        locate again in a crop around the first point on screens over 1600 px (the agent's
                       zoomRefine); --zoom-crop N sets the crop's side (default 768 px)
  --threads N          onnxruntime threads per worker (default: cores ÷ workers)
  --device cpu|cuda    where a model package runs (default cpu)
  --language en|cn     ScreenSpot-Pro instruction language (default en)
  --out DIR            output folder (default reports/eval/<benchmark>-<annotations folder>-<file>-<model>)
  --fresh              discard earlier predictions in --out instead of resuming
  --retry-errors       recompute items that timed out or failed
  --gallery N          misses drawn in gallery/index.html (default 100; 0 = none)
  --json               print the report as one JSON object on the last line of stdout
`,
  async run(argv, io) {
    const harness = await loadHarness();
    return harness.runEvalCommand(argv, { ...io, interactive: process.stderr.isTTY === true });
  },
};
