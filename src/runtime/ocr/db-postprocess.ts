import type { Box } from "../../core/image.js";

/** Thresholds of the DB (differentiable binarisation) post-processing. */
export interface DbOptions {
  /** A map pixel is text when its probability exceeds this. Default 0.3 (PaddleOCR's det_db_thresh). */
  readonly threshold: number;
  /** A region is kept when its mean probability reaches this. Default 0.6 (det_db_box_thresh). */
  readonly boxThreshold: number;
  /** How far to grow the shrunk text kernel back, as area × ratio / perimeter. Default 1.5 (det_db_unclip_ratio). */
  readonly unclipRatio: number;
  /** Regions whose shorter side is below this many map pixels are dropped. Default 3 (PaddleOCR's min_size). */
  readonly minSize: number;
  /** At most this many regions are examined, largest first. Default 1000. */
  readonly maxCandidates: number;
}

/** PaddleOCR v4 detector defaults. */
export const defaultDbOptions: DbOptions = {
  threshold: 0.3,
  boxThreshold: 0.6,
  unclipRatio: 1.5,
  minSize: 3,
  maxCandidates: 1000,
};

/** One text region found in the probability map, in map pixels (edges included), already unclipped. */
export interface DbRegion {
  readonly box: Box;
  /** Mean probability over the kernel's bounding box (PaddleOCR's box_score_fast). */
  readonly score: number;
}

/**
 * Turns the detector's probability map into text boxes, in the manner of PaddleOCR's
 * DBPostProcess (threshold → regions → score → unclip) but with axis-aligned boxes: screen text is
 * horizontal, so each connected region's bounding box stands in for its minimum-area rectangle, and
 * unclipping grows it by `area × unclipRatio / perimeter` on every side.
 */
export function extractDbRegions(
  probabilities: Float32Array,
  width: number,
  height: number,
  options: DbOptions = defaultDbOptions,
): DbRegion[] {
  if (probabilities.length < width * height) {
    throw new RangeError(`probability map has ${probabilities.length} values, expected ${width}×${height}`);
  }
  const labels = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  const candidates: { x1: number; y1: number; x2: number; y2: number; pixels: number }[] = [];
  for (let start = 0; start < width * height; start += 1) {
    if (labels[start] !== 0 || (probabilities[start] ?? 0) <= options.threshold) continue;
    const label = candidates.length + 1;
    let top = 0;
    stack[top++] = start;
    labels[start] = label;
    let x1 = width;
    let y1 = height;
    let x2 = -1;
    let y2 = -1;
    let pixels = 0;
    while (top > 0) {
      const index = stack[--top] ?? 0;
      const y = Math.floor(index / width);
      const x = index - y * width;
      pixels += 1;
      if (x < x1) x1 = x;
      if (x > x2) x2 = x;
      if (y < y1) y1 = y;
      if (y > y2) y2 = y;
      // 8-connectivity, as OpenCV's findContours sees a region.
      for (let dy = -1; dy <= 1; dy += 1) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx += 1) {
          const nx = x + dx;
          if (nx < 0 || nx >= width || (dx === 0 && dy === 0)) continue;
          const neighbour = ny * width + nx;
          if (labels[neighbour] === 0 && (probabilities[neighbour] ?? 0) > options.threshold) {
            labels[neighbour] = label;
            stack[top++] = neighbour;
          }
        }
      }
    }
    candidates.push({ x1, y1, x2, y2, pixels });
  }
  candidates.sort((a, b) => b.pixels - a.pixels);
  const regions: DbRegion[] = [];
  for (const candidate of candidates.slice(0, options.maxCandidates)) {
    const boxWidth = candidate.x2 - candidate.x1 + 1;
    const boxHeight = candidate.y2 - candidate.y1 + 1;
    if (Math.min(boxWidth, boxHeight) < options.minSize) continue;
    let sum = 0;
    for (let y = candidate.y1; y <= candidate.y2; y += 1) {
      const row = y * width;
      for (let x = candidate.x1; x <= candidate.x2; x += 1) sum += probabilities[row + x] ?? 0;
    }
    const score = sum / (boxWidth * boxHeight);
    if (score < options.boxThreshold) continue;
    const distance = (boxWidth * boxHeight * options.unclipRatio) / (2 * (boxWidth + boxHeight));
    const box = {
      x1: Math.max(0, candidate.x1 - distance),
      y1: Math.max(0, candidate.y1 - distance),
      x2: Math.min(width - 1, candidate.x2 + distance),
      y2: Math.min(height - 1, candidate.y2 + distance),
    };
    if (Math.min(box.x2 - box.x1 + 1, box.y2 - box.y1 + 1) < options.minSize + 2) continue;
    regions.push({ box, score });
  }
  return regions;
}
