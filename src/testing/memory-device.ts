/**
 * An in-memory {@link Device} for tests: a screen made of labelled rectangles, drawn into a real
 * RGB image, that records every input it receives and lets a test react to clicks (a button that
 * changes colour, a dialog that opens). Pair it with {@link MemoryDevice.grounder} to locate its
 * elements by label without a model.
 */
import type { LogicalPoint, ScreenSpace } from "../core/coordinates.js";
import { imageToLogical, logicalToImage } from "../core/coordinates.js";
import { throwIfAborted } from "../core/errors.js";
import type { Grounder, LocateResult } from "../core/grounder.js";
import type { RgbImage } from "../core/image.js";
import type { ClickOptions, Device, DragOptions, Screenshot, ScrollOptions, TypeOptions, WaitForStableOptions } from "../actions/device.js";

/** A rectangle on the in-memory screen, in image px. */
export interface MemoryElement {
  /** What the scripted grounder matches (case-insensitive), e.g. `"Save"`. */
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Fill colour. Default: a mid-tone colour derived from the label, distinct for distinct labels (mostly). */
  color?: readonly [number, number, number];
  /** Hidden elements are neither drawn nor found. Default false. */
  hidden?: boolean;
}

/** One input the device received, in logical px. */
export type MemoryAction =
  | { readonly kind: "click"; readonly point: LogicalPoint; readonly button: string; readonly clickCount: number; readonly element: string | undefined }
  | { readonly kind: "move"; readonly point: LogicalPoint; readonly element: string | undefined }
  | { readonly kind: "drag"; readonly from: LogicalPoint; readonly to: LogicalPoint }
  | { readonly kind: "scroll"; readonly point: LogicalPoint; readonly deltaX: number; readonly deltaY: number }
  | { readonly kind: "type"; readonly text: string }
  | { readonly kind: "press"; readonly keys: string };

/** Options of {@link MemoryDevice}. */
export interface MemoryDeviceOptions {
  /** Screen size in image px. Default 800 × 600. */
  width?: number;
  height?: number;
  /** Device px per logical px, as a HiDPI display. Default 1. */
  scaleFactor?: number;
  /** Display origin in logical px of the virtual desktop. Default (0, 0). */
  origin?: { x: number; y: number };
  /** Background colour. Default white. */
  background?: readonly [number, number, number];
  elements?: MemoryElement[];
  /** Called after each click with the element under the pointer (if any); may change the scene. */
  onClick?: (element: MemoryElement | undefined, device: MemoryDevice) => void;
}

/** A screen held in memory. `elements` may be changed between calls; the next screenshot shows it. */
export class MemoryDevice implements Device {
  /** Input works as on a desktop; the screen lives in memory. */
  readonly kind = "desktop" as const;
  readonly width: number;
  readonly height: number;
  readonly elements: MemoryElement[];
  /** Every input received, oldest first. */
  readonly actions: MemoryAction[] = [];
  /** Number of screenshots taken. */
  screenshots = 0;
  /** Number of `close()` calls. */
  closeCalls = 0;
  private readonly space: ScreenSpace;
  private readonly background: readonly [number, number, number];
  private readonly onClick: MemoryDeviceOptions["onClick"];

  constructor(options: MemoryDeviceOptions = {}) {
    this.width = options.width ?? 800;
    this.height = options.height ?? 600;
    this.elements = options.elements ?? [];
    this.background = options.background ?? [255, 255, 255];
    this.onClick = options.onClick;
    this.space = {
      width: this.width,
      height: this.height,
      devicePixelsPerImagePixel: 1,
      scaleFactor: options.scaleFactor ?? 1,
      display: { id: "memory", originX: options.origin?.x ?? 0, originY: options.origin?.y ?? 0 },
    };
  }

  /** The first visible element whose label equals `label` (case-insensitive). */
  element(label: string): MemoryElement | undefined {
    const wanted = label.trim().toLowerCase();
    return this.elements.find((element) => !element.hidden && element.label.toLowerCase() === wanted);
  }

  /** The topmost visible element under a point in image px. */
  elementAt(x: number, y: number): MemoryElement | undefined {
    for (let index = this.elements.length - 1; index >= 0; index--) {
      const element = this.elements[index]!;
      if (element.hidden) continue;
      if (x >= element.x && x < element.x + element.width && y >= element.y && y < element.y + element.height) return element;
    }
    return undefined;
  }

