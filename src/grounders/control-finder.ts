/**
 * Finds the control a text label belongs to (the box of a checkbox left of "Remember me", the switch at the
 * end of a settings row, the input under "Email address") from the screenshot's pixels: in a window beside
 * the label, pixels that differ from the window's background colour form connected shapes; text shapes are
 * masked out by the OCR word boxes; the nearest shape of the control's size and aspect is the control. Pure.
 */
import type { Box, RgbImage } from "../core/image.js";

/** Kinds of control a label can name. */
export type ControlKind = "check" | "switch" | "field" | "slider" | "icon";

/** Options of `findLabelledControl`. */
export interface ControlSearch {
  /** The label's box (the matched words). */
  readonly label: Box;
  readonly kind: ControlKind;
  /** Boxes of all words read on the screen: their ink is not a control. */
  readonly words: readonly Box[];
  /** Where to look: on the label's row, on one side of it, below it, or on its row and below (the default; a check box only beside). */
  readonly side?: "beside" | "below" | "left" | "right" | "above" | "beside-or-below";
}

/** Colour distance (largest channel difference) above which a pixel is ink rather than background. */
const inkThreshold = 10;

/** Size and aspect limits of each kind, in label line heights (h): [min width, max width, min height, max height]. */
const shapes: Record<ControlKind, { width: [number, number]; height: [number, number]; aspect: [number, number] }> = {
  check: { width: [0.45, 1.8], height: [0.45, 1.8], aspect: [0.7, 1.45] },
  switch: { width: [0.9, 4], height: [0.45, 2.2], aspect: [1.3, 3.2] },
  field: { width: [3, 200], height: [0.9, 4.5], aspect: [2.2, 400] },
  slider: { width: [3, 200], height: [0.1, 2.2], aspect: [3, 2000] },
  icon: { width: [0.5, 3], height: [0.5, 3], aspect: [0.5, 2] },
};

/** The box of the control that `search.label` labels, or undefined when no shape of its kind is near. */
export function findLabelledControl(image: RgbImage, search: ControlSearch): Box | undefined {
  const { label, kind } = search;
  const h = Math.max(4, label.y2 - label.y1 + 1);
  const side = search.side ?? (kind === "check" ? "beside" : "beside-or-below");
  const reach = kind === "check" ? 4 * h : kind === "icon" ? 12 * h : image.width;
  const looksLeft = side === "beside" || side === "left" || side === "beside-or-below";
  const looksRight = side === "beside" || side === "right" || side === "beside-or-below";
  const looksBelow = side === "below" || side === "beside-or-below";
  const looksAbove = side === "above";
  // One window around the label (so a control touching the label's box is seen whole); shapes are then
  // kept by the side they are on.
  const window = clip(
    {
      x1: label.x1 - (looksLeft ? reach : 2 * h),
      y1: label.y1 - (looksAbove ? 6 * h : h),
      x2: looksRight || looksBelow || looksAbove ? label.x2 + reach : label.x2 + 0.5 * h,
      y2: label.y2 + (looksBelow ? 6 * h : h),
    },
    image,
  );
  const limits = shapes[kind];
  const centreY = (label.y1 + label.y2) / 2;
  const slack = 0.3 * h;
  let best: { box: Box; distance: number } | undefined;
  // The background is what the label is written on (the most common colour in its box, between the strokes).
  for (const shape of shapesIn(image, window, search.words, label)) {
    const width = shape.x2 - shape.x1 + 1;
    const height = shape.y2 - shape.y1 + 1;
    const aspect = width / height;
    if (width < limits.width[0] * h || width > limits.width[1] * h) continue;
    if (height < limits.height[0] * h || height > limits.height[1] * h) continue;
    if (aspect < limits.aspect[0] || aspect > limits.aspect[1]) continue;
    const onRow = shape.y1 <= centreY + 0.5 * h && shape.y2 >= centreY - 0.5 * h;
    // Below (or above) the label, a control starts under it (a form field), not anywhere along the band.
    const underLabel = shape.x1 <= label.x2 && shape.x2 >= label.x1 - 2 * h;
    const placed =
      (looksLeft && onRow && shape.x2 <= label.x1 + slack) ||
      (looksRight && onRow && shape.x1 >= label.x2 - slack) ||
      (looksBelow && underLabel && shape.y1 >= label.y2 - slack) ||
      (looksAbove && underLabel && shape.y2 <= label.y1 + slack);
    if (!placed) continue;
    const distance = gap(shape, label);
    if (best === undefined || distance < best.distance) best = { box: shape, distance };
  }
  return best?.box;
}

function clip(box: Box, image: RgbImage): Box {
  return {
    x1: Math.max(0, Math.floor(box.x1)),
    y1: Math.max(0, Math.floor(box.y1)),
    x2: Math.min(image.width - 1, Math.ceil(box.x2)),
    y2: Math.min(image.height - 1, Math.ceil(box.y2)),
  };
}

/** Distance between the nearest edges of two boxes (0 when they touch or overlap). */
function gap(a: Box, b: Box): number {
  const dx = Math.max(0, a.x1 - b.x2, b.x1 - a.x2);
  const dy = Math.max(0, a.y1 - b.y2, b.y1 - a.y2);
  return Math.hypot(dx, dy);
}

/**
 * Bounding boxes of the 8-connected ink shapes in `window` that do not touch its edges (a shape cut by the
 * window is not known whole). Ink: pixels far from the most common colour of `backgroundFrom` (default the
 * window), outside every word box.
 */
