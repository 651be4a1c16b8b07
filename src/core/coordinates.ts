/**
 * The three coordinate spaces (DESIGN.md "Coordinates"), named in types and converted in one place.
 *
 * - image px: pixels of a screenshot as captured (what grounders see and return);
 * - device px: physical pixels of one display;
 * - logical px: what the input API takes (Playwright's mouse = CSS px; the OS pointer = points /
 *   DIP), in the virtual desktop, so a second display has its own origin.
 */
import type { ImagePoint } from "./image.js";

/** A point in logical (CSS / OS pointer) pixels of the virtual desktop or page viewport. */
export interface LogicalPoint {
  readonly space: "logical";
  readonly x: number;
  readonly y: number;
}

/** A point in physical pixels of one display (origin at that display's top-left corner). */
export interface DevicePoint {
  readonly space: "device";
  readonly x: number;
  readonly y: number;
}

/** How a screenshot's pixels relate to the display and to the input API. */
export interface ScreenSpace {
  /** Screenshot size in image px. */
  readonly width: number;
  readonly height: number;
  /** Device px per image px: 1 unless the capture was resized (e.g. downscaled for a model). */
  readonly devicePixelsPerImagePixel: number;
  /** Device px per logical px: Playwright's deviceScaleFactor × page zoom, or the OS display scaling. */
  readonly scaleFactor: number;
  /** The display this screenshot shows, with its origin in logical px of the virtual desktop. */
  readonly display: { readonly id: string; readonly originX: number; readonly originY: number };
}

/** Image px → device px of the screenshot's display. */
export function imageToDevice(point: ImagePoint, space: ScreenSpace): DevicePoint {
  return { space: "device", x: point.x * space.devicePixelsPerImagePixel, y: point.y * space.devicePixelsPerImagePixel };
}

/** Device px → logical px of the input API (display origin added). */
export function deviceToLogical(point: DevicePoint, space: ScreenSpace): LogicalPoint {
  return {
    space: "logical",
    x: space.display.originX + point.x / space.scaleFactor,
    y: space.display.originY + point.y / space.scaleFactor,
  };
}

/** Image px → logical px: the conversion an action needs before it moves the pointer. */
export function imageToLogical(point: ImagePoint, space: ScreenSpace): LogicalPoint {
  return deviceToLogical(imageToDevice(point, space), space);
}

/** Logical px → image px of a screenshot (inverse of `imageToLogical`). */
export function logicalToImage(point: LogicalPoint, space: ScreenSpace): ImagePoint {
  const deviceX = (point.x - space.display.originX) * space.scaleFactor;
  const deviceY = (point.y - space.display.originY) * space.scaleFactor;
  return { x: deviceX / space.devicePixelsPerImagePixel, y: deviceY / space.devicePixelsPerImagePixel };
}
