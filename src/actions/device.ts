/**
 * The `Device` contract: capture a screen and drive input on it. Browser pages, the desktop and a
 * plain image file all implement it; the agent only talks to this interface.
 *
 * Coordinates: a screenshot is in image px and carries its {@link ScreenSpace}; every input method
 * takes logical px (`LogicalPoint`). Map a point found in a screenshot with
 * `imageToLogical(point, screenshot.space)` before acting on it, never by hand.
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

/** Which kind of screen a device drives. */
export type DeviceKind = "browser" | "desktop" | "image";

export type MouseButton = "left" | "right" | "middle";
export type Modifier = "Alt" | "Control" | "Meta" | "Shift";

/** Options every device call accepts. */
export interface DeviceCallOptions {
  /** Cancels the call before its next step (throws `AbortError`). Default none. */
  signal?: AbortSignal;
}

/** Options of `screenshot`. */
export interface ScreenshotOptions extends DeviceCallOptions {
  /** Give up after this many ms (throws `TimeoutError`). Default 30000; 0 = no limit. */
  timeout?: number;
}

/** Options of `click`. */
export interface ClickOptions extends DeviceCallOptions {
  /** Default `"left"`. */
  button?: MouseButton;
  /** 1 = click, 2 = double-click, 3 = triple-click. Default 1. */
  clickCount?: number;
  /** Keys held during the click. Default none. */
  modifiers?: readonly Modifier[];
}

/** Options of `drag`. */
export interface DragOptions extends DeviceCallOptions {
  /** Intermediate points of the path, in logical px. Default: a straight line. */
  path?: readonly LogicalPoint[];
  /** Number of pointer moves per segment of the path. Default 10. */
  steps?: number;
  /** Mouse button held during the drag. Default `"left"`. */
  button?: MouseButton;
}

/** Options of `scroll`. */
export interface ScrollOptions extends DeviceCallOptions {
  /**
   * Horizontal amount in logical px (positive = right). Default 0. Desktop devices scroll in wheel
   * notches: they round the amount to whole notches of `wheelNotchPixels` (at least one notch).
   */
  deltaX?: number;
  /** Vertical amount in logical px (positive = down). Default 0. Same rounding as `deltaX`. */
  deltaY?: number;
}

/** Options of `type`. */
export interface TypeOptions extends DeviceCallOptions {
  /** Delay between keys in ms. Default 0 in the browser, the device's `keyDelayMs` on the desktop. */
  delayMs?: number;
}

/** Options of `waitForStable`. */
export interface WaitForStableOptions extends DeviceCallOptions {
  /** Give up after this many ms (throws `TimeoutError`). Default 5000; 0 = no limit. */
  timeout?: number;
  /** The screen must stay unchanged this long. Default 300 ms. */
  quietMs?: number;
}

/**
 * A screen that can be captured and driven. Input coordinates are logical px.
 *
 * Key names (`press`) follow Playwright's vocabulary on every device: `"Enter"`, `"Tab"`,
 * `"Escape"`, `"Backspace"`, `"Delete"`, `"ArrowLeft"`, `"Home"`, `"PageDown"`, `"F5"`, `"a"`,
 * `"7"`…, joined with `+` for a combination (`"Control+Shift+T"`).
 */
export interface Device {
  readonly kind: DeviceKind;
  screenshot(options?: ScreenshotOptions): Promise<Screenshot>;
  click(point: LogicalPoint, options?: ClickOptions): Promise<void>;
  /** Moves the pointer there (hover). */
  move(point: LogicalPoint, options?: DeviceCallOptions): Promise<void>;
  drag(from: LogicalPoint, to: LogicalPoint, options?: DragOptions): Promise<void>;
  /** Scrolls with the wheel with the pointer at `point`. */
  scroll(point: LogicalPoint, options: ScrollOptions): Promise<void>;
  /** Types text into whatever has the keyboard focus. */
  type(text: string, options?: TypeOptions): Promise<void>;
  /** Presses a key or a combination, e.g. `"Enter"`, `"Control+S"`. */
  press(keys: string, options?: DeviceCallOptions): Promise<void>;
  /** Resolves once the screen stopped changing for `quietMs`. */
  waitForStable(options?: WaitForStableOptions): Promise<void>;
  /** Releases what the device opened (a browser it launched). Safe to call twice. */
  close(): Promise<void>;
}
