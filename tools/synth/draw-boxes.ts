/**
 * Draws a record's boxes (and the first instruction of some elements) on its image, to look at
 * what the engine made:
 *
 *   npx tsx tools/synth/draw-boxes.ts data/synth/val/shard-00000.jsonl s1000-000004 out.png [--width 1200]
 */
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import type { ScreenRecord } from "./render-screen.js";

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const COLORS = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#0f9fa8", "#f032e6", "#808000"];

/** The record's image with every box outlined and every `labelEvery`-th element labelled; PNG bytes. */
export async function drawBoxes(record: ScreenRecord, imagePath: string, options: { width?: number; labelEvery?: number } = {}): Promise<Buffer> {
  const scale = Math.min(1, (options.width ?? record.width) / record.width);
  const width = Math.round(record.width * scale);
  const height = Math.round(record.height * scale);
  const labelEvery = options.labelEvery ?? 3;
  const shapes = record.elements
    .map((element, index) => {
      const color = COLORS[index % COLORS.length] ?? "#e6194b";
      const [x1, y1, x2, y2] = element.box.map((value) => value * scale) as [number, number, number, number];
      const rect = `<rect x="${x1}" y="${y1}" width="${x2 - x1}" height="${y2 - y1}" fill="none" stroke="${color}" stroke-width="2"/>`;
      if (index % labelEvery !== 0) return rect;
      const label = escapeXml(element.instructions[0] ?? "");
      const labelWidth = label.length * 6.4 + 6;
      const above = y1 > 16;
      const labelY = above ? y1 - 15 : y2 + 1;
      return `${rect}<rect x="${x1}" y="${labelY}" width="${labelWidth}" height="14" fill="${color}" opacity="0.85"/><text x="${x1 + 3}" y="${labelY + 11}" font-family="DejaVu Sans" font-size="10.5" fill="#fff">${label}</text>`;
    })
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes}</svg>`;
  return sharp(imagePath)
    .resize(width, height)
    .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
    .png({ palette: true, quality: 90, compressionLevel: 9 })
    .toBuffer();
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { width: { type: "string", default: "1200" }, "label-every": { type: "string", default: "3" } } });
  const [shard, id, out] = positionals;
  if (!shard || !id || !out) throw new Error("usage: npx tsx tools/synth/draw-boxes.ts SHARD.jsonl RECORD_ID OUT.png [--width 1200] [--label-every 3]");
  const lines = (await readFile(shard, "utf8")).split("\n").filter(Boolean);
  const record = lines.map((line) => JSON.parse(line) as ScreenRecord).find((candidate) => candidate.id === id);
  if (!record) throw new Error(`synth: no record ${id} in ${shard}.`);
  const png = await drawBoxes(record, join(dirname(shard), record.image), { width: Number(values.width), labelEvery: Number(values["label-every"]) });
  await writeFile(out, png);
  process.stdout.write(`${out}: ${record.elements.length} boxes, ${png.length} bytes\n`);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}
