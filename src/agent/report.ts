/**
 * Run reports: one self-contained HTML file (each step's screenshot as a scaled JPEG with the point,
 * the zoom-refine crop and, for model grounders, the crop grid drawn; the call, timings, cache
 * status, errors) and a JSON trace of the same steps without pictures. The embedded pictures are
 * bounded in bytes: past the bound, steps keep their text and say their picture was left out.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Box, ImagePoint, RgbImage } from "../core/image.js";
import { planPreprocessing } from "../grounding/preprocess/preprocess-image.js";
import { CROP_STRIDE, TOTAL_MARGIN } from "../grounding/preprocess/molmo2-constants.js";
import type { CacheStatus, ReportOptions, ScreenChange } from "./agent-types.js";
import type { EncodedPicture } from "./image-files.js";
import { copyImage, downscaleToFit, drawBox, drawMarker } from "./pixels.js";

/** Encodes a report picture (a scaled screenshot with marks). */
export type PictureEncoder = (image: RgbImage) => Promise<EncodedPicture>;

/** Defaults of {@link ReportOptions}: `./groundpoint-reports`, 8 MiB of pictures, 960-px pictures. */
export const REPORT_DEFAULTS = { dir: "groundpoint-reports", maxBytes: 8 * 1024 * 1024, maxImageSide: 960 } as const;

/** What one step records. */
export interface ReportStepInput {
  readonly call: string;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly screenshot: RgbImage | undefined;
  readonly points: readonly ImagePoint[];
  readonly grounder: string | undefined;
  readonly maxCrops: number | undefined;
  readonly cache: CacheStatus | undefined;
  readonly timings: Readonly<Record<string, number>>;
  readonly refineCrop: Box | undefined;
  readonly screenChange: ScreenChange | undefined;
  readonly dryRun: boolean;
  readonly error: Error | undefined;
  readonly callLog: readonly string[];
}

/** One step as written to the JSON trace. */
export interface TraceStep {
  readonly index: number;
  readonly call: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly ok: boolean;
  readonly error?: { readonly name: string; readonly code?: string; readonly message: string };
  readonly screenSize?: { readonly width: number; readonly height: number };
  readonly points: readonly ImagePoint[];
  readonly grounder?: string;
  readonly cache?: CacheStatus;
  readonly timings: Readonly<Record<string, number>>;
  readonly refineCrop?: Box;
  readonly screenChange?: ScreenChange;
  readonly dryRun: boolean;
  readonly callLog: readonly string[];
  /** `embedded` (bytes of the picture), `omitted` (size bound reached) or `none` (no screenshot). */
  readonly picture: { readonly status: "embedded" | "omitted" | "none"; readonly bytes?: number };
}

const red = [230, 20, 40] as const;
const yellow = [240, 180, 0] as const;
const gray = [150, 150, 150] as const;
const blue = [30, 120, 240] as const;

/** Collects steps and writes `<dir>/<name>.html` and `<dir>/<name>.json` after each one. */
export class RunReport {
  /** Path of the HTML report. */
  readonly htmlPath: string;
  /** Path of the JSON trace. */
  readonly jsonPath: string;
  private readonly steps: TraceStep[] = [];
  /** Data URLs of the embedded pictures, per step. */
  private readonly pictures: (string | undefined)[] = [];
  private pictureBytes = 0;
  private readonly maxBytes: number;
  private readonly maxImageSide: number;
  private readonly startedAt = new Date();

  constructor(
    options: ReportOptions,
    private readonly encodePicture: PictureEncoder,
  ) {
    const dir = resolve(options.dir ?? REPORT_DEFAULTS.dir);
    const name = options.name ?? `run-${this.startedAt.toISOString().replace(/[:.]/g, "-")}`;
    this.htmlPath = join(dir, `${name}.html`);
    this.jsonPath = join(dir, `${name}.json`);
    this.maxBytes = options.maxBytes ?? REPORT_DEFAULTS.maxBytes;
    this.maxImageSide = options.maxImageSide ?? REPORT_DEFAULTS.maxImageSide;
    mkdirSync(dir, { recursive: true });
  }

  /** The steps recorded so far. */
  get trace(): readonly TraceStep[] {
    return this.steps;
  }

