// The miss gallery on a real screenshot: bounded thumbnails with the target and the point drawn.
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { loadJsonl } from "../../benchmarks/screenspot/load-jsonl.js";
import { writeMissGallery } from "../../benchmarks/screenspot/miss-gallery.js";
import type { PredictionRecord } from "../../benchmarks/screenspot/prediction-record.js";
import { scoreItems } from "../../benchmarks/screenspot/summarize.js";

const annotations = fileURLToPath(new URL("../../../shared/realdev/screenspot_v2_subset/annotations.jsonl", import.meta.url));
const imagesRoot = fileURLToPath(new URL("../../../shared/realdev/screenspot_v2_subset/", import.meta.url));

describe("writeMissGallery", () => {
  it("draws misses only, at most maxItems, thumbnails at most 720 px wide, with the point in red and the box in green", async () => {
    const items = loadJsonl(annotations).items.slice(0, 4); // 2560×1440 web screenshots
    const record = (id: string, x: number, y: number): PredictionRecord => ({
      id, points: [{ x, y }], notFound: false, timings: {}, imageWidth: 2560, imageHeight: 1440, loadMs: 0, locateMs: 0,
    });
    const first = items[0]!;
    const box = first.target.kind === "box" ? first.target : undefined;
    const predictions = new Map([
      [first.id, record(first.id, 300, 700)], // a miss
      [items[1]!.id, record(items[1]!.id, 1500, 30)], // a hit: [1464, 7, 1642, 64]
      [items[2]!.id, record(items[2]!.id, 10, 10)], // a miss
      [items[3]!.id, record(items[3]!.id, 20, 20)], // a miss, beyond maxItems
    ]);
    const scored = scoreItems(items, predictions);
    expect(scored.map((entry) => entry.correct)).toEqual([false, true, false, false]);
    const folder = mkdtempSync(join(tmpdir(), "groundpoint-gallery-"));
    expect(await writeMissGallery(scored, { folder, imagesRoot, maxItems: 2 })).toBe(2);
    expect(readdirSync(folder).sort()).toEqual(["index.html", "miss-0000-full.jpg", "miss-0000-zoom.jpg", "miss-0001-full.jpg", "miss-0001-zoom.jpg"]);
    const html = readFileSync(join(folder, "index.html"), "utf8");
    expect(html).toContain("Misses: 2 shown of 3");
    expect(html).toContain(first.instruction);
    expect(html).toContain("clicked (300.0, 700.0)");

    const { data, info } = await sharp(join(folder, "miss-0000-full.jpg")).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([720, 405]);
    const scale = 720 / 2560;
    const pixel = (x: number, y: number) => {
      const offset = (Math.round(y * scale) * info.width + Math.round(x * scale)) * info.channels;
      return [data[offset]!, data[offset + 1]!, data[offset + 2]!] as const;
    };
    const [red, green, blue] = pixel(300, 700); // the cross's centre
    // JPEG blurs a 2-px stroke: compare channels, not exact values.
    expect(red - Math.max(green, blue)).toBeGreaterThan(80);
    const [boxRed, boxGreen] = pixel(box!.x1, (box!.y1 + box!.y2) / 2); // the box's left edge
    expect(boxGreen - boxRed).toBeGreaterThan(80);
  });
});
