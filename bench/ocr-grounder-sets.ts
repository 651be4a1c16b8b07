// Evaluation items of the OCR grounder benches: synthetic sets (tools/synth JSONL: element instructions
// and negatives) and realdev sets (annotations.jsonl), with where their cached OCR words live.
import { readdir, readFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Box } from "../src/core/image.js";

/** One instruction to score: a box to land in, or none for a negative (the answer must be not-found). */
export interface EvalItem {
  readonly instruction: string;
  /** Inclusive-exclusive image-pixel box `[x1, y1, x2, y2]`; undefined for a negative. */
  readonly box?: readonly [number, number, number, number];
  /** The element's role in synthetic sets ("button" …), or the realdev item's ui_type. */
  readonly role: string;
  /** The element's visible text and label (synthetic sets), to tell instruction kinds apart. */
  readonly text: string;
  readonly label: string;
  /** The element's action ("save the document"), synthetic sets only. */
  readonly action: string;
}

/** One screenshot and its items. */
export interface EvalScreen {
  readonly id: string;
  /** Image path relative to the set directory. */
  readonly image: string;
  readonly family: string;
  readonly items: readonly EvalItem[];
}

interface SynthRecord {
  id: string;
  image: string;
  family: string;
  elements: { box: [number, number, number, number]; role: string; text: string; label?: string; function?: string; instructions: string[] }[];
  negatives: string[];
}

interface RealdevAnnotation {
  id: string;
  image: string;
  instruction: string;
  bbox: [number, number, number, number];
  ui_type: string;
}

/** Reads a set directory: `shard-*.jsonl` (synthetic) or `annotations.jsonl` (realdev). */
export async function readSetScreens(set: string): Promise<EvalScreen[]> {
  const files = await readdir(set);
  const shards = files.filter((file) => /^shard-\d+\.jsonl$/.test(file)).sort();
  const lines = async (file: string): Promise<string[]> =>
    (await readFile(join(set, file), "utf8")).split("\n").filter((line) => line.trim() !== "");
  if (shards.length > 0) {
    const screens: EvalScreen[] = [];
    for (const shard of shards) {
      for (const line of await lines(shard)) {
        const record = JSON.parse(line) as SynthRecord;
        const items: EvalItem[] = record.elements.flatMap((element) =>
          element.instructions.map((instruction) => ({
            instruction,
            box: element.box,
            role: element.role,
            text: element.text,
            label: element.label ?? "",
            action: element.function ?? "",
          })),
        );
        for (const instruction of record.negatives) items.push({ instruction, role: "negative", text: "", label: "", action: "" });
        screens.push({ id: record.id, image: record.image, family: record.family, items });
      }
    }
    return screens;
  }
  const byImage = new Map<string, EvalItem[]>();
  for (const line of await lines("annotations.jsonl")) {
    const annotation = JSON.parse(line) as RealdevAnnotation;
    const items = byImage.get(annotation.image) ?? [];
    items.push({ instruction: annotation.instruction, box: annotation.bbox, role: annotation.ui_type, text: "", label: "", action: "" });
    byImage.set(annotation.image, items);
  }
  return [...byImage.entries()].map(([image, items]) => ({
    id: basename(image).replace(/\.[a-z]+$/i, ""),
    image,
    family: "realdev",
    items,
  }));
}

/** `data/ocr-cache/<parent>/<set>` for a set directory. */
export function cacheDirectory(set: string): string {
  const absolute = resolve(set);
  return join("data", "ocr-cache", basename(dirname(absolute)), basename(absolute));
}

/** Whether a point lies in a box, edges included (how the OCR grounder benches score a point). */
export function pointInBox(point: { x: number; y: number }, box: readonly [number, number, number, number]): boolean {
  const [x1, y1, x2, y2] = box;
  return point.x >= x1 && point.x <= x2 && point.y >= y1 && point.y <= y2;
}

/** Cached words of one screen (see bench/ocr-grounder-read.ts). */
export interface CachedReading {
  readonly width: number;
  readonly height: number;
  readonly words: readonly { text: string; box: Box; confidence: number; lineIndex: number }[];
}
