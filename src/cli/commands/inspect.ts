import { InvalidInputError } from "../../core/errors.js";
import { DEFAULT_MAX_CROPS, MAX_MAX_CROPS } from "../../grounding/preprocess/molmo2-constants.js";
import { planPreprocessing, type PreprocessingPlan } from "../../grounding/preprocess/preprocess-image.js";
import { decodeImage } from "../../image/decode-image.js";
import type { CliCommand } from "../run-cli.js";
import { parseCommandLine } from "./agent-command-options.js";

const help = `Usage: groundpoint inspect <image> [--max-crops N] [--json]

Shows how MolmoPoint will see a screenshot (PNG, JPEG or WebP): the crop tiling (rows × cols), the
canvas the crops are cut from, the number of crops (the global crop included), the image tokens in
the prompt, and the pointing precision: screenshot pixels between neighbouring location cells in x
and y, 0.33 × width / Wg and 0.33 × height / Hg (Wg × Hg = ViT patch grid of the canvas; upstream
spaces the 3 × 3 location cells by 0.33 of a patch, not 1/3).

  --max-crops N  crop budget, an integer from 1 to ${MAX_MAX_CROPS} (default ${DEFAULT_MAX_CROPS}, as MolmoPoint-GUI)
  --json         print one JSON object with the keys width, height, maxCrops, rows, cols,
                 canvasWidth, canvasHeight, crops, imageTokens, pxPerCellX, pxPerCellY

Exit codes: 0 done, 2 bad arguments or an unreadable / unusable image.
`;

/** The `--json` object of `groundpoint inspect`, exactly these keys. */
export interface InspectReport {
  width: number;
  height: number;
  maxCrops: number;
  rows: number;
  cols: number;
  canvasWidth: number;
  canvasHeight: number;
  crops: number;
  imageTokens: number;
  pxPerCellX: number;
  pxPerCellY: number;
}

/** The `--json` report of a pre-processing plan. */
export function inspectReport(plan: PreprocessingPlan): InspectReport {
  return {
    width: plan.width,
    height: plan.height,
    maxCrops: plan.maxCrops,
    rows: plan.tiling.rows,
    cols: plan.tiling.cols,
    canvasWidth: plan.canvasWidth,
    canvasHeight: plan.canvasHeight,
    crops: plan.crops,
    imageTokens: plan.imageTokens,
    pxPerCellX: plan.pxPerCellX,
    pxPerCellY: plan.pxPerCellY,
  };
}

function parseMaxCrops(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_CROPS;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_MAX_CROPS) {
    throw new InvalidInputError("maxCrops", `--max-crops must be an integer from 1 to ${MAX_MAX_CROPS}, got "${text}"; MolmoPoint-GUI uses 48 (64 for 4K screens).`);
  }
  return Number(text);
}

function describePlan(path: string, plan: PreprocessingPlan): string {
  const { rows, cols } = plan.tiling;
  return [
    `${path}: ${plan.width}×${plan.height} px, max crops ${plan.maxCrops}`,
    `  tiling        ${rows} rows × ${cols} cols = ${rows * cols} crops of 378×378 px, 266 px apart`,
    `  canvas        ${plan.canvasWidth}×${plan.canvasHeight} px (the image stretched to it, then cut into the crops)`,
    `  crops         ${plan.crops} (1 global + ${rows * cols})`,
    `  ViT grid      ${plan.gridWidth}×${plan.gridHeight} patches of 14 px; ${plan.tokenCols}×${plan.tokenRows} pooled tokens`,
    `  image tokens  ${plan.imageTokens} in the prompt (${plan.poolingRows} carry image features)`,
    `  precision     ${plan.pxPerCellX.toFixed(2)} × ${plan.pxPerCellY.toFixed(2)} screenshot px per location cell (x × y; 0.33 × W/Wg, 0.33 × H/Hg)`,
    "",
  ].join("\n");
}

/** `groundpoint inspect <image> [--max-crops N] [--json]`: how the model will see a screenshot. */
export const inspectCommand: CliCommand = {
  name: "inspect",
  summary: "show how the model will see a screenshot: tiling, crops, image tokens, pointing precision",
  help,
  async run(argv, io) {
    const parsed = parseCommandLine("inspect", {
      args: [...argv],
      allowPositionals: true,
      options: { "max-crops": { type: "string" }, json: { type: "boolean" } },
    });
    const [path, ...extra] = parsed.positionals;
    if (path === undefined || extra.length > 0) {
      throw new InvalidInputError("image", "pass exactly one image file: groundpoint inspect <image> [--max-crops N] [--json].");
    }
    const maxCrops = parseMaxCrops(parsed.values["max-crops"]);
    // Decode fully (not just the header): the size after EXIF orientation is what the model sees, and
    // a truncated file should fail here rather than later.
    const image = await decodeImage(path);
    let plan: PreprocessingPlan;
    try {
      plan = planPreprocessing(image.width, image.height, { maxCrops });
    } catch (error) {
      if (!InvalidInputError.isInstance(error)) throw error;
      throw new InvalidInputError(error.parameter, `${path}: ${error.message}`, { cause: error });
    }
    io.stdout(parsed.values.json ? `${JSON.stringify(inspectReport(plan))}\n` : describePlan(path, plan));
    return 0;
  },
};
