/**
 * One evaluation run, end to end: load and select items, set missing images aside, resume from the
 * predictions file, compute the rest with the worker pool, then score and write the reports
 * (`report.json`, `report.md`, `gallery/index.html`) into the output folder.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InvalidInputError } from "../../src/core/errors.js";
import type { BenchmarkName } from "./eval-item.js";
import { grounderSpecSlug, parseGrounderSpec } from "./grounder-spec.js";
import { latencyTable } from "./latency.js";
import { findMissingImages, loadBenchmark } from "./load-benchmark.js";
import { writeMissGallery } from "./miss-gallery.js";
import { readPredictions } from "./prediction-record.js";
import { ProgressBar } from "./progress-bar.js";
import { reportMarkdown, scoringProtocols, type EvalReport } from "./report.js";
import { scorePrediction } from "./scoring.js";
import { selectItems } from "./select-items.js";
import { scoreItems, summarize } from "./summarize.js";
import { runWorkerPool } from "./worker-pool.js";

/** Options of {@link runEvaluation}; the CLI flags map onto these one to one. */
export interface EvaluationOptions {
  benchmark: BenchmarkName;
  /** Annotation file or folder. */
  annotations: string;
  /** Images root. Default: the annotation file's folder for `jsonl`; required otherwise. */
  images?: string | undefined;
  /** `--model`. Default `"ocr"`. */
  model?: string | undefined;
  /** Worker processes. Default 1. */
  workers?: number | undefined;
  limit?: number | undefined;
  sample?: number | undefined;
  /** Seed of `sample`. Default 0. */
  seed?: number | undefined;
  /** Per-item timeout in ms; 0 = none. Default 300 000. */
  timeoutMs?: number | undefined;
  maxCrops?: number | undefined;
  /** Locate again in a crop of this side around the first point on screens over 1600 px (the agent's zoom refine). Default: off. */
  zoomRefine?: { cropSize: number } | undefined;
  /** onnxruntime threads per operator in each worker. Default: cores ÷ workers. */
  threads?: number | undefined;
  /** Where local models run: `"cpu"` (default) or `"cuda"`. */
  device?: "cpu" | "cuda" | undefined;
  /** ScreenSpot-Pro instruction language. Default `"en"`. */
  language?: "en" | "cn" | undefined;
  /** Output folder. Default `reports/eval/<benchmark>-<annotations>-<model>` under `cwd`. */
  out?: string | undefined;
  /** Discard an existing predictions file instead of resuming it. Default false. */
  fresh?: boolean | undefined;
  /** Recompute items whose record is an error (timeouts, crashes). Default false. */
  retryErrors?: boolean | undefined;
  /** Misses drawn in the gallery; 0 = no gallery. Default 100. */
  galleryMax?: number | undefined;
  cwd?: string | undefined;
  /** Progress output (stderr). Default: none. */
  progress?: ((text: string) => void) | undefined;
  /** Redraw the progress line in place. Default false. */
  interactive?: boolean | undefined;
  /** The command line, recorded in the report. */
  command?: string | undefined;
}

/** Where a run wrote its files. */
export interface EvaluationResult {
  readonly report: EvalReport;
  readonly folder: string;
  readonly predictionsFile: string;
}

interface RunIdentity {
  benchmark: BenchmarkName;
  annotations: string;
  images: string;
  model: string;
  language: string;
  maxCrops: number | null;
  /** The zoom-refine crop side, or null when off. */
  zoomCrop: number | null;
  device: string;
}

