/**
 * An executor for Anthropic's computer-use tool, `computer_20251124` (beta header
 * `computer-use-2025-11-24`), on any groundpoint {@link Device}.
 *
 * Claude is shown the screenshot downscaled to Anthropic's image budget (1568 px long edge, about
 * 1.15 MP) and the tool is declared with that size (`display_width_px`/`display_height_px`), so
 * Claude's coordinates are pixels of the image it saw; they are scaled back to the captured
 * screenshot and mapped to logical px here (a 1280×800 page at scale factor 2 is captured at
 * 2560×1600 and shown as 1356×847). `zoom` returns a region at the screenshot's full resolution.
 * Beside the `computer` tool, `click_element` lets Claude name a target in words.
 *
 * Not available on groundpoint devices, answered with an error: `hold_key` and holding keys while
 * scrolling (a device has no separate key down/up). `left_mouse_down` is deferred: the press
 * happens at `left_mouse_up`, as one drag from the down point (or a click when the pointer did not
 * move).
 */
import { setTimeout as delay } from "node:timers/promises";
import { z } from "zod";
import type { Device } from "../actions/device.js";
import { GroundpointError, InvalidInputError } from "../core/errors.js";
import { ComputerSession, type ComputerSessionOptions } from "./computer-session.js";
import { anthropicKeyPresses, toModifiers } from "./key-names.js";
import { ANTHROPIC_IMAGE_BUDGET, type ImageBudget } from "./model-image-space.js";
import { clickElementTool, toAnthropicTool } from "./tool-formats.js";
import { clickElementSchema, describeIssues } from "./tool-schemas.js";

/** The tool type this executor implements. */
export const ANTHROPIC_COMPUTER_TOOL_TYPE = "computer_20251124";
/** The beta header that enables it. */
export const ANTHROPIC_COMPUTER_BETA = "computer-use-2025-11-24";
/** Logical px per wheel click of `scroll_amount`: 100 (one notch of a mouse wheel in Chromium). */
export const SCROLL_NOTCH_PX = 100;

const coordinate = z.tuple([z.number(), z.number()]);

/** The input of the `computer` tool as Claude sends it. */
export const anthropicComputerInputSchema = z.looseObject({
  action: z.enum([
    "screenshot",
    "left_click",
    "right_click",
    "middle_click",
    "double_click",
    "triple_click",
    "mouse_move",
    "left_click_drag",
    "left_mouse_down",
    "left_mouse_up",
    "scroll",
    "key",
    "hold_key",
    "type",
    "wait",
    "cursor_position",
    "zoom",
  ]),
  coordinate: coordinate.optional(),
  start_coordinate: coordinate.optional(),
  text: z.string().optional(),
  key: z.string().optional(),
  scroll_direction: z.enum(["up", "down", "left", "right"]).optional(),
  scroll_amount: z.number().int().min(0).optional(),
  duration: z.number().min(0).max(100).optional(),
  region: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
});

/** Input of the `computer` tool. */
export type AnthropicComputerInput = z.infer<typeof anthropicComputerInputSchema>;

/** A content block of a `tool_result`. */
export type AnthropicResultContent =
  | { type: "text"; text: string }
  | { type: "image"; source: { type: "base64"; media_type: "image/png"; data: string } };

/** A `tool_use` block of Claude's answer. */
export interface AnthropicToolUse {
  readonly type?: "tool_use";
  readonly id: string;
  readonly name: string;
  readonly input: unknown;
}

/** The `tool_result` block to send back. */
export interface AnthropicToolResult {
  type: "tool_result";
  tool_use_id: string;
  content: AnthropicResultContent[];
  is_error?: boolean;
}

/** Options of {@link AnthropicComputer.create}. */
export interface AnthropicComputerOptions extends ComputerSessionOptions {
  /** Image budget of the screenshots Claude is shown. Default {@link ANTHROPIC_IMAGE_BUDGET}. */
  imageBudget?: ImageBudget;
  /** Declare and serve `zoom`. Default true. */
  enableZoom?: boolean;
  /** Answer every action with a fresh screenshot, as the reference implementation does. Default true. */
  screenshotAfterAction?: boolean;
}

const pointerActions = new Set(["left_click", "right_click", "middle_click", "double_click", "triple_click"]);

