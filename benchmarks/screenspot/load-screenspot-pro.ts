/**
 * ScreenSpot-Pro loader: one JSON array per application, boxes `[x1, y1, x2, y2]` in pixels, with
 * `img_size`, `group`, `application`, `platform`, `ui_type` (likaixin/ScreenSpot-Pro schema).
 */
import { basename } from "node:path";
import { z } from "zod";
import { annotationFiles, assertUniqueIds, parseRecord, readJsonArray } from "./annotation-files.js";
import type { EvalItem, LoadedBenchmark } from "./eval-item.js";

const screenSpotProRecord = z.object({
  img_filename: z.string().min(1),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  instruction: z.string(),
  instruction_cn: z.string().optional(),
  id: z.string().min(1),
  application: z.string(),
  platform: z.string(),
  img_size: z.tuple([z.number().positive(), z.number().positive()]),
  ui_type: z.string(),
  group: z.string(),
});

/** Options of `loadScreenSpotPro`. */
export interface ScreenSpotProOptions {
  /** `"en"` uses `instruction`, `"cn"` uses `instruction_cn` (the official `--language`). Default `"en"`. */
  language?: "en" | "cn";
}

/** Loads a ScreenSpot-Pro annotation folder (all `*.json` in it) or one application file. */
export function loadScreenSpotPro(path: string, options: ScreenSpotProOptions = {}): LoadedBenchmark {
  const language = options.language ?? "en";
  const files = annotationFiles(path);
  const items: EvalItem[] = [];
  for (const file of files) {
    readJsonArray(file).forEach((raw, index) => {
      const record = parseRecord(screenSpotProRecord, raw, file, index);
      const [x1, y1, x2, y2] = record.bbox;
      items.push({
        id: record.id,
        benchmark: "screenspot-pro",
        image: record.img_filename,
        instruction: language === "cn" ? (record.instruction_cn ?? record.instruction) : record.instruction,
        target: { kind: "box", x1, y1, x2, y2 },
        imageSize: record.img_size,
        group: record.group,
        application: record.application,
        platform: record.platform,
        uiTypes: [record.ui_type],
      });
    });
  }
  assertUniqueIds(items.map((item) => item.id), files.length === 1 ? basename(path) : path);
  return { benchmark: "screenspot-pro", items, files, notes: [`ScreenSpot-Pro schema, ${files.length} file(s), language ${language}`] };
}