  /** Records a step and rewrites both files. */
  async add(step: ReportStepInput): Promise<void> {
    let picture: string | undefined;
    let pictureStatus: TraceStep["picture"] = { status: "none" };
    if (step.screenshot) {
      if (this.pictureBytes < this.maxBytes) {
        const encoded = await this.encodePicture(this.drawStep(step, step.screenshot));
        if (this.pictureBytes + encoded.bytes.length <= this.maxBytes) {
          this.pictureBytes += encoded.bytes.length;
          picture = `data:${encoded.mime};base64,${Buffer.from(encoded.bytes).toString("base64")}`;
          pictureStatus = { status: "embedded", bytes: encoded.bytes.length };
        }
      }
      if (picture === undefined) pictureStatus = { status: "omitted" };
    }
    const error = step.error;
    this.steps.push({
      index: this.steps.length + 1,
      call: step.call,
      startedAt: new Date(step.startedAt).toISOString(),
      durationMs: Math.round(step.durationMs * 10) / 10,
      ok: error === undefined,
      ...(error === undefined ? {} : { error: { name: error.name, message: error.message, ...codeOf(error) } }),
      ...(step.screenshot ? { screenSize: { width: step.screenshot.width, height: step.screenshot.height } } : {}),
      points: step.points.map((point) => ({ x: Math.round(point.x * 10) / 10, y: Math.round(point.y * 10) / 10 })),
      ...(step.grounder === undefined ? {} : { grounder: step.grounder }),
      ...(step.cache === undefined ? {} : { cache: step.cache }),
      timings: step.timings,
      ...(step.refineCrop === undefined ? {} : { refineCrop: step.refineCrop }),
      ...(step.screenChange === undefined ? {} : { screenChange: step.screenChange }),
      dryRun: step.dryRun,
      callLog: step.callLog,
      picture: pictureStatus,
    });
    this.pictures.push(picture);
    this.write();
  }

  private drawStep(step: ReportStepInput, screenshot: RgbImage): RgbImage {
    const small = downscaleToFit(screenshot, this.maxImageSide);
    const picture = small === screenshot ? copyImage(screenshot) : small;
    const scale = picture.width / screenshot.width;
    const scaleBox = (box: Box): Box => ({
      x1: Math.round(box.x1 * scale),
      y1: Math.round(box.y1 * scale),
      x2: Math.round(box.x2 * scale),
      y2: Math.round(box.y2 * scale),
    });
    if (step.grounder !== undefined && usesCrops(step.grounder)) drawCropGrid(picture, screenshot, step.maxCrops);
    if (step.screenChange?.changedBox) drawBox(picture, scaleBox(step.screenChange.changedBox), blue, 1);
    if (step.refineCrop) drawBox(picture, scaleBox(step.refineCrop), yellow, 2);
    for (const point of step.points) drawMarker(picture, { x: point.x * scale, y: point.y * scale }, 12, red, 2);
    return picture;
  }

  private write(): void {
    const trace = { version: 1, startedAt: this.startedAt.toISOString(), steps: this.steps };
    writeAtomically(this.jsonPath, `${JSON.stringify(trace, null, 1)}\n`);
    writeAtomically(this.htmlPath, renderHtml(this.steps, this.pictures, this.startedAt));
  }
}

function codeOf(error: Error): { code?: string } {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? { code } : {};
}

function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** Model grounders tile the screen into crops (Molmo2); the OCR and scripted grounders do not. */
function usesCrops(grounder: string): boolean {
  return grounder.toLowerCase().startsWith("molmo");
}

/**
 * Draws where Molmo2's high-resolution crops fall: the canvas is split into `cols × rows` windows
 * of 266 px after a 56-px margin, stretched back onto the screenshot, then onto the picture.
 */
