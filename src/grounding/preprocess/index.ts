/**
 * MolmoPoint image pre-processing (pure): the Molmo2 multi-crop tiling, the torch-2.11-exact uint8
 * bilinear resize, normalisation and patch flattening, the subpatch mapping, the 2×2 pooling table and
 * the image-token block. {@link preprocessImage} does it all; {@link planPreprocessing} gives the
 * geometry without pixels.
 */
export {
  CROP_SIZE,
  PATCH_SIZE,
  CROP_STRIDE,
  DEFAULT_MAX_CROPS,
  MAX_MAX_CROPS,
  MIN_IMAGE_SIDE,
  LOCATION_CELL_FRACTION,
} from "./molmo2-constants.js";
export { selectTiling, validateMaxCrops, type Tiling } from "./select-tiling.js";
export { resizeBilinearU8, bilinearAxis, type AxisInterpolation, type ResizeOptions } from "./resize-bilinear-u8.js";
export { NORMALIZED_U8, VALUES_PER_CROP, writeCropPatches } from "./crop-patches.js";
export { buildSubpatchMapping, buildPoolingTable, poolTwoByTwo, type IntGrid } from "./pooling-tables.js";
export {
  MOLMOPOINT_IMAGE_TOKEN_IDS,
  buildImageTokenIds,
  imageBlockLength,
  resolveImageTokenIds,
  type ImageTokenIds,
} from "./image-tokens.js";
export { PreprocessWorkspace } from "./preprocess-workspace.js";
export {
  planPreprocessing,
  preprocessImage,
  resizeForPlan,
  buildPixelValues,
  validateRgbImage,
  type PreprocessOptions,
  type PreprocessingPlan,
  type PreprocessedImage,
  type ResizedImages,
} from "./preprocess-image.js";
