/**
 * `ToolRunner`: runs the tools of `tool-schemas.ts` (screenshot, locate, click, type, press,
 * scroll, drag, wait_for) on one device, for the MCP server and for any function-calling loop.
 *
 * Screenshots are shown to the model downscaled to an image budget; coordinates the model passes
 * back are pixels of that image and are scaled to the captured screenshot here, once. Descriptions
 * go to the grounder through the {@link Agent}. With `dryRun` nothing is touched; with a `confirm`
 * callback every action is located first, described, and done only when confirmed — at the point
 * that was confirmed.
 */
import { Agent } from "../agent/agent.js";
import type { AgentOptions, CallResult, LocatedTarget, Target } from "../agent/agent-types.js";
import { roundToTenth } from "../agent/call-scope.js";
import { resolveGrounder } from "../agent/grounders.js";
import { copyImage, drawMarker } from "../agent/pixels.js";
import type { Device } from "../actions/device.js";
import { ImageDevice } from "../actions/image-device.js";
import { imageToLogical } from "../core/coordinates.js";
import { GroundpointError, InvalidInputError } from "../core/errors.js";
import type { Grounder } from "../core/grounder.js";
import type { ImagePoint, RgbImage } from "../core/image.js";
import { encodeImage } from "../image/decode-image.js";
import { resizeByArea } from "../image/resize-by-area.js";
import { ANTHROPIC_IMAGE_BUDGET, fitToBudget, imageToModel, modelToImage, type ImageBudget, type ModelImageSpace } from "./model-image-space.js";
import { captureForModel, type ModelCapture } from "./capture-for-model.js";
import { actionSchemas, describeIssues, type ActionInput, type ActionName } from "./tool-schemas.js";

/** Default scroll distance: 300 logical px. */
export const DEFAULT_SCROLL_PX = 300;
/** Default `wait_for` timeout: 10 s. */
export const DEFAULT_WAIT_FOR_MS = 10_000;

/** What an action is about to do, for a confirmation prompt. */
export interface ConfirmRequest {
  readonly tool: ActionName;
  /** One line a person can judge, e.g. `click "Save button" at (412, 88)`. */
  readonly message: string;
}

/** Answers whether to go ahead; false declines the action. */
export type ConfirmAction = (request: ConfirmRequest) => Promise<boolean>;

/** Options of {@link ToolRunner.create}. */
export interface ToolRunnerOptions {
  /** The grounder for descriptions. Default: resolved from `agent.model` (the embedded default). */
  grounder?: Grounder;
  /** Options of the agent that drives the device (timeout, maxCrops, zoomRefine…). Default none. */
  agent?: AgentOptions;
  /** Report what each action would do without touching the screen. Default false. */
  dryRun?: boolean;
  /** Largest image the model is shown. Default {@link ANTHROPIC_IMAGE_BUDGET} (1568 px long edge, 1.15 MP). */
  imageBudget?: ImageBudget;
  /** Screenshot encoding. Default `"png"`. */
  imageFormat?: "png" | "jpeg";
}

/** Options of one {@link ToolRunner.run} call. */
export interface RunToolOptions {
  signal?: AbortSignal;
  /** Ask before acting; the action is declined when it answers false. Default: act without asking. */
  confirm?: ConfirmAction;
}

/** What a tool answers: a JSON-able summary, maybe an image, and whether it failed. */
export interface ToolOutput {
  /** False when the tool failed or was declined; `summary.error` then says why and what to do. */
  readonly ok: boolean;
  readonly summary: Readonly<Record<string, unknown>>;
  readonly image?: { readonly data: string; readonly mimeType: "image/png" | "image/jpeg" };
}

/** Thrown inside a run when the confirmation was declined; reported as a failed tool call. */
class DeclinedError extends GroundpointError {
  constructor(message: string) {
    super("declined", `${message} was declined by the user; do not retry it unless asked to.`);
    this.name = "DeclinedError";
  }
}

/** Runs groundpoint's LLM tools on one device. */
export class ToolRunner {
  /** The agent acting on the device. */
  readonly agent: Agent;
  readonly #grounder: Grounder;
  readonly #ownsGrounder: boolean;
  readonly #options: ToolRunnerOptions;
  readonly #budget: ImageBudget;
  #lastSpace: ModelImageSpace | undefined;

