import type * as ort from "onnxruntime-node";
import type { Box, RgbImage } from "../../core/image.js";
import { defaultDbOptions, extractDbRegions, type DbOptions } from "./db-postprocess.js";
import { runSingle } from "./onnx-session.js";
import { resizeNormalizeInto, type ChannelNormalization } from "./resize-normalize.js";

/** ImageNet statistics on BGR channels, as PaddleOCR's detector NormalizeImage. */
const detectorNormalization: ChannelNormalization = {
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
  bgr: true,
};

/** A detected text region in image pixels. */
export interface DetectedRegion {
  readonly box: Box;
  readonly score: number;
}

/** Sizes the detector input: the longer side at most `maxSide`, both sides multiples of 32. */
export function detectorInputSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return {
    width: Math.max(32, Math.round((width * scale) / 32) * 32),
    height: Math.max(32, Math.round((height * scale) / 32) * 32),
  };
}

/** Runs the DB detector on an image and returns its text regions with their timings. */
export async function detectText(
  session: ort.InferenceSession,
  image: RgbImage,
  maxSide: number,
  dbOptions: DbOptions = defaultDbOptions,
): Promise<{ regions: DetectedRegion[]; timings: Record<string, number> }> {
  const started = performance.now();
  const size = detectorInputSize(image.width, image.height, maxSide);
  const tensor = new Float32Array(3 * size.width * size.height);
  resizeNormalizeInto(
    image,
    { x: 0, y: 0, width: image.width, height: image.height },
    { data: tensor, offset: 0, planeStride: size.width * size.height, rowStride: size.width, ...size },
    detectorNormalization,
  );
  const prepared = performance.now();
  const output = await runSingle(session, tensor, [1, 3, size.height, size.width]);
  const inferred = performance.now();
  const mapWidth = output.dims[3] ?? size.width;
  const mapHeight = output.dims[2] ?? size.height;
  const scaleX = image.width / mapWidth;
  const scaleY = image.height / mapHeight;
  const regions = extractDbRegions(output.data, mapWidth, mapHeight, dbOptions).map((region) => ({
    score: region.score,
    // A map pixel covers [x, x + 1) of the map; edges-included boxes end one image pixel before the next.
    box: {
      x1: region.box.x1 * scaleX,
      y1: region.box.y1 * scaleY,
      x2: Math.min(image.width - 1, (region.box.x2 + 1) * scaleX - 1),
      y2: Math.min(image.height - 1, (region.box.y2 + 1) * scaleY - 1),
    },
  }));
  const finished = performance.now();
  return {
    regions,
    timings: { detectPreprocess: prepared - started, detect: inferred - prepared, detectPostprocess: finished - inferred },
  };
}
