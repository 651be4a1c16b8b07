/**
 * An executor for OpenAI's computer-use tool (Responses API, `tools: [{ type: "computer" }]`) on any
 * groundpoint {@link Device}: each `computer_call` carries a batch of `actions` (click,
 * double_click, drag with a path, keypress, move, screenshot, scroll, type, wait), run in order,
 * and is answered with one `computer_call_output` holding a fresh screenshot. The legacy
 * `computer_use_preview` tool's single `action` is run the same way.
 *
 * The model is shown the screenshot downscaled to OpenAI's guidance (about 1440×900; a 2560×1600
 * capture becomes exactly 1440×900) and answers pixels of that image; they are scaled back here,
 * and scroll distances too. `click_element` (a function tool) lets the model name a target in words.
 *
 * Pending safety checks are never acknowledged on the model's behalf: without an
 * `onSafetyChecks` callback that approves them, the call is refused.
 */
import { setTimeout as delay } from "node:timers/promises";
import { z } from "zod";
import type { Device } from "../actions/device.js";
import { GroundpointError, InvalidInputError } from "../core/errors.js";
import { ComputerSession, type ComputerSessionOptions } from "./computer-session.js";
import { openAiKeyCombination, toModifiers } from "./key-names.js";
import { OPENAI_IMAGE_BUDGET, type ImageBudget } from "./model-image-space.js";
import { clickElementTool, toOpenAiResponsesTool } from "./tool-formats.js";
import { clickElementSchema, describeIssues } from "./tool-schemas.js";

/** Default pause of a `wait` action: 1000 ms. */
export const DEFAULT_OPENAI_WAIT_MS = 1000;

const x = z.number();
const y = z.number();
const keys = z.array(z.string()).optional();

/** One action of a `computer_call`, as OpenAI publishes them. */
export const openAiComputerActionSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("click"), x, y, button: z.enum(["left", "right", "wheel", "back", "forward"]).optional(), keys }),
  z.looseObject({ type: z.literal("double_click"), x, y, keys }),
  z.looseObject({ type: z.literal("drag"), path: z.array(z.looseObject({ x, y })).min(2), keys }),
  z.looseObject({ type: z.literal("keypress"), keys: z.array(z.string()).min(1) }),
  z.looseObject({ type: z.literal("move"), x, y, keys }),
  z.looseObject({ type: z.literal("screenshot") }),
  z.looseObject({ type: z.literal("scroll"), x, y, scroll_x: z.number(), scroll_y: z.number(), keys }),
  z.looseObject({ type: z.literal("type"), text: z.string() }),
  z.looseObject({ type: z.literal("wait"), duration_ms: z.number().min(0).max(100_000).optional() }),
]);

/** One computer action. */
export type OpenAiComputerAction = z.infer<typeof openAiComputerActionSchema>;

/** A safety check the API flagged on a call. */
export interface OpenAiSafetyCheck {
  readonly id: string;
  readonly code?: string | null;
  readonly message?: string | null;
}

/** A `computer_call` output item of the Responses API. */
export interface OpenAiComputerCall {
  readonly type?: "computer_call";
  readonly call_id: string;
  /** The GA tool's batch. */
  readonly actions?: readonly unknown[];
  /** The preview tool's single action. */
  readonly action?: unknown;
  readonly pending_safety_checks?: readonly OpenAiSafetyCheck[];
}

/** The `computer_call_output` input item to send back. */
export interface OpenAiComputerCallOutput {
  type: "computer_call_output";
  call_id: string;
  output: { type: "computer_screenshot"; image_url: string };
  acknowledged_safety_checks?: OpenAiSafetyCheck[];
}

/** Options of {@link OpenAiComputer.create}. */
export interface OpenAiComputerOptions extends ComputerSessionOptions {
  /** Image budget of the screenshots the model is shown. Default {@link OPENAI_IMAGE_BUDGET}. */
  imageBudget?: ImageBudget;
  /** Decides on pending safety checks; true acknowledges them. Default: none, so flagged calls are refused. */
  onSafetyChecks?: (checks: readonly OpenAiSafetyCheck[], call: OpenAiComputerCall) => Promise<boolean>;
}

/** Runs OpenAI computer-use calls (and `click_element`) on a device. */
export class OpenAiComputer {
  readonly session: ComputerSession;
  readonly #options: OpenAiComputerOptions;

  private constructor(session: ComputerSession, options: OpenAiComputerOptions) {
    this.session = session;
    this.#options = options;
  }

  /** An executor on `device`; takes one screenshot to size the model's image. The device stays the caller's. */
  static async create(device: Device, options: OpenAiComputerOptions = {}): Promise<OpenAiComputer> {
    const session = new ComputerSession(device, options.imageBudget ?? OPENAI_IMAGE_BUDGET, options);
    await session.capture();
    return new OpenAiComputer(session, options);
  }

  /** The tools to pass to `openai.responses.create({ tools })`: the computer tool and `click_element`. */
  tools(): [{ type: "computer" }, ReturnType<typeof toOpenAiResponsesTool>] {
    return [{ type: "computer" }, toOpenAiResponsesTool(clickElementTool)];
  }

