import { InvalidInputError } from "../../core/errors.js";
import { GLOBAL_TOKENS } from "./molmo2-constants.js";

/**
 * Special-token ids of the image block. Defaults are MolmoPoint's Qwen3 ids (MOLMOPOINT_SPEC.md §1);
 * model packages with a smaller vocabulary shift them (the tiny golden model uses 1024 + offset).
 */
export interface ImageTokenIds {
  /** `<im_start>`, opens the high-res block. Default 151936. */
  readonly imageStart: number;
  /** `<im_end>`, closes each block. Default 151937. */
  readonly imageEnd: number;
  /** `<im_patch>`, one per high-res pooled token. Default 151938. */
  readonly imagePatch: number;
  /** `<im_col>`, ends each row of high-res tokens. Default 151939. */
  readonly imageColumn: number;
  /** `<low_res_im_start>`, opens the global-crop block. Default 151940. */
  readonly lowResImageStart: number;
  /** `<im_low>`, one per global-crop pooled token. Default 151942. */
  readonly imageLow: number;
}

/** MolmoPoint's ids (Qwen3 vocabulary, extra tokens placed from 151936). */
export const MOLMOPOINT_IMAGE_TOKEN_IDS: ImageTokenIds = Object.freeze({
  imageStart: 151936,
  imageEnd: 151937,
  imagePatch: 151938,
  imageColumn: 151939,
  lowResImageStart: 151940,
  imageLow: 151942,
});

/** Merges partial ids over the defaults and checks that each is a non-negative integer. */
export function resolveImageTokenIds(ids: Partial<ImageTokenIds> | undefined): ImageTokenIds {
  const resolved = { ...MOLMOPOINT_IMAGE_TOKEN_IDS, ...ids };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff) {
      throw new InvalidInputError("tokenIds", `tokenIds.${name} must be a non-negative int32 token id, got ${String(value)}.`);
    }
  }
  return resolved;
}

/** Length of the image-token block for a `tokenRows × tokenCols` high-res token grid: `198 + 2 + th*(tw+1)`. */
export function imageBlockLength(tokenRows: number, tokenCols: number): number {
  return GLOBAL_TOKENS + 2 + 2 + tokenRows * (tokenCols + 1);
}

/**
 * The image-token block, as Molmo2's `get_image_tokens` with MolmoPoint's settings:
 * `<low_res_im_start> <im_low>×196 <im_end> <im_start> (<im_patch>×tw <im_col>)×th <im_end>`.
 * The k-th `<im_low>`/`<im_patch>` corresponds to pooling row k.
 */
export function buildImageTokenIds(tokenRows: number, tokenCols: number, ids: ImageTokenIds = MOLMOPOINT_IMAGE_TOKEN_IDS): Int32Array {
  const tokens = new Int32Array(imageBlockLength(tokenRows, tokenCols));
  let at = 0;
  tokens[at++] = ids.lowResImageStart;
  tokens.fill(ids.imageLow, at, at + GLOBAL_TOKENS);
  at += GLOBAL_TOKENS;
  tokens[at++] = ids.imageEnd;
  tokens[at++] = ids.imageStart;
  for (let row = 0; row < tokenRows; row++) {
    tokens.fill(ids.imagePatch, at, at + tokenCols);
    at += tokenCols;
    tokens[at++] = ids.imageColumn;
  }
  tokens[at++] = ids.imageEnd;
  return tokens;
}