export function shapesIn(image: RgbImage, area: Box, words: readonly Box[], backgroundFrom: Box = area): Box[] {
  const window = clip(area, image);
  const width = window.x2 - window.x1 + 1;
  const height = window.y2 - window.y1 + 1;
  if (width < 3 || height < 3) return [];
  const background = commonColour(image, clip(backgroundFrom, image));
  const ink = new Uint8Array(width * height);
  const inside = words.filter((word) => word.x2 >= window.x1 && word.x1 <= window.x2 && word.y2 >= window.y1 && word.y1 <= window.y2);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = ((window.y1 + y) * image.width + window.x1 + x) * 3;
      const distance = Math.max(
        Math.abs((image.data[offset] ?? 0) - background[0]),
        Math.abs((image.data[offset + 1] ?? 0) - background[1]),
        Math.abs((image.data[offset + 2] ?? 0) - background[2]),
      );
      if (distance > inkThreshold) ink[y * width + x] = 1;
    }
  }
  for (const word of inside) {
    for (let y = Math.max(Math.floor(word.y1), window.y1); y <= Math.min(Math.ceil(word.y2), window.y2); y += 1) {
      for (let x = Math.max(Math.floor(word.x1), window.x1); x <= Math.min(Math.ceil(word.x2), window.x2); x += 1) {
        ink[(y - window.y1) * width + (x - window.x1)] = 0;
      }
    }
  }
  const boxes: Box[] = [];
  const stack: number[] = [];
  for (let start = 0; start < ink.length; start += 1) {
    if (ink[start] !== 1) continue;
    ink[start] = 2;
    stack.push(start);
    let x1 = width;
    let y1 = height;
    let x2 = -1;
    let y2 = -1;
    while (stack.length > 0) {
      const index = stack.pop() ?? 0;
      const x = index % width;
      const y = (index - x) / width;
      x1 = Math.min(x1, x);
      x2 = Math.max(x2, x);
      y1 = Math.min(y1, y);
      y2 = Math.max(y2, y);
      for (let dy = -1; dy <= 1; dy += 1) {
        for (let dx = -1; dx <= 1; dx += 1) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const next = ny * width + nx;
          if (ink[next] === 1) {
            ink[next] = 2;
            stack.push(next);
          }
        }
      }
    }
    if (x1 === 0 || y1 === 0 || x2 === width - 1 || y2 === height - 1) continue;
    boxes.push({ x1: window.x1 + x1, y1: window.y1 + y1, x2: window.x1 + x2, y2: window.y1 + y2 });
  }
  return boxes;
}

/** The most common colour in a box, counted on 5-bit-per-channel bins (centre of the winning bin's mean). */
function commonColour(image: RgbImage, box: Box): [number, number, number] {
  const counts = new Map<number, { count: number; r: number; g: number; b: number }>();
  const step = Math.max(1, Math.floor(Math.sqrt(((box.x2 - box.x1 + 1) * (box.y2 - box.y1 + 1)) / 20000)));
  for (let y = box.y1; y <= box.y2; y += step) {
    for (let x = box.x1; x <= box.x2; x += step) {
      const offset = (y * image.width + x) * 3;
      const r = image.data[offset] ?? 0;
      const g = image.data[offset + 1] ?? 0;
      const b = image.data[offset + 2] ?? 0;
      const key = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
      const entry = counts.get(key) ?? { count: 0, r: 0, g: 0, b: 0 };
      entry.count += 1;
      entry.r += r;
      entry.g += g;
      entry.b += b;
      counts.set(key, entry);
    }
  }
  let best = { count: 0, r: 255, g: 255, b: 255 };
  for (const entry of counts.values()) if (entry.count > best.count) best = entry;
  return best.count === 0 ? [255, 255, 255] : [best.r / best.count, best.g / best.count, best.b / best.count];
}

/**
 * Whether a text box sits inside a drawn control (a placeholder in an input): ink on all four sides of it,
 * within 1.2 line heights above and below, 2 to the left (an input's padding; a card's is wider) and 60 to
 * the right, along its centre lines.
 */
export function isEnclosed(image: RgbImage, text: Box): boolean {
  const h = Math.max(4, text.y2 - text.y1 + 1);
  const cx = Math.round((text.x1 + text.x2) / 2);
  const cy = Math.round((text.y1 + text.y2) / 2);
  // Steps are whole pixels from the rounded centre.
  const background = commonColour(image, clip({ x1: text.x1 - h, y1: text.y1 - h / 2, x2: text.x2 + h, y2: text.y2 + h / 2 }, image));
  const isInk = (x: number, y: number): boolean => {
    if (x < 0 || y < 0 || x >= image.width || y >= image.height) return false;
    const offset = (y * image.width + x) * 3;
    return (
      Math.max(
        Math.abs((image.data[offset] ?? 0) - background[0]),
        Math.abs((image.data[offset + 1] ?? 0) - background[1]),
        Math.abs((image.data[offset + 2] ?? 0) - background[2]),
      ) > inkThreshold
    );
  };
  const hit = (dx: number, dy: number, from: number, limit: number): boolean => {
    for (let step = Math.round(from); step <= limit; step += 1) if (isInk(cx + dx * step, cy + dy * step)) return true;
    return false;
  };
  const halfWidth = Math.ceil((text.x2 - text.x1) / 2);
  const halfHeight = Math.ceil((text.y2 - text.y1) / 2);
  return (
    hit(-1, 0, halfWidth + 2, halfWidth + 2 * h) &&
    hit(1, 0, halfWidth + 2, halfWidth + 60 * h) &&
    hit(0, -1, halfHeight + 2, halfHeight + 1.2 * h) &&
    hit(0, 1, halfHeight + 2, halfHeight + 1.2 * h)
  );
}