function drawCropGrid(picture: RgbImage, screenshot: RgbImage, maxCrops: number | undefined): void {
  const plan = planPreprocessing(screenshot.width, screenshot.height, maxCrops === undefined ? {} : { maxCrops });
  const scaleX = picture.width / plan.canvasWidth;
  const scaleY = picture.height / plan.canvasHeight;
  const margin = TOTAL_MARGIN / 2;
  for (let row = 0; row < plan.tiling.rows; row++) {
    for (let column = 0; column < plan.tiling.cols; column++) {
      const x1 = Math.round((margin + column * CROP_STRIDE) * scaleX);
      const y1 = Math.round((margin + row * CROP_STRIDE) * scaleY);
      const x2 = Math.round((margin + (column + 1) * CROP_STRIDE) * scaleX) - 1;
      const y2 = Math.round((margin + (row + 1) * CROP_STRIDE) * scaleY) - 1;
      drawBox(picture, { x1, y1, x2, y2 }, gray, 1);
    }
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function formatTimings(timings: Readonly<Record<string, number>>): string {
  return Object.entries(timings)
    .map(([stage, ms]) => `${escapeHtml(stage)} ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`)
    .join(" · ");
}

function renderStep(step: TraceStep, picture: string | undefined): string {
  const status = step.ok ? (step.dryRun ? "dry run" : "ok") : "failed";
  const rows: [string, string][] = [];
  if (step.screenSize) rows.push(["screen", `${step.screenSize.width}×${step.screenSize.height} px`]);
  if (step.points.length > 0) rows.push(["point (image px)", step.points.map((point) => `(${point.x}, ${point.y})`).join(", ")]);
  if (step.grounder) rows.push(["grounder", escapeHtml(step.grounder)]);
  if (step.cache) {
    const detail = [step.cache.reason, step.cache.correlation === undefined ? undefined : `correlation ${step.cache.correlation.toFixed(3)}`].filter(Boolean).join(", ");
    rows.push(["cache", `${step.cache.status}${detail ? ` (${escapeHtml(detail)})` : ""}`]);
  }
  rows.push(["timings", formatTimings(step.timings)]);
  if (step.screenChange) {
    rows.push(["screen change", `${step.screenChange.changed ? "changed" : "UNCHANGED"} (${step.screenChange.changedPixels} px, ${(step.screenChange.changedFraction * 100).toFixed(2)} %)`]);
  }
  if (step.error) rows.push(["error", `<pre>${escapeHtml(`${step.error.name}: ${step.error.message}`)}</pre>`]);
  else if (step.callLog.length > 0) rows.push(["call log", `<pre>${escapeHtml(step.callLog.join("\n"))}</pre>`]);
  const image =
    picture !== undefined
      ? `<img alt="step ${step.index} screenshot" src="${picture}">`
      : step.picture.status === "omitted"
        ? `<p class="note">Screenshot left out: the report reached its size bound.</p>`
        : "";
  return `<section class="step ${step.ok ? "ok" : "failed"}" id="step-${step.index}">
<h2>${step.index}. ${escapeHtml(step.call)} <span class="status">${status}</span> <span class="time">${Math.round(step.durationMs)} ms</span></h2>
${image}
<table>${rows.map(([key, value]) => `<tr><th>${key}</th><td>${value}</td></tr>`).join("")}</table>
</section>`;
}

function renderHtml(steps: readonly TraceStep[], pictures: readonly (string | undefined)[], startedAt: Date): string {
  const failed = steps.filter((step) => !step.ok).length;
  const total = steps.reduce((sum, step) => sum + step.durationMs, 0);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>groundpoint report ${escapeHtml(startedAt.toISOString())}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#f6f7f9}
.step{background:#fff;border:1px solid #ddd;border-left:6px solid #2a2;border-radius:6px;padding:12px 16px;margin:16px 0}
.step.failed{border-left-color:#d22}
h2{font-size:16px;margin:0 0 8px;font-family:ui-monospace,monospace}
.status{font-size:12px;padding:2px 6px;border-radius:4px;background:#eee}
.time{font-size:12px;color:#777}
img{max-width:100%;border:1px solid #ccc;display:block;margin:8px 0}
th{text-align:left;padding-right:12px;vertical-align:top;color:#555;white-space:nowrap}
pre{margin:0;white-space:pre-wrap;font-size:12px}
.note{color:#a60}
</style></head><body>
<h1>groundpoint report</h1>
<p>Started ${escapeHtml(startedAt.toISOString())} · ${steps.length} step(s), ${failed} failed · ${Math.round(total)} ms in calls.
Red ring: where the agent pointed. Yellow: zoom-refine crop. Gray: model crop grid. Blue: what changed after the action.</p>
${steps.map((step, index) => renderStep(step, pictures[index])).join("\n")}
</body></html>
`;
}
