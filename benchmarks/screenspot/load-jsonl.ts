/**
 * Loader for our own JSONL format (`../shared/realdev/*\/annotations.jsonl`): one object a line with
 * `id`, `image` (relative to the images root, by default the file's folder), `instruction`,
 * `bbox` = [x1, y1, x2, y2] in pixels, `width`, `height`, `platform`, `ui_type`, optional `os_or_site`
 * and `application`.
 */
import { z } from "zod";
import { assertUniqueIds, parseRecord, readJsonLines } from "./annotation-files.js";
import type { EvalItem, LoadedBenchmark } from "./eval-item.js";

const jsonlRecord = z.object({
  id: z.string().min(1),
  image: z.string().min(1),
  instruction: z.string(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  width: z.number().positive().optional(),
  height: z.number().positive().optional(),
  platform: z.string().optional(),
  os_or_site: z.string().optional(),
  application: z.string().optional(),
  ui_type: z.string().optional(),
});

/** Loads a JSONL annotation file. */
export function loadJsonl(file: string): LoadedBenchmark {
  const items: EvalItem[] = readJsonLines(file).map((raw, index) => {
    const record = parseRecord(jsonlRecord, raw, file, index);
    const [x1, y1, x2, y2] = record.bbox;
    const size: [number, number] | undefined =
      record.width !== undefined && record.height !== undefined ? [record.width, record.height] : undefined;
    return {
      id: record.id,
      benchmark: "jsonl",
      image: record.image,
      instruction: record.instruction,
      target: { kind: "box", x1, y1, x2, y2 },
      imageSize: size,
      group: record.platform,
      application: record.application,
      platform: record.os_or_site,
      uiTypes: record.ui_type === undefined ? [] : [record.ui_type],
    };
  });
  assertUniqueIds(items.map((item) => item.id), file);
  return { benchmark: "jsonl", items, files: [file], notes: ["groundpoint JSONL"] };
}
