/**
 * `groundpoint eval`: argument parsing and output. `src/cli/commands/eval.ts` loads this file lazily,
 * so the harness stays out of the SDK's import graph.
 */
import { parseArgs } from "node:util";
import { InvalidInputError } from "../../src/core/errors.js";
import { benchmarkNames, type BenchmarkName } from "./eval-item.js";
import { runEvaluation } from "./run-evaluation.js";
import { ZOOM_REFINE_DEFAULTS } from "../../src/agent/zoom-refine.js";

/** Where the command writes (the CLI passes process streams; tests pass their own). */
export interface EvalCommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress redraws in place). */
  interactive?: boolean;
}

function integer(name: string, value: string | undefined, minimum: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum) {
    throw new InvalidInputError(name, `--${name} must be an integer ≥ ${minimum}, got "${value}".`);
  }
  return parsed;
}

/** `--zoom-refine [--zoom-crop N]` as the agent's zoom refine options; `--zoom-crop` alone is a mistake. */
function zoomRefineOption(enabled: boolean | undefined, cropSize: number | undefined): { cropSize: number } | undefined {
  if (enabled !== true) {
    if (cropSize !== undefined) throw new InvalidInputError("zoom-crop", "--zoom-crop only applies with --zoom-refine; add --zoom-refine.");
    return undefined;
  }
  return { cropSize: cropSize ?? ZOOM_REFINE_DEFAULTS.cropSize };
}

/** Runs `groundpoint eval` with its arguments; returns the exit code. */
export async function runEvalCommand(argv: readonly string[], io: EvalCommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        benchmark: { type: "string" },
        annotations: { type: "string" },
        images: { type: "string" },
        model: { type: "string" },
        workers: { type: "string" },
        limit: { type: "string" },
        sample: { type: "string" },
        seed: { type: "string" },
        timeout: { type: "string" },
        "max-crops": { type: "string" },
        "zoom-refine": { type: "boolean" },
        "zoom-crop": { type: "string" },
        threads: { type: "string" },
        device: { type: "string" },
        language: { type: "string" },
        out: { type: "string" },
        fresh: { type: "boolean" },
        "retry-errors": { type: "boolean" },
        gallery: { type: "string" },
        json: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new InvalidInputError("argv", `${(error as Error).message}. See groundpoint eval --help.`, { cause: error });
  }
  const values = parsed.values;
  const benchmark = values.benchmark;
  if (benchmark === undefined || !benchmarkNames.includes(benchmark as BenchmarkName)) {
    throw new InvalidInputError("benchmark", `--benchmark must be one of ${benchmarkNames.join(", ")}${benchmark === undefined ? "" : `, got "${benchmark}"`}.`);
  }
  if (values.annotations === undefined) throw new InvalidInputError("annotations", "--annotations is required: the annotation file or folder.");
  if (values.language !== undefined && values.language !== "en" && values.language !== "cn") {
    throw new InvalidInputError("language", `--language must be en or cn, got "${values.language}".`);
  }
  if (values.device !== undefined && values.device !== "cpu" && values.device !== "cuda") {
    throw new InvalidInputError("device", `--device must be cpu or cuda, got "${values.device}".`);
  }
  const timeoutSeconds = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutSeconds !== undefined && !(timeoutSeconds >= 0)) {
    throw new InvalidInputError("timeout", `--timeout must be a number of seconds ≥ 0, got "${values.timeout}".`);
  }

  const { report, folder } = await runEvaluation({
    benchmark: benchmark as BenchmarkName,
    annotations: values.annotations,
    images: values.images,
    model: values.model,
    workers: integer("workers", values.workers, 1),
    limit: integer("limit", values.limit, 1),
    sample: integer("sample", values.sample, 1),
    seed: integer("seed", values.seed, 0),
    timeoutMs: timeoutSeconds === undefined ? undefined : Math.round(timeoutSeconds * 1000),
    maxCrops: integer("max-crops", values["max-crops"], 1),
    zoomRefine: zoomRefineOption(values["zoom-refine"], integer("zoom-crop", values["zoom-crop"], 64)),
    threads: integer("threads", values.threads, 1),
    device: values.device as "cpu" | "cuda" | undefined,
    language: values.language as "en" | "cn" | undefined,
    out: values.out,
    fresh: values.fresh,
    retryErrors: values["retry-errors"],
    galleryMax: integer("gallery", values.gallery, 0),
    progress: (text) => io.stderr(text),
    interactive: io.interactive ?? false,
    command: `groundpoint eval ${argv.join(" ")}`,
  });
  const percent = (value: number) => `${(100 * value).toFixed(1)}%`;
  io.stderr(`reports in ${folder} (report.md, report.json, gallery/index.html)\n`);
  if (values.json) {
    io.stdout(`${JSON.stringify(report)}\n`);
  } else {
    io.stdout(`${report.benchmark} ${report.grounder ?? report.model}: accuracy ${percent(report.accuracy)} (${report.correct}/${report.total})\n`);
    for (const [label, tally] of Object.entries(report.breakdown.group)) {
      io.stdout(`  ${label.padEnd(24)} ${percent(tally.accuracy).padStart(6)}  (${tally.correct}/${tally.total})\n`);
    }
  }
  return 0;
}
