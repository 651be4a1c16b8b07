import type { Box, RgbImage } from "../../core/image.js";

/** Which columns of a line hold ink: `body[i]` is 1 when image column `start + i` does. */
export interface InkProfile {
  readonly start: number;
  /** Ink in the letter bodies' rows (30–60 % of the box): fits word extents, blind to underlines. */
  readonly body: Uint8Array;
  /** Ink in rows 10–90 %: measures gaps, seeing overhangs ("T", "f", "$") that the body rows miss. */
  readonly tall: Uint8Array;
  /** First and last row (image y) of the contiguous band of inked rows around the box's middle. */
  readonly top: number;
  readonly bottom: number;
}


/**
 * Marks the columns of `box` that hold ink: a pixel that differs from the background (per-channel
 * median of the box's border pixels) by more than `threshold` in some channel, in the letter bodies'
 * rows and in the tall band (see `InkProfile`). Runs of ink longer than 1.5 × the box height along
 * a row are rules, underlines or box edges and are left out.
 */
export function measureInk(image: RgbImage, box: Box, threshold = 48): InkProfile {
  const x1 = Math.max(0, Math.floor(box.x1));
  const x2 = Math.min(image.width - 1, Math.ceil(box.x2));
  const y1 = Math.max(0, Math.floor(box.y1));
  const y2 = Math.min(image.height - 1, Math.ceil(box.y2));
  const width = Math.max(0, x2 - x1 + 1);
  const body = new Uint8Array(width);
  const tall = new Uint8Array(width);
  if (width === 0 || y2 < y1) return { start: x1, body, tall, top: y1, bottom: y2 };
  const data = image.data;
  const background = [0, 1, 2].map((channel) => {
    const values: number[] = [];
    for (let x = x1; x <= x2; x += 1) {
      values.push(data[(y1 * image.width + x) * 3 + channel] ?? 0, data[(y2 * image.width + x) * 3 + channel] ?? 0);
    }
    for (let y = y1; y <= y2; y += 1) {
      values.push(data[(y * image.width + x1) * 3 + channel] ?? 0, data[(y * image.width + x2) * 3 + channel] ?? 0);
    }
    values.sort((a, b) => a - b);
    return values[values.length >> 1] ?? 0;
  });
  const [red, green, blue] = background as [number, number, number];
  const height = y2 - y1 + 1;
  // Letter bodies (x-height) sit in the middle of a DB box; underlines sit lower, borders at the edges.
  const bandTop = y1 + Math.floor(height * 0.3);
  const bandBottom = y1 + Math.ceil(height * 0.6) - 1;
  // A run of ink longer than this along one row is a rule, underline or box edge, not part of a glyph.
  const longestGlyphRun = Math.ceil(1.5 * height);
  const differs = (index: number): boolean =>
    Math.abs((data[index] ?? 0) - red) > threshold ||
    Math.abs((data[index + 1] ?? 0) - green) > threshold ||
    Math.abs((data[index + 2] ?? 0) - blue) > threshold;
  const tallTop = y1 + Math.floor(height * 0.1);
  const tallBottom = y1 + Math.ceil(height * 0.9) - 1;
  const rowInk = new Uint8Array(height);
  for (let y = y1; y <= y2; y += 1) {
    const inBody = y >= bandTop && y <= Math.max(bandTop, bandBottom);
    const inTall = y >= tallTop && y <= Math.max(tallTop, tallBottom);
    const rowStart = (y * image.width + x1) * 3;
    let runStart = -1;
    for (let column = 0; column <= width; column += 1) {
      const inked = column < width && differs(rowStart + column * 3);
      if (inked && runStart < 0) runStart = column;
      if (!inked && runStart >= 0) {
        if (column - runStart <= longestGlyphRun) {
          rowInk[y - y1] = 1;
          if (inTall) tall.fill(1, runStart, column);
          if (inBody) body.fill(1, runStart, column);
        }
        runStart = -1;
      }
    }
  }
  // The text's rows: the inked band around the middle, allowing one blank row (the dot of an "i");
  // a loose box may also hold a neighbouring line's ascenders or descenders past a wider blank.
  let middle = height >> 1;
  for (let offset = 0; offset < height; offset += 1) {
    if (rowInk[middle - offset] === 1) {
      middle -= offset;
      break;
    }
    if (rowInk[middle + offset] === 1) {
      middle += offset;
      break;
    }
  }
  let top = middle;
  while (top > 0 && (rowInk[top - 1] === 1 || (top > 1 && rowInk[top - 2] === 1))) top -= 1;
  let bottom = middle;
  while (bottom < height - 1 && (rowInk[bottom + 1] === 1 || (bottom < height - 2 && rowInk[bottom + 2] === 1))) bottom += 1;
  return { start: x1, body, tall, top: y1 + top, bottom: y1 + bottom };
}

/** True when column x holds ink in the given layer. */
export function hasInk(ink: InkProfile, x: number, layer: "body" | "tall" = "body"): boolean {
  const columns = ink[layer];
  const column = Math.round(x) - ink.start;
  return column >= 0 && column < columns.length && columns[column] === 1;
}

