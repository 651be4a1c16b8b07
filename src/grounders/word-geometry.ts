/**
 * Geometry of word boxes for the OCR grounder: which part of the screen a box is in, and where one box
 * lies relative to another (left of, below, on the same row …). Pure.
 */
import type { Box } from "../core/image.js";
import type { RelationDirection, ScreenArea } from "./instruction-parts.js";

/** Centre of a box. */
export function boxCentre(box: Box): { x: number; y: number } {
  return { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
}

/**
 * Whether a point is in the named area of a `width` × `height` screen. The bands overlap on purpose
 * ("top" is the upper 35 %, "middle" 20–80 %): people say "at the top" of anything in the upper part.
 */
export function inScreenArea(point: { x: number; y: number }, area: ScreenArea, width: number, height: number): boolean {
  const x = point.x / width;
  const y = point.y / height;
  const vertical = area.vertical === undefined || (area.vertical === "top" ? y < 0.35 : area.vertical === "bottom" ? y > 0.65 : y > 0.2 && y < 0.8);
  const horizontal =
    area.horizontal === undefined || (area.horizontal === "left" ? x < 0.4 : area.horizontal === "right" ? x > 0.6 : x > 0.2 && x < 0.8);
  return vertical && horizontal;
}

function overlap(a1: number, a2: number, b1: number, b2: number): number {
  return Math.max(0, Math.min(a2, b2) - Math.max(a1, b1));
}

/** Whether two boxes share a row: their vertical extents overlap by half the shorter one's height. */
export function sameRow(a: Box, b: Box): boolean {
  return overlap(a.y1, a.y2, b.y1, b.y2) >= 0.5 * Math.min(a.y2 - a.y1, b.y2 - b.y1);
}

/** Whether two boxes share a column: their horizontal extents overlap, or their left edges are aligned. */
export function sameColumn(a: Box, b: Box): boolean {
  const height = Math.max(a.y2 - a.y1, b.y2 - b.y1);
  return overlap(a.x1, a.x2, b.x1, b.x2) > 0 || Math.abs(a.x1 - b.x1) <= height;
}

/**
 * How well `target` sits in `direction` from `anchor`: 1 when it does and is close, falling with the gap
 * (in anchor line heights), 0 when it is on the wrong side or off the row/column. "row-of" is the anchor's
 * row, or the card below it.
 */
export function relationFit(target: Box, anchor: Box, direction: RelationDirection): number {
  const lineHeight = Math.max(1, anchor.y2 - anchor.y1);
  const near = (gap: number, reach: number): number => (gap < -0.5 * lineHeight ? 0 : Math.max(0, 1 - Math.max(0, gap) / (reach * lineHeight)));
  switch (direction) {
    case "left-of":
      return sameRow(target, anchor) ? near(anchor.x1 - target.x2, 30) : 0;
    case "right-of":
      return sameRow(target, anchor) ? near(target.x1 - anchor.x2, 30) : 0;
    case "above":
      return sameColumn(target, anchor) ? near(anchor.y1 - target.y2, 12) : 0;
    case "below":
      return sameColumn(target, anchor) ? near(target.y1 - anchor.y2, 12) : 0;
    case "row-of":
      // The row of a table or list, or the card under a title ("Add to cart" for a product).
      return sameRow(target, anchor) ? 1 : sameColumn(target, anchor) ? near(target.y1 - anchor.y2, 8) : 0;
    case "next-to":
    case "labelled":
      return Math.max(relationFit(target, anchor, "left-of"), relationFit(target, anchor, "right-of"), relationFit(target, anchor, "below"), relationFit(target, anchor, "above"));
  }
}
