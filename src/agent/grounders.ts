/**
 * Which grounder answers: `defaultGrounder()` (the one switch to flip when the trained model ships)
 * and `resolveGrounder(model)` for the `model` option.
 */
import { existsSync } from "node:fs";
import { InvalidInputError } from "../core/errors.js";
import type { Grounder } from "../core/grounder.js";
import { createOcrGrounder } from "../grounders/ocr-grounder.js";
import { createRemoteGrounder } from "../grounders/remote-grounder.js";
import { createMolmoPointGrounder } from "../runtime/molmopoint/molmopoint-grounder.js";

/**
 * The grounder used when no `model` or `grounder` option is given. Today: the OCR grounder (until
 * the embedded MolmoPoint-Nano model exists).
 */
export async function defaultGrounder(): Promise<Grounder> {
  return ocrGrounder();
}

function ocrGrounder(): Promise<Grounder> {
  return createOcrGrounder();
}

/**
 * Resolves the `model` option: `"default"`, `"ocr"`, a model package folder, or an `http(s)://` URL.
 * A URL gets the remote grounding protocol (see `src/grounders/remote-grounder.ts`). A folder loads as a MolmoPoint model package (every file's SHA-256 verified), on the CPU.
 * @throws InvalidInputError for an empty value or a path that does not exist; ModelLoadError when the
 *   backend cannot load.
 */
export async function resolveGrounder(model: string): Promise<Grounder> {
  if (typeof model !== "string" || model.trim() === "") {
    throw new InvalidInputError("model", `model must be "default", "ocr", a model package folder or an http(s) URL, got ${JSON.stringify(model)}.`);
  }
  if (model === "default") return defaultGrounder();
  if (model === "ocr") return ocrGrounder();
  if (/^https?:\/\//i.test(model)) return createRemoteGrounder({ url: model });
  if (!existsSync(model)) {
    throw new InvalidInputError("model", `model ${JSON.stringify(model)} is neither "default", "ocr", an http(s) URL, nor an existing model package folder.`);
  }
  return createMolmoPointGrounder(model);
}