/** Runs (or resumes) one evaluation and writes its reports. */
export async function runEvaluation(options: EvaluationOptions): Promise<EvaluationResult> {
  const cwd = options.cwd ?? process.cwd();
  const started = performance.now();
  const model = options.model ?? "ocr";
  const spec = parseGrounderSpec(model, cwd);
  const annotations = resolve(cwd, options.annotations);
  if (options.images === undefined && options.benchmark !== "jsonl") {
    throw new InvalidInputError("images", `--images is required for ${options.benchmark}: the folder the annotation image paths are relative to.`);
  }
  const loaded = loadBenchmark(options.benchmark, annotations, { language: options.language ?? "en" });
  const imagesRoot = resolve(cwd, options.images ?? dirname(annotations));
  const seed = options.seed ?? 0;
  const selected = selectItems(loaded.items, { limit: options.limit, sample: options.sample, seed });
  const missing = findMissingImages(selected, imagesRoot);
  const missingSet = new Set(missing);
  const runnable = selected.filter((item) => !missingSet.has(item.image));
  if (runnable.length === 0) {
    throw new InvalidInputError("images", `None of the ${selected.length} selected items has its image under ${imagesRoot} (first missing: ${missing[0]}); check --images.`);
  }

  const slug = (text: string) => text.replace(/\.[a-z]+$/, "").replace(/[^A-Za-z0-9._-]+/g, "-");
  // The annotation path's last two parts: realdev's files are all called annotations.jsonl.
  const annotationsSlug = `${slug(basename(dirname(annotations)))}-${slug(basename(annotations))}`;
  const folder = resolve(cwd, options.out ?? join("reports", "eval", `${options.benchmark}-${annotationsSlug}-${grounderSpecSlug(spec)}`));
  mkdirSync(folder, { recursive: true });
  const predictionsFile = join(folder, "predictions.jsonl");
  const identity: RunIdentity = { benchmark: options.benchmark, annotations, images: imagesRoot, model, language: options.language ?? "en", maxCrops: options.maxCrops ?? null, zoomCrop: options.zoomRefine?.cropSize ?? null, device: options.device ?? "cpu" };
  const identityFile = join(folder, "run.json");
  if (options.fresh) rmSync(predictionsFile, { force: true });
  if (existsSync(identityFile) && existsSync(predictionsFile)) {
    const previous = JSON.parse(readFileSync(identityFile, "utf8")) as RunIdentity;
    const differing = (Object.keys(identity) as (keyof RunIdentity)[]).filter((key) => (previous[key] ?? null) !== identity[key]); // fields added later read as null (off)
    if (differing.length > 0) {
      throw new InvalidInputError(
        "out",
        `${folder} holds predictions of another run (${differing.map((key) => `${key}: ${String(previous[key])}`).join(", ")}); pass --fresh to discard them, or another --out.`,
      );
    }
  }
  writeFileSync(identityFile, `${JSON.stringify(identity, null, 2)}\n`);

  const { records } = readPredictions(predictionsFile);
  const isDone = (id: string) => {
    const record = records.get(id);
    return record !== undefined && !(options.retryErrors && record.error !== undefined);
  };
  const todo = runnable.filter((item) => !isDone(item.id));
  const resumed = runnable.length - todo.length;
  const workers = options.workers ?? 1;
  const timeoutMs = options.timeoutMs ?? 300_000;
  const progress = options.progress;
  const bar = progress ? new ProgressBar({ total: runnable.length, resumed, write: progress, interactive: options.interactive ?? false }) : undefined;
  if (progress) {
    progress(
      `eval ${options.benchmark}: ${runnable.length} items` +
        (missing.length > 0 ? ` (${missing.length} images missing, their items left out)` : "") +
        (resumed > 0 ? `, ${resumed} resumed from ${predictionsFile}` : "") +
        `; model ${model}, ${workers} worker(s)\n`,
    );
  }
  const pool = await runWorkerPool({
    items: todo,
    imagesRoot,
    model,
    cwd,
    workers,
    timeoutMs,
    maxCrops: options.maxCrops,
    zoomRefine: options.zoomRefine,
    threads: options.threads,
    device: options.device,
    predictionsFile,
    onRecord: (record, item) => {
      records.set(record.id, record);
      const imageSize = item.imageSize ?? [record.imageWidth, record.imageHeight];
      bar?.tick(scorePrediction(item.benchmark, item.target, record, imageSize) === "correct");
    },
  });
  bar?.finish();

  const scored = scoreItems(runnable, records);
  const summary = summarize(scored);
  const report: EvalReport = {
    benchmark: options.benchmark,
    protocol: scoringProtocols[options.benchmark],
    model,
    grounder: pool.grounderName,
    annotations,
    images: imagesRoot,
    notes: loaded.notes,
    ...summary,
    items: { loaded: loaded.items.length, selected: selected.length, missingImages: selected.length - runnable.length, scored: scored.length },
    missingImages: missing.slice(0, 50),
    latency: latencyTable(scored),
    run: {
      workers,
      seed,
      limit: options.limit,
      sample: options.sample,
      timeoutMs,
      resumed,
      computed: pool.computed,
      restarts: pool.restarts,
      wallSeconds: (performance.now() - started) / 1000,
      finishedAt: new Date().toISOString(),
      command: options.command ?? "",
    },
  };
  writeFileSync(join(folder, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(folder, "report.md"), reportMarkdown(report));
  if ((options.galleryMax ?? 100) > 0) {
    await writeMissGallery(scored, { folder: join(folder, "gallery"), imagesRoot, maxItems: options.galleryMax ?? 100 });
  }
  return { report, folder, predictionsFile };
}
