/**
 * `ImageDevice`: a screenshot file as a {@link Device}, for `locate` on a file, tests and the eval
 * harness. It captures the same pixels every time and takes no input.
 */
import type { LogicalPoint, ScreenSpace } from "../core/coordinates.js";
import { DeviceError, InvalidInputError, throwIfAborted } from "../core/errors.js";
import { assertRgbImage } from "../core/assert-rgb-image.js";
import type { RgbImage } from "../core/image.js";
import { decodeImage } from "../image/decode-image.js";
import type {
  ClickOptions,
  Device,
  DeviceCallOptions,
  DragOptions,
  Screenshot,
  ScreenshotOptions,
  ScrollOptions,
  TypeOptions,
  WaitForStableOptions,
} from "./device.js";

/** Options of {@link ImageDevice.open} and {@link ImageDevice.fromImage}. */
export interface ImageDeviceOptions {
  /**
   * Device px per logical px of the screen the image was taken on (2 for a Retina capture), so that
   * points map to the logical px a script would use on that screen. Default 1.
   */
  scaleFactor?: number;
  /** Name for messages and `space.display.id`. Default the file path, or `"image"`. */
  name?: string;
  signal?: AbortSignal;
}

/** A fixed screenshot (a PNG, JPEG or WebP file, or decoded pixels); input methods throw `DeviceError`. */
export class ImageDevice implements Device {
  readonly kind = "image" as const;
  /** The pixels every `screenshot()` returns. */
  readonly image: RgbImage;
  readonly #space: ScreenSpace;
  readonly #name: string;
  readonly #capturedAt = Date.now();

  private constructor(image: RgbImage, name: string, scaleFactor: number) {
    this.image = image;
    this.#name = name;
    this.#space = {
      width: image.width,
      height: image.height,
      devicePixelsPerImagePixel: 1,
      scaleFactor,
      display: { id: name, originX: 0, originY: 0 },
    };
  }

  /**
   * Decodes a screenshot file (PNG, JPEG or WebP, with the `src/image` decoder).
   *
   * @throws InvalidInputError for a missing, corrupt or oversized file, or a bad `scaleFactor`.
   */
  static async open(path: string, options: ImageDeviceOptions = {}): Promise<ImageDevice> {
    if (typeof path !== "string" || path.length === 0) {
      throw new InvalidInputError("path", `ImageDevice.open: path must be the path of a PNG, JPEG or WebP file, got ${JSON.stringify(path)}.`);
    }
    const scaleFactor = checkScaleFactor(options.scaleFactor);
    const image = await decodeImage(path, options.signal === undefined ? {} : { signal: options.signal });
    return new ImageDevice(image, options.name ?? path, scaleFactor);
  }

  /** Wraps pixels already in memory. */
  static fromImage(image: RgbImage, options: ImageDeviceOptions = {}): ImageDevice {
    assertRgbImage(image, { context: "ImageDevice.fromImage" });
    return new ImageDevice(image, options.name ?? "image", checkScaleFactor(options.scaleFactor));
  }

  /** Returns the image, unchanged, with `capturedAt` = when the device was created. */
  async screenshot(options: ScreenshotOptions = {}): Promise<Screenshot> {
    throwIfAborted(options.signal);
    return { image: this.image, space: this.#space, capturedAt: this.#capturedAt };
  }

  /** A file never changes: resolves at once. */
  async waitForStable(options: WaitForStableOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
  }

  /** Throws DeviceError: a file takes no input. The same for move, drag, scroll, type and press. */
  async click(_point: LogicalPoint, _options?: ClickOptions): Promise<void> {
    throw this.#noInput("click");
  }
  async move(_point: LogicalPoint, _options?: DeviceCallOptions): Promise<void> {
    throw this.#noInput("move");
  }
  async drag(_from: LogicalPoint, _to: LogicalPoint, _options?: DragOptions): Promise<void> {
    throw this.#noInput("drag");
  }
  async scroll(_point: LogicalPoint, _options: ScrollOptions): Promise<void> {
    throw this.#noInput("scroll");
  }
  async type(_text: string, _options?: TypeOptions): Promise<void> {
    throw this.#noInput("type");
  }
  async press(_keys: string, _options?: DeviceCallOptions): Promise<void> {
    throw this.#noInput("press");
  }

  /** Nothing to release. */
  async close(): Promise<void> {}

  #noInput(call: string): DeviceError {
    return new DeviceError(
      "image",
      `ImageDevice.${call}: the image device cannot take input, it only shows the screenshot ${this.#name}. ` +
        "Use locate() on it, or a BrowserDevice / DesktopDevice to act on a live screen.",
    );
  }
}

function checkScaleFactor(scaleFactor: number | undefined): number {
  const value = scaleFactor ?? 1;
  if (!Number.isFinite(value) || value <= 0) {
    throw new InvalidInputError("scaleFactor", `ImageDevice: scaleFactor must be a positive number (device px per logical px), got ${String(value)}.`);
  }
  return value;
}