/** Runs Claude's `computer_20251124` actions (and `click_element`) on a device. */
export class AnthropicComputer {
  readonly session: ComputerSession;
  readonly #options: AnthropicComputerOptions;
  #pressedAt: { x: number; y: number; space: "logical" } | undefined;

  private constructor(session: ComputerSession, options: AnthropicComputerOptions) {
    this.session = session;
    this.#options = options;
  }

  /** An executor on `device`; takes one screenshot to size the tool. The device stays the caller's. */
  static async create(device: Device, options: AnthropicComputerOptions = {}): Promise<AnthropicComputer> {
    const session = new ComputerSession(device, options.imageBudget ?? ANTHROPIC_IMAGE_BUDGET, options);
    await session.capture();
    return new AnthropicComputer(session, options);
  }

  /** The `computer` tool definition, sized to the image Claude is shown. */
  async toolDefinition(): Promise<{ type: typeof ANTHROPIC_COMPUTER_TOOL_TYPE; name: "computer"; display_width_px: number; display_height_px: number; enable_zoom?: boolean }> {
    const space = await this.session.space();
    return {
      type: ANTHROPIC_COMPUTER_TOOL_TYPE,
      name: "computer",
      display_width_px: space.width,
      display_height_px: space.height,
      ...(this.#options.enableZoom === false ? {} : { enable_zoom: true }),
    };
  }

  /** The tools to pass to `anthropic.beta.messages.create({ tools, betas: [ANTHROPIC_COMPUTER_BETA] })`. */
  async tools(): Promise<[Awaited<ReturnType<AnthropicComputer["toolDefinition"]>>, ReturnType<typeof toAnthropicTool>]> {
    return [await this.toolDefinition(), toAnthropicTool(clickElementTool)];
  }

  /**
   * Runs one `tool_use` block (`computer` or `click_element`) and answers its `tool_result`.
   * Groundpoint errors (bad input, not found) become `is_error` results Claude can read.
   */
  async runToolUse(block: AnthropicToolUse): Promise<AnthropicToolResult> {
    try {
      const content =
        block.name === "computer"
          ? await this.execute(block.input)
          : block.name === "click_element"
            ? await this.#clickElement(block.input)
            : (() => {
                throw new InvalidInputError("name", `unknown tool ${JSON.stringify(block.name)}; this executor runs "computer" and "click_element".`);
              })();
      return { type: "tool_result", tool_use_id: block.id, content };
    } catch (error) {
      if (!GroundpointError.isInstance(error)) throw error;
      return { type: "tool_result", tool_use_id: block.id, content: [{ type: "text", text: error.message }], is_error: true };
    }
  }

  /** Runs one input of the `computer` tool and answers the result content. */
  async execute(rawInput: unknown): Promise<AnthropicResultContent[]> {
    const parsed = anthropicComputerInputSchema.safeParse(rawInput);
    if (!parsed.success) {
      throw new InvalidInputError("input", `computer: invalid input (${describeIssues(parsed.error, "input")}).`);
    }
    const input = parsed.data;
    const session = this.session;
    const device = session.device;
    const at = async (parameter: "coordinate" | "start_coordinate" = "coordinate") => {
      const given = input[parameter];
      return given === undefined ? session.requirePointer(input.action) : session.toLogical({ x: given[0], y: given[1] }, parameter);
    };
    const need = (parameter: "text" | "coordinate" | "region", value: unknown): void => {
      if (value === undefined) throw new InvalidInputError(parameter, `${input.action} needs ${parameter}.`);
    };
    const modifierText = input.text ?? input.key;
    switch (input.action) {
      case "screenshot":
        return [await this.#image()];
      case "cursor_position": {
        const point = await session.pointerInModel();
        return [{ type: "text", text: point === undefined ? "The pointer has not been moved by an action yet." : `X=${point.x},Y=${point.y}` }];
      }
      case "zoom": {
        if (this.#options.enableZoom === false) throw new InvalidInputError("action", "zoom is not enabled for this computer tool (enableZoom: false).");
        need("region", input.region);
        const zoomed = await session.zoomPng(input.region!);
        return [{ type: "image", source: { type: "base64", media_type: "image/png", data: zoomed.data } }];
      }
      case "mouse_move":
        need("coordinate", input.coordinate);
        session.pointer = await at();
        await device.move(session.pointer);
        break;
      case "left_click_drag": {
        need("coordinate", input.coordinate);
        const from = await at("start_coordinate");
        const to = await at();
        await device.drag(from, to);
        session.pointer = to;
        break;
      }
      case "left_mouse_down":
        this.#pressedAt = await at();
        session.pointer = this.#pressedAt;
        return [{ type: "text", text: "Left button down (groundpoint performs the press together with left_mouse_up)." }];
      case "left_mouse_up": {
        if (this.#pressedAt === undefined) throw new InvalidInputError("action", "left_mouse_up without a left_mouse_down before it.");
        const from = this.#pressedAt;
        const to = await at();
        this.#pressedAt = undefined;
        if (Math.hypot(to.x - from.x, to.y - from.y) < 1) await device.click(to);
        else await device.drag(from, to);
        session.pointer = to;
        break;
      }
      case "scroll": {
        if (input.scroll_direction === undefined || input.scroll_amount === undefined) {
          throw new InvalidInputError("scroll_direction", "scroll needs scroll_direction (up, down, left, right) and scroll_amount (wheel clicks).");
        }
        if (modifierText !== undefined && modifierText !== "") {
          throw new InvalidInputError("text", "holding keys while scrolling is not supported by groundpoint devices yet; scroll without text.");
        }
        const point = input.coordinate === undefined ? (session.pointer ?? (await this.#middle())) : await at();
        const distance = input.scroll_amount * SCROLL_NOTCH_PX;
        const direction = input.scroll_direction;
        await device.scroll(point, {
          deltaX: direction === "left" ? -distance : direction === "right" ? distance : 0,
          deltaY: direction === "up" ? -distance : direction === "down" ? distance : 0,
        });
        session.pointer = point;
        break;
      }
      case "key":
        need("text", input.text);
        for (const keys of anthropicKeyPresses(input.text!)) await device.press(keys);
        break;
      case "hold_key":
        throw new InvalidInputError("action", "hold_key is not supported by groundpoint devices yet (no separate key down/up); use key for a press.");
      case "type":
        need("text", input.text);
        await device.type(input.text!);
        break;
      case "wait":
        await delay((input.duration ?? 1) * 1000);
        return [await this.#image()];
      default: {
        if (!pointerActions.has(input.action)) throw new InvalidInputError("action", `unknown action ${JSON.stringify(input.action)}.`);
        const point = await at();
        const modifiers = modifierText === undefined || modifierText === "" ? [] : toModifiers(modifierText);
        const button = input.action === "right_click" ? "right" : input.action === "middle_click" ? "middle" : "left";
        const clickCount = input.action === "double_click" ? 2 : input.action === "triple_click" ? 3 : 1;
        await device.click(point, { button, clickCount, modifiers });
        session.pointer = point;
      }
    }
    return this.#options.screenshotAfterAction === false ? [{ type: "text", text: `${input.action} done.` }] : [await this.#image()];
  }

  /** Releases what `click_element` loaded; the device stays open. */
  async close(): Promise<void> {
    await this.session.close();
  }

  async #clickElement(rawInput: unknown): Promise<AnthropicResultContent[]> {
    const parsed = clickElementSchema.safeParse(rawInput);
    if (!parsed.success) throw new InvalidInputError("input", `click_element: ${parsed.error.issues.map((issue) => issue.message).join("; ")}.`);
    const clicked = await this.session.clickElement(parsed.data);
    const text = `Clicked ${JSON.stringify(parsed.data.element)} at (${clicked.point.x}, ${clicked.point.y}) (confidence ${clicked.confidence}, grounder ${clicked.grounder}).`;
    return this.#options.screenshotAfterAction === false ? [{ type: "text", text }] : [{ type: "text", text }, await this.#image()];
  }

  async #image(): Promise<AnthropicResultContent> {
    return { type: "image", source: { type: "base64", media_type: "image/png", data: await this.session.screenshotPng() } };
  }

  async #middle() {
    const space = await this.session.space();
    return this.session.toLogical({ x: Math.floor(space.width / 2), y: Math.floor(space.height / 2) });
  }
}