  /** Renders the scene: background, then each element as a filled rectangle with a dark border and a light stripe. */
  render(): RgbImage {
    const data = new Uint8Array(this.width * this.height * 3);
    for (let offset = 0; offset < data.length; offset += 3) data.set(this.background, offset);
    for (const element of this.elements) {
      if (element.hidden) continue;
      const color = colorOf(element);
      for (let y = Math.max(0, element.y); y < Math.min(this.height, element.y + element.height); y++) {
        for (let x = Math.max(0, element.x); x < Math.min(this.width, element.x + element.width); x++) {
          const border = x - element.x < 2 || y - element.y < 2 || element.x + element.width - 1 - x < 2 || element.y + element.height - 1 - y < 2;
          // A stripe through the middle gives each element texture, as text gives a real button.
          const stripe = Math.abs(y - (element.y + element.height / 2)) < 2 && x - element.x > element.width / 4 && x - element.x < (element.width * 3) / 4;
          const pixel = border ? [20, 20, 20] : stripe ? [250, 250, 250] : color;
          data.set(pixel, (y * this.width + x) * 3);
        }
      }
    }
    return { width: this.width, height: this.height, data };
  }

  async screenshot(options: { signal?: AbortSignal } = {}): Promise<Screenshot> {
    throwIfAborted(options.signal);
    this.screenshots++;
    return { image: this.render(), space: this.space, capturedAt: Date.now() };
  }

  private hit(point: LogicalPoint): MemoryElement | undefined {
    const image = logicalToImage(point, this.space);
    return this.elementAt(image.x, image.y);
  }

  async click(point: LogicalPoint, options: ClickOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    const element = this.hit(point);
    this.actions.push({ kind: "click", point, button: options.button ?? "left", clickCount: options.clickCount ?? 1, element: element?.label });
    this.onClick?.(element, this);
  }

  async move(point: LogicalPoint, options: { signal?: AbortSignal } = {}): Promise<void> {
    throwIfAborted(options.signal);
    this.actions.push({ kind: "move", point, element: this.hit(point)?.label });
  }

  async drag(from: LogicalPoint, to: LogicalPoint, options: DragOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    this.actions.push({ kind: "drag", from, to });
  }

  async scroll(point: LogicalPoint, options: ScrollOptions): Promise<void> {
    throwIfAborted(options.signal);
    this.actions.push({ kind: "scroll", point, deltaX: options.deltaX ?? 0, deltaY: options.deltaY ?? 0 });
  }

  async type(text: string, options: TypeOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    this.actions.push({ kind: "type", text });
  }

  async press(keys: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    throwIfAborted(options.signal);
    this.actions.push({ kind: "press", keys });
  }

  async waitForStable(options: WaitForStableOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
  }

  /** Nothing to release; counts the calls so that tests can check who closes the device. */
  async close(): Promise<void> {
    this.closeCalls++;
  }

  /** The centre of an element in logical px, for asserting where a click should land. */
  centerOf(label: string): LogicalPoint | undefined {
    const element = this.element(label);
    if (!element) return undefined;
    return imageToLogical({ x: element.x + element.width / 2, y: element.y + element.height / 2 }, this.space);
  }

  /**
   * A grounder that finds this device's visible elements by label (case-insensitive) by looking at
   * the pixels: it answers the centroid of the pixels painted in the element's fill colour, so it
   * works on crops and rescaled screenshots too, and it sees what is drawn, not where the element
   * was. Give elements distinct colours (the default colour is derived from the label). Counts its
   * calls in `calls`.
   */
  grounder(): Grounder & { calls: number } {
    const find = (label: string) => this.element(label);
    const grounder = {
      name: "memory-labels",
      calls: 0,
      async locate(image: RgbImage, instruction: string, options: { maxPoints?: number; signal?: AbortSignal } = {}): Promise<LocateResult> {
        throwIfAborted(options.signal);
        grounder.calls++;
        const element = find(instruction);
        const found = element ? centroidOfColor(image, colorOf(element)) : undefined;
        const points = found ? [{ ...found, confidence: 1 }] : [];
        return { points, notFound: points.length === 0, timings: { total: 0 } };
      },
    };
    return grounder;
  }
}

/** The fill colour of an element: its own, or one derived from a hash of its label. */
function colorOf(element: MemoryElement): readonly [number, number, number] {
  if (element.color) return element.color;
  let hash = 2166136261;
  for (const character of element.label.toLowerCase()) hash = Math.imul(hash ^ character.charCodeAt(0), 16777619) >>> 0;
  return [60 + (hash & 0x7f), 60 + ((hash >> 8) & 0x7f), 60 + ((hash >> 16) & 0x7f)];
}

/** Centroid of the pixels exactly of `color`, or undefined when there are none. */
function centroidOfColor(image: RgbImage, color: readonly [number, number, number]): { x: number; y: number } | undefined {
  let sumX = 0;
  let sumY = 0;
  let count = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const offset = (y * image.width + x) * 3;
      if (image.data[offset] === color[0] && image.data[offset + 1] === color[1] && image.data[offset + 2] === color[2]) {
        sumX += x;
        sumY += y;
        count++;
      }
    }
  }
  return count === 0 ? undefined : { x: sumX / count, y: sumY / count };
}
