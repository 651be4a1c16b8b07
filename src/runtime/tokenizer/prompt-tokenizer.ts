import { readFile } from "node:fs/promises";
import { Tokenizer } from "@huggingface/tokenizers";
import { ModelLoadError } from "../../core/errors.js";
import type { ModelManifest } from "../model-package/model-manifest.js";
import type { ModelPackage } from "../model-package/load-model-package.js";

/** Text ↔ ids for one model package (its `tokenizer.json`, loaded by `@huggingface/tokenizers`). */
export interface TextTokenizer {
  /** Ids of `text` without special tokens added (the prompt's special ids come from the manifest). */
  encode(text: string): number[];
  /** Text of plain-vocabulary ids; ids at or above `tokens.pointBase` are not text and must be removed first. */
  decode(ids: readonly number[]): string;
}

async function readJson(modelPackage: ModelPackage, file: string): Promise<object> {
  const path = modelPackage.resolve(file);
  try {
    const json: unknown = JSON.parse(await readFile(path, "utf8"));
    if (typeof json !== "object" || json === null) throw new Error("not a JSON object");
    return json;
  } catch (error) {
    throw new ModelLoadError(`${path} cannot be read as JSON (${(error as Error).message}); pull the package again.`, { file, cause: error });
  }
}

/**
 * Loads the package's tokenizer (`manifest.tokenizer.path`, plus `configPath` when listed).
 *
 * @throws ModelLoadError naming the tokenizer file when it is not a tokenizer `@huggingface/tokenizers` reads.
 */
export async function loadTextTokenizer(modelPackage: ModelPackage): Promise<TextTokenizer> {
  const { path, configPath } = modelPackage.manifest.tokenizer;
  const json = await readJson(modelPackage, path);
  const config = configPath === undefined ? {} : await readJson(modelPackage, configPath);
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(json, config);
  } catch (error) {
    throw new ModelLoadError(`${modelPackage.resolve(path)} is not a tokenizer @huggingface/tokenizers can read: ${(error as Error).message}.`, { file: path, cause: error });
  }
  return {
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }).ids,
    decode: (ids) => tokenizer.decode([...ids], { skip_special_tokens: false }),
  };
}

/** A prompt ready for the decoder. */
export interface PromptIds {
  /** `[bos] + imageBlock + userPrefixIds + instructionIds + userSuffixIds` (spec §2.8). */
  readonly ids: Int32Array;
  /** 1 where the id is one of `tokens.imageTokenTypes` (the bidirectional block), else 0. */
  readonly tokenTypes: Uint8Array;
  /** Index of the first id of the image block (right after BOS). */
  readonly imageBlockStart: number;
}

/**
 * Assembles the single-image MolmoPoint prompt from manifest ids, as the HF chat template plus
 * `insert_bos` produce it: BOS, the image block, then the user turn and the assistant header.
 */
export function buildPromptIds(tokens: ModelManifest["tokens"], imageBlock: Int32Array, instructionIds: readonly number[]): PromptIds {
  const parts = [[tokens.bos], imageBlock, tokens.chat.userPrefixIds, instructionIds, tokens.chat.userSuffixIds];
  const ids = new Int32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    ids.set(part, at);
    at += part.length;
  }
  const imageTypes = new Set(tokens.imageTokenTypes);
  const tokenTypes = new Uint8Array(ids.length);
  for (let index = 0; index < ids.length; index++) tokenTypes[index] = imageTypes.has(ids[index]!) ? 1 : 0;
  return { ids, tokenTypes, imageBlockStart: 1 };
}
