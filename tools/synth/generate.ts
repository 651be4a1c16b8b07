/**
 * The synthetic GUI data engine's command line:
 *
 *   npx tsx tools/synth/generate.ts --out data/synth/train --seed 1 --count 2000 --concurrency 2
 *
 * Renders procedural screens in Debian's Chromium, annotates every visible interactive element
 * (box from the DOM, about five instructions) plus negatives, and writes JSONL shards and images.
 * The same seed gives byte-identical annotations and images, whatever `--concurrency` is.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser } from "playwright-core";
import sharp from "sharp";
import { planPreprocessing, resizeBilinearU8 } from "../../src/grounding/preprocess/index.js";
import { decodeImage } from "../../src/image/decode-image.js";
import { selectFamilies } from "./families/index.js";
import { renderScreen, PageSlot, type RenderedScreen, type ScreenRecord } from "./render-screen.js";
import { buildScreenSpec } from "./screen-spec.js";

/** Options of {@link generateDataset}. */
export interface GenerateOptions {
  /** Output folder (created). */
  out: string;
  /** Dataset seed. */
  seed: number;
  /** Screens to render. */
  count: number;
  /** First screen index (to extend a dataset). Default 0. */
  start?: number;
  /** Pages rendered in parallel in one browser. Default 2. */
  concurrency?: number;
  /** Screens per JSONL shard. Default 500. */
  shardSize?: number;
  /** Comma-separated family names or prefixes. Default all. */
  families?: string;
  /** Image format. Default "jpeg". */
  format?: "jpeg" | "webp" | "png";
  /** JPEG/WebP quality. Default 90. */
  quality?: number;
  /** Also store each image stretched to the Molmo2 canvas for this crop budget (0 = off). Default 0. */
  trainMaxCrops?: number;
  /** Skip writing the full-size image (only with `trainMaxCrops`). Default false. */
  trainOnly?: boolean;
  /** Chromium binary. Default `$GROUNDPOINT_CHROMIUM` or /usr/bin/chromium. */
  executablePath?: string;
  /** Stop starting new screens after this many seconds (the run ends early, shards complete). Default 0 = no limit. */
  maxSeconds?: number;
  /** Print the progress bar to stderr. Default true. */
  progress?: boolean;
  signal?: AbortSignal;
}

/** Counts of a finished run. */
export interface GenerateSummary {
  screens: number;
  elements: number;
  instructions: number;
  negatives: number;
  seconds: number;
  shards: string[];
}

function progressLine(done: number, total: number, elements: number, startedAt: number): string {
  const seconds = (performance.now() - startedAt) / 1000;
  const width = 28;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  const rate = done / Math.max(seconds, 1e-3);
  const eta = rate > 0 ? (total - done) / rate : 0;
  return `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} screens  ${rate.toFixed(2)} screens/s  ${(elements / Math.max(seconds, 1e-3)).toFixed(1)} points/s  ETA ${Math.round(eta)} s `;
}

/** Launches Chromium for rendering (never downloads one). */
export async function launchSynthBrowser(executablePath?: string): Promise<Browser> {
  return chromium.launch({
    executablePath: executablePath ?? process.env["GROUNDPOINT_CHROMIUM"] ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--font-render-hinting=none"],
  });
}