  private constructor(device: Device, grounder: Grounder, ownsGrounder: boolean, options: ToolRunnerOptions) {
    this.#grounder = grounder;
    this.#ownsGrounder = ownsGrounder;
    this.#options = options;
    this.#budget = options.imageBudget ?? ANTHROPIC_IMAGE_BUDGET;
    this.agent = new Agent(device, { ...options.agent, grounder });
  }

  /** A runner on `device`; loads the grounder unless one is given. The device stays the caller's. */
  static async create(device: Device, options: ToolRunnerOptions = {}): Promise<ToolRunner> {
    const grounder = options.grounder ?? (await resolveGrounder(options.agent?.model ?? "default"));
    return new ToolRunner(device, grounder, options.grounder === undefined, options);
  }

  /** The device the tools act on. */
  get device(): Device {
    return this.agent.device;
  }

  /**
   * Validates `input` against the tool's schema and runs it. Groundpoint errors (not found, bad
   * input, timeouts, a declined confirmation) come back as `ok: false` with the message, so the
   * model can re-plan; other errors are thrown.
   */
  async run(name: string, input: unknown, options: RunToolOptions = {}): Promise<ToolOutput> {
    try {
      if (!Object.hasOwn(actionSchemas, name)) {
        throw new InvalidInputError("name", `unknown tool ${JSON.stringify(name)}; the tools are ${Object.keys(actionSchemas).join(", ")}.`);
      }
      const tool = name as ActionName;
      const parsed = actionSchemas[tool].safeParse(input ?? {});
      if (!parsed.success) {
        throw new InvalidInputError("input", `${tool}: invalid input (${describeIssues(parsed.error, "input")}).`);
      }
      return await this.#dispatch(tool, parsed.data, options);
    } catch (error) {
      if (!GroundpointError.isInstance(error)) throw error;
      return { ok: false, summary: { tool: name, error: error.code, message: error.message } };
    }
  }

  /** Releases the grounder when this runner loaded it. The device is left open. */
  async close(): Promise<void> {
    await this.agent.close();
    if (this.#ownsGrounder) await this.#grounder.dispose?.();
  }

  async #dispatch(tool: ActionName, input: unknown, options: RunToolOptions): Promise<ToolOutput> {
    switch (tool) {
      case "screenshot":
        return this.#screenshot(options);
      case "locate":
        return this.#locate(input as ActionInput<"locate">, options);
      case "click":
        return this.#click(input as ActionInput<"click">, options);
      case "type":
        return this.#type(input as ActionInput<"type">, options);
      case "press":
        return this.#press(input as ActionInput<"press">, options);
      case "scroll":
        return this.#scroll(input as ActionInput<"scroll">, options);
      case "drag":
        return this.#drag(input as ActionInput<"drag">, options);
      case "wait_for":
        return this.#waitFor(input as ActionInput<"wait_for">, options);
    }
  }

  async #capture(signal: AbortSignal | undefined): Promise<ModelCapture> {
    const capture = await captureForModel(this.device, this.#budget, withSignal(signal));
    this.#lastSpace = capture.space;
    return capture;
  }

