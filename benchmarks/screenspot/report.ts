/**
 * The report of a run, as one JSON object and as Markdown tables. Pure: the caller writes the files.
 */
import type { BenchmarkName } from "./eval-item.js";
import type { LatencyRow, LatencyTable, Quantiles } from "./latency.js";
import type { Summary, Tally } from "./summarize.js";

/** Which scoring protocol each benchmark's numbers use, stated in every report. */
export const scoringProtocols: Record<BenchmarkName, string> = {
  "screenspot-pro":
    "official eval_screenspot_pro.py: first point; box and point divided by img_size; x1<=x<=x2 and y1<=y<=y2 (edges count); no point = wrong; accuracy = correct / scored items (1581 for the full set)",
  "screenspot-v2":
    "SeeClick / OS-Atlas: first point; box [x,y,w,h] → [x1,y1,x2,y2], box and point divided by the image size; edges count; no point = wrong; accuracy = correct / scored items (1272 for the full set), not the mean of the six split × type cells",
  "osworld-g":
    "official OSWorld-G: first point in pixels; bbox [x,y,x+w,y+h] edges count; polygon by even-odd ray casting; refusal items correct only when the grounder declines (no point); refusals stay in the denominator (564 per instruction set)",
  jsonl: "groundpoint JSONL: first point in pixels inside [x1,y1,x2,y2], edges count; no point = wrong",
};

/** Everything a run reports. `accuracy`, `correct`, `total` and `breakdown` are the `--json` contract. */
export interface EvalReport extends Summary {
  readonly benchmark: BenchmarkName;
  readonly protocol: string;
  readonly model: string;
  readonly grounder: string | undefined;
  readonly annotations: string;
  readonly images: string;
  readonly notes: readonly string[];
  readonly items: { loaded: number; selected: number; missingImages: number; scored: number };
  /** Up to 50 missing image paths (relative to `images`). */
  readonly missingImages: readonly string[];
  readonly latency: LatencyTable;
  readonly run: {
    workers: number;
    seed: number;
    limit: number | undefined;
    sample: number | undefined;
    timeoutMs: number;
    /** Items read back from the predictions file instead of computed. */
    resumed: number;
    computed: number;
    restarts: number;
    wallSeconds: number;
    finishedAt: string;
    command: string;
  };
}

const percent = (tally: Tally) => `${(100 * tally.accuracy).toFixed(1)}%`;
const ms = (value: number) => (Number.isNaN(value) ? "–" : value >= 100 ? value.toFixed(0) : value.toFixed(1));
const cell = (quantiles: Quantiles | undefined) => (quantiles ? `${ms(quantiles.p50)} / ${ms(quantiles.p95)}` : "–");
const escape = (text: string) => text.replace(/\|/g, "\\|");

function tallyTable(title: string, table: Record<string, Tally>): string[] {
  const rows = Object.entries(table);
  if (rows.length === 0) return [];
  return [
    `### ${title}`,
    "",
    "| | accuracy | correct | total |",
    "|---|---:|---:|---:|",
    ...rows.map(([label, tally]) => `| ${escape(label)} | ${percent(tally)} | ${tally.correct} | ${tally.total} |`),
    "",
  ];
}

function latencyRows(label: string, row: LatencyRow, stageNames: readonly string[]): string {
  return `| ${label} | ${row.count} | ${cell(row.locate)} | ${cell(row.load)} | ${stageNames.map((stage) => cell(row.stages[stage])).join(" | ")} |`;
}

/** Renders the report as Markdown: overall, breakdowns, latency. */
export function reportMarkdown(report: EvalReport): string {
  const { breakdown, latency } = report;
  const lines = [
    `# ${report.benchmark} — ${report.grounder ?? report.model}`,
    "",
    `**Accuracy ${percent(report)}** (${report.correct} / ${report.total})`,
    "",
    `- Scoring: ${report.protocol}.`,
    `- Outcomes: ${Object.entries(report.outcomes).map(([outcome, count]) => `${outcome} ${count}`).join(", ")}.`,
    `- Items: ${report.items.loaded} loaded, ${report.items.selected} selected, ${report.items.scored} scored` +
      (report.items.missingImages > 0 ? `, **${report.items.missingImages} left out: image missing** (not comparable with the official number)` : "") +
      ".",
    `- Model \`${report.model}\`; ${report.run.workers} worker(s), seed ${report.run.seed}` +
      (report.run.limit !== undefined ? `, limit ${report.run.limit}` : "") +
      (report.run.sample !== undefined ? `, sample ${report.run.sample}` : "") +
      `; ${report.run.computed} computed, ${report.run.resumed} resumed; ${report.run.wallSeconds.toFixed(1)} s wall.`,
    `- Annotations \`${report.annotations}\`, images \`${report.images}\`.`,
    ...report.notes.map((note) => `- ${note}`),
    "",
    `Command: \`${report.run.command}\``,
    "",
    "## Breakdowns",
    "",
    ...tallyTable("Group × UI type", breakdown.groupUiType),
    ...tallyTable("Group", breakdown.group),
    ...tallyTable("Platform / source", breakdown.platform),
    ...tallyTable("UI type", breakdown.uiType),
    ...tallyTable("Application", breakdown.application),
    ...tallyTable("Resolution", breakdown.resolution),
    ...tallyTable("Target kind", breakdown.targetKind),
    "## Latency (ms, p50 / p95)",
    "",
    "`locate` is the wall time of one call as the worker measured it; `load` is image decoding (once per screenshot);",
    "the other columns are the stages the grounder reported. A grounder that caches per screenshot answers later items",
    "on the same screenshot from its cache: the \"first item on its screenshot\" row shows cold calls.",
    "",
    `| resolution | n | locate | load | ${latency.stageNames.map(escape).join(" | ")} |`,
    `|---|---:|---:|---:|${latency.stageNames.map(() => "---:|").join("")}`,
    latencyRows("**all**", latency.overall, latency.stageNames),
    latencyRows("first item on its screenshot", latency.firstOnScreenshot, latency.stageNames),
    ...Object.entries(latency.byResolution).map(([label, row]) => latencyRows(label, row, latency.stageNames)),
    "",
  ];
  if (report.missingImages.length > 0) {
    lines.push("## Missing images (first 50)", "", ...report.missingImages.map((path) => `- \`${path}\``), "");
  }
  return lines.join("\n");
}