  /** The legacy preview tool, sized to the image the model is shown. */
  async previewToolDefinition(environment: "browser" | "mac" | "windows" | "ubuntu" | "linux" = "browser") {
    const space = await this.session.space();
    return { type: "computer_use_preview" as const, display_width: space.width, display_height: space.height, environment };
  }

  /**
   * Runs every action of a `computer_call` in order and answers its `computer_call_output` with a
   * screenshot taken after the last one.
   * @throws InvalidInputError for a malformed action (nothing after it runs), or for pending safety
   *   checks that were not acknowledged.
   */
  async runComputerCall(call: OpenAiComputerCall): Promise<OpenAiComputerCallOutput> {
    const checks = call.pending_safety_checks ?? [];
    if (checks.length > 0 && !(this.#options.onSafetyChecks && (await this.#options.onSafetyChecks(checks, call)))) {
      throw new InvalidInputError(
        "pending_safety_checks",
        `computer_call ${call.call_id} has pending safety checks (${checks.map((check) => check.code ?? check.id).join(", ")}) that were not acknowledged; ` +
          "show them to the user and pass onSafetyChecks to acknowledge.",
      );
    }
    const actions = call.actions ?? (call.action === undefined ? [] : [call.action]);
    for (const action of actions) await this.execute(action);
    const data = await this.session.screenshotPng();
    return {
      type: "computer_call_output",
      call_id: call.call_id,
      output: { type: "computer_screenshot", image_url: `data:image/png;base64,${data}` },
      ...(checks.length > 0 ? { acknowledged_safety_checks: [...checks] } : {}),
    };
  }

  /**
   * Runs a `function_call` of `click_element` and answers its `function_call_output` (JSON text).
   * Groundpoint errors (not found, bad input) are answered as `{ "error": … }` for the model to read.
   */
  async runFunctionCall(call: { call_id: string; name: string; arguments: string }): Promise<{ type: "function_call_output"; call_id: string; output: string }> {
    let output: unknown;
    try {
      if (call.name !== "click_element") throw new InvalidInputError("name", `unknown function ${JSON.stringify(call.name)}; this executor runs click_element.`);
      const parsed = clickElementSchema.safeParse(JSON.parse(call.arguments || "{}"));
      if (!parsed.success) throw new InvalidInputError("arguments", `click_element: ${parsed.error.issues.map((issue) => issue.message).join("; ")}.`);
      output = { clicked: parsed.data.element, ...(await this.session.clickElement(parsed.data)) };
    } catch (error) {
      if (!GroundpointError.isInstance(error) && !(error instanceof SyntaxError)) throw error;
      output = { error: (error as Error).message };
    }
    return { type: "function_call_output", call_id: call.call_id, output: JSON.stringify(output) };
  }

  /** Runs one action. */
  async execute(rawAction: unknown): Promise<void> {
    const parsed = openAiComputerActionSchema.safeParse(rawAction);
    if (!parsed.success) {
      throw new InvalidInputError("action", `computer action ${JSON.stringify(rawAction)}: ${describeIssues(parsed.error, "action")}.`);
    }
    const action = parsed.data;
    const session = this.session;
    const device = session.device;
    const held = action.type === "keypress" ? undefined : (action as { keys?: unknown }).keys;
    const modifiers = Array.isArray(held) ? held.flatMap((key: unknown) => toModifiers(String(key))) : [];
    switch (action.type) {
      case "click": {
        if (action.button === "back" || action.button === "forward") {
          throw new InvalidInputError("button", `the ${action.button} mouse button is not supported by groundpoint devices; press Alt+ArrowLeft / Alt+ArrowRight instead.`);
        }
        const point = await session.toLogical(action);
        await device.click(point, { button: action.button === "wheel" ? "middle" : (action.button ?? "left"), modifiers });
        session.pointer = point;
        return;
      }
      case "double_click": {
        const point = await session.toLogical(action);
        await device.click(point, { clickCount: 2, modifiers });
        session.pointer = point;
        return;
      }
      case "drag": {
        const path = await Promise.all(action.path.map((point, index) => session.toLogical(point, `path[${index}]`)));
        await device.drag(path[0]!, path.at(-1)!, { path: path.slice(1, -1) });
        session.pointer = path.at(-1)!;
        return;
      }
      case "keypress":
        await device.press(openAiKeyCombination(action.keys));
        return;
      case "move": {
        const point = await session.toLogical(action);
        await device.move(point);
        session.pointer = point;
        return;
      }
      case "screenshot":
        return;
      case "scroll": {
        const point = await session.toLogical(action);
        // scroll_x / scroll_y are pixels of the model's image, like the point: scale them the same way.
        await device.scroll(point, await session.toLogicalDistance(action.scroll_x, action.scroll_y));
        session.pointer = point;
        return;
      }
      case "type":
        await device.type(action.text);
        return;
      case "wait":
        await delay(action.duration_ms ?? DEFAULT_OPENAI_WAIT_MS);
        return;
    }
  }

  /** Releases what `click_element` loaded; the device stays open. */
  async close(): Promise<void> {
    await this.session.close();
  }
}