/** Renders `count` screens into `out`: `shard-00000.jsonl`…, `images/<id>.jpg`, `train-<N>/<id>.jpg`. */
export async function generateDataset(options: GenerateOptions): Promise<GenerateSummary> {
  const families = selectFamilies(options.families);
  const start = options.start ?? 0;
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const shardSize = Math.max(1, options.shardSize ?? 500);
  const format = options.format ?? "jpeg";
  const extension = format === "jpeg" ? "jpg" : format;
  const trainMaxCrops = options.trainMaxCrops ?? 0;
  const trainFolder = `train-${trainMaxCrops}`;
  if (options.trainOnly && trainMaxCrops <= 0) throw new Error("synth: --train-only needs --train-res N (a crop budget).");
  await mkdir(join(options.out, "images"), { recursive: true });
  if (trainMaxCrops > 0) await mkdir(join(options.out, trainFolder), { recursive: true });
  const browser = await launchSynthBrowser(options.executablePath);
  const summary: GenerateSummary = { screens: 0, elements: 0, instructions: 0, negatives: 0, seconds: 0, shards: [] };
  const startedAt = performance.now();
  const pending = new Map<number, ScreenRecord>();
  let nextToWrite = start;
  let shardLines: string[] = [];
  let shardIndex = Math.floor(start / shardSize);
  const flushShard = async (): Promise<void> => {
    if (shardLines.length === 0) return;
    const path = join(options.out, `shard-${String(shardIndex).padStart(5, "0")}.jsonl`);
    await writeFile(path, `${shardLines.join("\n")}\n`);
    summary.shards.push(path);
    shardLines = [];
    shardIndex += 1;
  };
  const storeImages = async (rendered: RenderedScreen): Promise<ScreenRecord> => {
    const record = rendered.record;
    if (!options.trainOnly) {
      record.image = `images/${record.id}.${extension}`;
      await writeFile(join(options.out, record.image), rendered.image);
    }
    if (trainMaxCrops > 0) {
      const plan = planPreprocessing(record.width, record.height, { maxCrops: trainMaxCrops });
      // The preprocessor's own resize (no antialiasing), so training sees the pixels inference will.
      const canvas = resizeBilinearU8(await decodeImage(rendered.image), plan.canvasWidth, plan.canvasHeight);
      const resized = sharp(canvas.data, { raw: { width: canvas.width, height: canvas.height, channels: 3 } });
      const buffer = format === "webp" ? await resized.webp({ quality: options.quality ?? 90 }).toBuffer() : await resized.jpeg({ quality: options.quality ?? 90 }).toBuffer();
      const image = `${trainFolder}/${record.id}.${format === "webp" ? "webp" : "jpg"}`;
      await writeFile(join(options.out, image), buffer);
      record.train = { image, width: plan.canvasWidth, height: plan.canvasHeight, maxCrops: trainMaxCrops };
      if (options.trainOnly) record.image = image;
    }
    return record;
  };
  let nextIndex = start;
  let reported = 0;
  let reportedAt = performance.now();
  const end = start + options.count;
  const worker = async (): Promise<void> => {
    const slot = new PageSlot(browser);
    try {
      while (nextIndex < end) {
        options.signal?.throwIfAborted();
        if (options.maxSeconds && (performance.now() - startedAt) / 1000 > options.maxSeconds) break;
        const index = nextIndex;
        nextIndex += 1;
        const spec = buildScreenSpec(options.seed, index, families);
        const rendered = await renderScreen(slot, spec, { format, quality: options.quality });
        pending.set(index, await storeImages(rendered));
        // Records go out in index order, so shards do not depend on which slot finished first.
        for (let record = pending.get(nextToWrite); record; record = pending.get(nextToWrite)) {
          pending.delete(nextToWrite);
          shardLines.push(JSON.stringify(record));
          summary.screens += 1;
          summary.elements += record.elements.length;
          summary.instructions += record.elements.reduce((sum, element) => sum + element.instructions.length, 0);
          summary.negatives += record.negatives.length;
          nextToWrite += 1;
          if (nextToWrite % shardSize === 0) await flushShard();
        }
        if (options.progress ?? true) {
          // On a terminal the bar redraws in place; in a log file, one line per 5 % or per 30 s keeps it readable.
          const step = Math.max(1, Math.round(options.count / 20));
          if (process.stderr.isTTY) process.stderr.write(progressLine(summary.screens, options.count, summary.elements, startedAt));
          else if (summary.screens > reported && (summary.screens % step === 0 || performance.now() - reportedAt > 30_000)) {
            process.stderr.write(`${progressLine(summary.screens, options.count, summary.elements, startedAt).trim()}\n`);
            reported = summary.screens;
            reportedAt = performance.now();
          }
        }
      }
    } finally {
      await slot.close();
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, () => worker()));
    await flushShard();
  } finally {
    await browser.close();
  }
  if ((options.progress ?? true) && process.stderr.isTTY) process.stderr.write("\n");
  summary.seconds = (performance.now() - startedAt) / 1000;
  return summary;
}

const USAGE = `usage: npx tsx tools/synth/generate.ts --out DIR --seed N --count N [--start N] [--concurrency N]
       [--shard-size N] [--families web,desktop-ide,...] [--format jpeg|webp|png] [--quality 90]
       [--train-res MAX_CROPS [--train-only]] [--max-seconds N] [--chromium PATH]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: "string", default: "data/synth/train" },
      seed: { type: "string", default: "1" },
      count: { type: "string", default: "100" },
      start: { type: "string", default: "0" },
      concurrency: { type: "string", default: "2" },
      "shard-size": { type: "string", default: "500" },
      families: { type: "string" },
      format: { type: "string", default: "jpeg" },
      quality: { type: "string", default: "90" },
      "train-res": { type: "string", default: "0" },
      "train-only": { type: "boolean", default: false },
      "max-seconds": { type: "string", default: "0" },
      chromium: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const integer = (name: string, text: string, min: number): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) throw new Error(`synth: --${name} must be an integer ≥ ${min}, got "${text}".\n${USAGE}`);
    return value;
  };
  const format = values.format;
  if (format !== "jpeg" && format !== "webp" && format !== "png") throw new Error(`synth: --format must be jpeg, webp or png, got "${format}".`);
  const summary = await generateDataset({
    out: values.out,
    seed: integer("seed", values.seed, 0),
    count: integer("count", values.count, 1),
    start: integer("start", values.start, 0),
    concurrency: integer("concurrency", values.concurrency, 1),
    shardSize: integer("shard-size", values["shard-size"], 1),
    families: values.families,
    format,
    quality: integer("quality", values.quality, 1),
    trainMaxCrops: integer("train-res", values["train-res"], 0),
    trainOnly: values["train-only"],
    executablePath: values.chromium,
    maxSeconds: integer("max-seconds", values["max-seconds"], 0),
  });
  process.stdout.write(
    `${summary.screens} screens, ${summary.elements} points (${(summary.elements / Math.max(summary.screens, 1)).toFixed(1)} per screen), ` +
      `${summary.instructions} instructions, ${summary.negatives} negatives in ${summary.seconds.toFixed(1)} s: ` +
      `${(summary.screens / summary.seconds).toFixed(2)} screens/s, ${(summary.elements / summary.seconds).toFixed(1)} points/s → ${values.out}\n`,
  );
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}
