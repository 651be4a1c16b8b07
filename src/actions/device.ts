/**
 * The `Device` contract: capture a screen and drive input on it. Browser pages, the desktop and a
 * plain image file all implement it; the agent only talks to this interface.
 */
import type { LogicalPoint, ScreenSpace } from "../core/coordinates.js";
import type { RgbImage } from "../core/image.js";

/** A captured screen: the pixels and how they map to the input API. */
export interface Screenshot {
  readonly image: RgbImage;
  readonly space: ScreenSpace;
  /** `Date.now()` at capture. */
  readonly capturedAt: number;
}

export type MouseButton = "left" | "right" | "middle";
export type Modifier = "Alt" | "Control" | "Meta" | "Shift";

/** Options of `click`. */
export interface ClickOptions {
  /** Default `"left"`. */
  button?: MouseButton;
  /** 1 = click, 2 = double-click, 3 = triple-click. Default 1. */
  clickCount?: number;
  /** Keys held during the click. Default none. */
  modifiers?: readonly Modifier[];
  signal?: AbortSignal;
}

/** Options of `drag`. */
export interface DragOptions {
  /** Intermediate points of the path, in logical px. Default: a straight line. */
  path?: readonly LogicalPoint[];
  /** Number of pointer moves between points. Default 10. */
  steps?: number;
  signal?: AbortSignal;
}

/** Options of `scroll`. */
export interface ScrollOptions {
  /** Horizontal amount in logical px (positive = right). Default 0. */
  deltaX?: number;
  /** Vertical amount in logical px (positive = down). Default 0. */
  deltaY?: number;
  signal?: AbortSignal;
}

/** Options of `type`. */
export interface TypeOptions {
  /** Delay between keys in ms. Default 0 (browser) or the device's own default. */
  delayMs?: number;
  signal?: AbortSignal;
}

/** Options of `waitForStable`. */
export interface WaitForStableOptions {
  /** Give up after this many ms (throws `TimeoutError`). Default 5000; 0 = no limit. */
  timeout?: number;
  /** The screen must stay unchanged this long. Default 300 ms. */
  quietMs?: number;
  signal?: AbortSignal;
}

/** A screen that can be captured and driven. Input coordinates are logical px. */
export interface Device {
  /** `"browser"`, `"desktop"` or `"image"`. */
  readonly kind: string;
  screenshot(options?: { signal?: AbortSignal }): Promise<Screenshot>;
  click(point: LogicalPoint, options?: ClickOptions): Promise<void>;
  move(point: LogicalPoint, options?: { signal?: AbortSignal }): Promise<void>;
  drag(from: LogicalPoint, to: LogicalPoint, options?: DragOptions): Promise<void>;
  scroll(point: LogicalPoint, options: ScrollOptions): Promise<void>;
  type(text: string, options?: TypeOptions): Promise<void>;
  /** Presses a key or a combination, e.g. `"Enter"`, `"Control+S"`. */
  press(keys: string, options?: { signal?: AbortSignal }): Promise<void>;
  /** Resolves once the screen stopped changing for `quietMs`. */
  waitForStable(options?: WaitForStableOptions): Promise<void>;
  /** Releases what the device opened (a browser it launched). Safe to call twice. */
  close?(): Promise<void>;
}
