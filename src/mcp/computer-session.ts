/**
 * What the computer-use executors (Anthropic's `computer` tool, OpenAI's `computer` tool) share:
 * one device, the model's image space (the screenshot shown downscaled to the provider's image
 * budget), the mapping of the model's coordinates to logical px, the pointer position the model
 * cannot see, zoom crops, and `click_element`, which lets the model name a target in words.
 */
import { Agent } from "../agent/agent.js";
import type { AgentOptions } from "../agent/agent-types.js";
import { resolveGrounder } from "../agent/grounders.js";
import { cropImage } from "../agent/pixels.js";
import type { Device, Screenshot } from "../actions/device.js";
import { imageToLogical, logicalToImage, type LogicalPoint } from "../core/coordinates.js";
import { InvalidInputError } from "../core/errors.js";
import type { Grounder } from "../core/grounder.js";
import type { ImagePoint } from "../core/image.js";
import { encodeImage } from "../image/decode-image.js";
import { resizeByArea } from "../image/resize-by-area.js";
import { fitToBudget, imageToModel, modelRegionToImageBox, modelToImage, type ImageBudget, type ModelImageSpace } from "./model-image-space.js";
import { captureForModel, type ModelCapture } from "./capture-for-model.js";
import type { ClickElementInput } from "./tool-schemas.js";

/** Options the computer-use executors share. */
export interface ComputerSessionOptions {
  /** Grounder for `click_element`. Default: resolved from `agent.model` on first use (the embedded default). */
  grounder?: Grounder;
  /** Options of the agent behind `click_element` (timeout, maxCrops, zoomRefine…). Default none. */
  agent?: AgentOptions;
  /** Before each screenshot, wait until the screen is still for this long, ms (bounded by 2 s). Default 200; 0 = capture at once. */
  settleMs?: number;
}

/** What `click_element` answers. */
export interface ClickElementResult {
  /** Where it clicked, in the model's image px. */
  readonly point: ImagePoint;
  readonly confidence: number;
  readonly grounder: string;
}

/** Device, image space and pointer of one computer-use conversation. */
export class ComputerSession {
  readonly device: Device;
  readonly #budget: ImageBudget;
  readonly #options: ComputerSessionOptions;
  #shot: Screenshot | undefined;
  #space: ModelImageSpace | undefined;
  #pointer: LogicalPoint | undefined;
  #agent: Agent | undefined;
  #ownedGrounder: Grounder | undefined;

  constructor(device: Device, budget: ImageBudget, options: ComputerSessionOptions = {}) {
    this.device = device;
    this.#budget = budget;
    this.#options = options;
  }

  /** The model's image space of the latest screenshot (captures one when there is none yet). */
  async space(): Promise<ModelImageSpace> {
    if (this.#space === undefined) await this.capture();
    return this.#space!;
  }

  /** Captures the screen (after it settles) and remembers its space. */
  async capture(): Promise<ModelCapture> {
    const capture = await captureForModel(this.device, this.#budget, { settleMs: this.#options.settleMs ?? 200 });
    this.#shot = capture.shot;
    this.#space = capture.space;
    return capture;
  }

  /** A fresh screenshot as the model sees it: PNG, base64. */
  async screenshotPng(): Promise<string> {
    const { shot, space } = await this.capture();
    return (await encodeImage(resizeByArea(shot.image, space.width, space.height))).toString("base64");
  }

  /** A point in the model's image px → logical px of the input API. */
  async toLogical(point: ImagePoint, parameter = "coordinate"): Promise<LogicalPoint> {
    const space = await this.space();
    return imageToLogical(modelToImage(point, space, parameter), this.#shot!.space);
  }

  /** A distance in the model's image px (a scroll) → logical px: scaled like a point, without the display origin. */
  async toLogicalDistance(deltaX: number, deltaY: number): Promise<{ deltaX: number; deltaY: number }> {
    const space = await this.space();
    const origin = imageToLogical({ x: 0, y: 0 }, this.#shot!.space);
    const moved = imageToLogical({ x: deltaX * space.scaleX, y: deltaY * space.scaleY }, this.#shot!.space);
    return { deltaX: moved.x - origin.x, deltaY: moved.y - origin.y };
  }

  /** The pointer, where an action left it (undefined before the first pointer action). */
  get pointer(): LogicalPoint | undefined {
    return this.#pointer;
  }

  set pointer(point: LogicalPoint | undefined) {
    this.#pointer = point;
  }

  /** The pointer in the model's image px, or undefined when no action moved it yet. */
  async pointerInModel(): Promise<ImagePoint | undefined> {
    if (this.#pointer === undefined) return undefined;
    const space = await this.space();
    return imageToModel(logicalToImage(this.#pointer, this.#shot!.space), space);
  }

  /** The pointer, or a typed error saying the action needs a coordinate. */
  requirePointer(action: string): LogicalPoint {
    if (this.#pointer === undefined) {
      throw new InvalidInputError("coordinate", `${action} without a coordinate acts where the pointer is, and no action has moved the pointer yet; pass a coordinate.`);
    }
    return this.#pointer;
  }

  /**
   * A region `[x1, y1, x2, y2]` of the model's image at the screenshot's full resolution (shrunk
   * only as far as the image budget demands): PNG, base64, with its size.
   */
  async zoomPng(region: readonly number[]): Promise<{ data: string; width: number; height: number }> {
    const { shot, space } = await this.capture();
    const box = modelRegionToImageBox(region, space);
    const crop = cropImage(shot.image, box);
    const fit = fitToBudget(crop.width, crop.height, this.#budget);
    const image = resizeByArea(crop, fit.width, fit.height);
    return { data: (await encodeImage(image)).toString("base64"), width: image.width, height: image.height };
  }

  /** Locates an element named in words on the full-resolution screen and clicks it. */
  async clickElement(input: ClickElementInput): Promise<ClickElementResult> {
    if (typeof input?.element !== "string" || input.element.trim() === "") {
      throw new InvalidInputError("element", `click_element needs element: the element in words, e.g. "Save button", got ${JSON.stringify(input?.element)}.`);
    }
    const agent = await this.#agentForElements();
    const result = await agent.locate(input.element);
    const point = result.point!;
    await this.device.click(point.logical, { button: input.button ?? "left", clickCount: input.click_count ?? 1 });
    this.#pointer = point.logical;
    const space = fitToBudget(result.screenSize.width, result.screenSize.height, this.#budget);
    return { point: imageToModel(point.image, space), confidence: Math.round(point.confidence * 100) / 100, grounder: result.grounder };
  }

  /** Releases the grounder this session loaded for `click_element`; the device stays open. */
  async close(): Promise<void> {
    await this.#agent?.close();
    await this.#ownedGrounder?.dispose?.();
  }

  async #agentForElements(): Promise<Agent> {
    if (this.#agent) return this.#agent;
    let grounder = this.#options.grounder;
    if (grounder === undefined) {
      grounder = await resolveGrounder(this.#options.agent?.model ?? "default");
      this.#ownedGrounder = grounder;
    }
    this.#agent = new Agent(this.device, { ...this.#options.agent, grounder });
    return this.#agent;
  }
}