  async #encode(image: RgbImage): Promise<NonNullable<ToolOutput["image"]>> {
    const format = this.#options.imageFormat ?? "png";
    const bytes = await encodeImage(image, { format });
    return { data: bytes.toString("base64"), mimeType: format === "png" ? "image/png" : "image/jpeg" };
  }

  async #screenshot(options: RunToolOptions): Promise<ToolOutput> {
    const { shot, space } = await this.#capture(options.signal);
    const image = await this.#encode(resizeByArea(shot.image, space.width, space.height));
    return {
      ok: true,
      summary: {
        tool: "screenshot",
        width: space.width,
        height: space.height,
        note: `Coordinates you pass to other tools are pixels of this ${space.width}×${space.height} image.`,
      },
      image,
    };
  }

  /** Locates on exactly the pixels it returns: an agent over the captured image, sharing the grounder. */
  async #locate(input: ActionInput<"locate">, options: RunToolOptions): Promise<ToolOutput> {
    const { shot, space } = await this.#capture(options.signal);
    const still = new Agent(ImageDevice.fromImage(shot.image, { scaleFactor: shot.space.scaleFactor }), { ...this.#options.agent, grounder: this.#grounder });
    try {
      const result = await still.locate(input.target, withSignal(options.signal));
      const point = result.point!;
      const modelPoint = imageToModel(point.image, space);
      const logical = imageToLogical(point.image, shot.space);
      const marked = copyImage(resizeByArea(shot.image, space.width, space.height));
      drawMarker(marked, modelPoint, Math.max(8, Math.round(Math.min(space.width, space.height) / 60)), [230, 30, 30], 3);
      return {
        ok: true,
        summary: {
          tool: "locate",
          target: input.target,
          point: modelPoint,
          logical: { x: roundToTenth(logical.x), y: roundToTenth(logical.y) },
          confidence: Math.round(point.confidence * 100) / 100,
          grounder: result.grounder,
          ...(point.matchedText === undefined ? {} : { matched_text: point.matchedText }),
          image_size: { width: space.width, height: space.height },
        },
        image: await this.#encode(marked),
      };
    } finally {
      await still.close();
    }
  }

  /** A target of the schema → the agent's target: words stay words; model px become screenshot px. */
  async #toTarget(target: string | ImagePoint, parameter: string, signal: AbortSignal | undefined): Promise<Target> {
    if (typeof target === "string") return target;
    const space = this.#lastSpace ?? (await this.#capture(signal)).space;
    return modelToImage(target, space, parameter);
  }

  /** Locates the target (without acting) and answers where, in every space. */
  async #where(target: Target, signal: AbortSignal | undefined): Promise<{ point: LocatedTarget; result: CallResult; space: ModelImageSpace }> {
    const result = await this.agent.locate(target, withSignal(signal));
    const space = fitToBudget(result.screenSize.width, result.screenSize.height, this.#budget);
    return { point: result.point!, result, space };
  }

  #describePoint(target: Target, located: { point: LocatedTarget; space: ModelImageSpace; result: CallResult }): Record<string, unknown> {
    const model = imageToModel(located.point.image, located.space);
    return {
      target: typeof target === "string" ? target : "coordinates",
      point: model,
      logical: { x: roundToTenth(located.point.logical.x), y: roundToTenth(located.point.logical.y) },
      confidence: Math.round(located.point.confidence * 100) / 100,
      grounder: located.result.grounder,
    };
  }

  /** The dry-run / confirm gate shared by the actions; true when the action should go ahead. */
  async #gate(tool: ActionName, message: string, options: RunToolOptions): Promise<boolean> {
    if (this.#options.dryRun) return false;
    if (options.confirm && !(await options.confirm({ tool, message }))) throw new DeclinedError(message);
    return true;
  }

  #done(tool: ActionName, acted: boolean, message: string, details: Record<string, unknown>): ToolOutput {
    return { ok: true, summary: { tool, ...(acted ? { done: message } : { dry_run: true, would: message }), ...details } };
  }

  async #click(input: ActionInput<"click">, options: RunToolOptions): Promise<ToolOutput> {
    const target = await this.#toTarget(input.target, "target", options.signal);
    const located = await this.#where(target, options.signal);
    const details = this.#describePoint(target, located);
    const count = input.click_count ?? 1;
    const verb = count === 2 ? "double-click" : count === 3 ? "triple-click" : input.button === "right" ? "right-click" : input.button === "middle" ? "middle-click" : "click";
    const message = `${verb} ${placed(input.target, details.point as ImagePoint)}`;
    const acted = await this.#gate("click", message, options);
    if (acted) {
      await this.device.click(located.point.logical, {
        button: input.button ?? "left",
        clickCount: count,
        ...(input.modifiers === undefined ? {} : { modifiers: input.modifiers }),
        ...withSignal(options.signal),
      });
    }
    return this.#done("click", acted, message, details);
  }

  async #type(input: ActionInput<"type">, options: RunToolOptions): Promise<ToolOutput> {
    const signalOption = withSignal(options.signal);
    let details: Record<string, unknown> = {};
    let point: LocatedTarget | undefined;
    let message = `type ${JSON.stringify(input.text)}`;
    if (input.target !== undefined) {
      const target = await this.#toTarget(input.target, "target", options.signal);
      const located = await this.#where(target, options.signal);
      details = this.#describePoint(target, located);
      point = located.point;
      message += ` into ${placed(input.target, details.point as ImagePoint)}`;
    } else {
      message += " into the focused element";
    }
    if (input.clear) message += ", replacing its text";
    if (input.submit) message += ", then press Enter";
    const acted = await this.#gate("type", message, options);
    if (acted) {
      if (point) await this.device.click(point.logical, signalOption);
      if (input.clear) {
        await this.device.press("Control+A", signalOption);
        await this.device.press("Delete", signalOption);
      }
      await this.device.type(input.text, signalOption);
      if (input.submit) await this.device.press("Enter", signalOption);
    }
    return this.#done("type", acted, message, details);
  }

  async #press(input: ActionInput<"press">, options: RunToolOptions): Promise<ToolOutput> {
    const message = `press ${input.keys}`;
    const acted = await this.#gate("press", message, options);
    if (acted) await this.device.press(input.keys, withSignal(options.signal));
    return this.#done("press", acted, message, {});
  }

  async #scroll(input: ActionInput<"scroll">, options: RunToolOptions): Promise<ToolOutput> {
    const amount = input.amount ?? DEFAULT_SCROLL_PX;
    let target: Target;
    if (input.target === undefined) {
      const { shot } = await this.#capture(options.signal);
      target = { x: shot.image.width / 2, y: shot.image.height / 2 };
    } else {
      target = await this.#toTarget(input.target, "target", options.signal);
    }
    const located = await this.#where(target, options.signal);
    const details = this.#describePoint(target, located);
    const message = `scroll ${input.direction} by ${amount} px ${input.target === undefined ? "in the middle of the screen" : `over ${describe(input.target)}`}`;
    const acted = await this.#gate("scroll", message, options);
    if (acted) {
      const deltaX = input.direction === "left" ? -amount : input.direction === "right" ? amount : 0;
      const deltaY = input.direction === "up" ? -amount : input.direction === "down" ? amount : 0;
      await this.device.scroll(located.point.logical, { deltaX, deltaY, ...withSignal(options.signal) });
    }
    return this.#done("scroll", acted, message, details);
  }

  async #drag(input: ActionInput<"drag">, options: RunToolOptions): Promise<ToolOutput> {
    const from = await this.#where(await this.#toTarget(input.from, "from", options.signal), options.signal);
    const to = await this.#where(await this.#toTarget(input.to, "to", options.signal), options.signal);
    const fromModel = imageToModel(from.point.image, from.space);
    const toModel = imageToModel(to.point.image, to.space);
    const message = `drag from ${placed(input.from, fromModel)} to ${placed(input.to, toModel)}`;
    const acted = await this.#gate("drag", message, options);
    if (acted) await this.device.drag(from.point.logical, to.point.logical, withSignal(options.signal));
    return this.#done("drag", acted, message, { from: fromModel, to: toModel });
  }

  async #waitFor(input: ActionInput<"wait_for">, options: RunToolOptions): Promise<ToolOutput> {
    const result = await this.agent.waitFor(input.target, {
      timeout: input.timeout_ms ?? DEFAULT_WAIT_FOR_MS,
      ...withSignal(options.signal),
    });
    const space = fitToBudget(result.screenSize.width, result.screenSize.height, this.#budget);
    return { ok: true, summary: { tool: "wait_for", appeared: true, ...this.#describePoint(input.target, { point: result.point!, result, space }) } };
  }
}

/** `{ signal }`, or `{}` without one: an absent option stays absent. */
function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal === undefined ? {} : { signal };
}

function describe(target: string | ImagePoint): string {
  return typeof target === "string" ? JSON.stringify(target) : `(${target.x}, ${target.y})`;
}

/** `"Save" at (412, 88)` for a description, `(412, 88)` for a point: where an action goes, in the model's px. */
function placed(target: string | ImagePoint, point: ImagePoint): string {
  return typeof target === "string" ? `${JSON.stringify(target)} at (${point.x}, ${point.y})` : `at (${point.x}, ${point.y})`;
}
