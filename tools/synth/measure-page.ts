/**
 * What the browser says about a rendered screen: the box of every `[data-gp]` element (clipped by
 * the viewport and by scrolling ancestors), whether it is really visible (non-zero, mostly inside
 * its clip, not hidden, and `elementFromPoint` at the centre of its visible box hits it or a
 * descendant), and all text a user can read on the page (for negatives).
 */

/** One annotated element as measured in the page, CSS px. */
export interface MeasuredBox {
  readonly index: number;
  readonly visible: boolean;
  /** Visible part of the box, CSS px, `[x1, y1, x2, y2]`. */
  readonly box: readonly [number, number, number, number];
}

/** Result of {@link MEASURE_SCRIPT}. */
export interface PageMeasurement {
  readonly devicePixelRatio: number;
  readonly boxes: readonly MeasuredBox[];
  /** Visible text, placeholders, values, titles and labels, joined by newlines. */
  readonly text: string;
}

/** Share of an element's box that must lie inside its clip for it to count as visible. */
export const MIN_VISIBLE_FRACTION = 0.7;

// A string, not a function: tsx/esbuild may wrap functions with helpers (`__name`) that do not
// exist inside the page.
/** Script for `page.evaluate`; returns a {@link PageMeasurement}. */
export const MEASURE_SCRIPT = `(() => {
  const minFraction = ${MIN_VISIBLE_FRACTION};
  const viewportWidth = window.innerWidth, viewportHeight = window.innerHeight;
  const boxes = [];
  for (const element of document.querySelectorAll("[data-gp]")) {
    const rect = element.getBoundingClientRect();
    let x1 = Math.max(rect.left, 0), y1 = Math.max(rect.top, 0);
    let x2 = Math.min(rect.right, viewportWidth), y2 = Math.min(rect.bottom, viewportHeight);
    for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      const style = getComputedStyle(parent);
      if (style.overflowX === "visible" && style.overflowY === "visible") continue;
      const clip = parent.getBoundingClientRect();
      if (style.overflowX !== "visible") { x1 = Math.max(x1, clip.left); x2 = Math.min(x2, clip.right); }
      if (style.overflowY !== "visible") { y1 = Math.max(y1, clip.top); y2 = Math.min(y2, clip.bottom); }
    }
    const width = x2 - x1, height = y2 - y1;
    const style = getComputedStyle(element);
    let visible = rect.width >= 2 && rect.height >= 2 && width >= 2 && height >= 2 &&
      width * height >= minFraction * rect.width * rect.height &&
      style.visibility !== "hidden" && Number(style.opacity) > 0.3;
    if (visible) {
      const hit = document.elementFromPoint((x1 + x2) / 2, (y1 + y2) / 2);
      visible = hit !== null && (hit === element || element.contains(hit));
    }
    boxes.push({ index: Number(element.getAttribute("data-gp")), visible, box: [x1, y1, x2, y2] });
  }
  const texts = [document.body.innerText];
  for (const element of document.querySelectorAll("input, select, textarea")) texts.push(element.placeholder || "", element.value || "");
  for (const element of document.querySelectorAll("[title], [aria-label]")) texts.push(element.getAttribute("title") || "", element.getAttribute("aria-label") || "");
  return { devicePixelRatio: window.devicePixelRatio, boxes, text: texts.join("\\n") };
})()`;

/** CSS-px box → image-px box (rounded outwards), clamped to the image. */
export function toImageBox(box: readonly [number, number, number, number], scale: number, width: number, height: number): [number, number, number, number] {
  const clamp = (value: number, max: number): number => Math.min(Math.max(value, 0), max);
  return [
    clamp(Math.floor(box[0] * scale + 1e-6), width),
    clamp(Math.floor(box[1] * scale + 1e-6), height),
    clamp(Math.ceil(box[2] * scale - 1e-6), width),
    clamp(Math.ceil(box[3] * scale - 1e-6), height),
  ];
}
