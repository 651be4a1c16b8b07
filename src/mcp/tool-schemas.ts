/**
 * The small tool surface an LLM drives groundpoint with, one zod schema per action. Everything
 * else is generated from these: the MCP server's tools, JSON Schema for OpenAI function calling
 * and for Anthropic tools, and Vercel AI SDK tools (see `tool-formats.ts`).
 *
 * A target is either words naming what is on screen (`"Save button"`) — groundpoint points — or a
 * point `{ x, y }` in pixels of the latest image the `screenshot` tool returned.
 */
import { z } from "zod";

/** A point in pixels of the latest screenshot image the model was shown. */
export const pointSchema = z
  .object({
    x: z.number().describe("Pixels from the left edge of the latest screenshot image."),
    y: z.number().describe("Pixels from the top edge of the latest screenshot image."),
  })
  .describe("A point in pixels of the latest screenshot image.");

/** What to act on: a description, or a point of the latest screenshot. */
export const targetSchema = z
  .union([
    z.string().min(1).describe('What to act on, in words as it appears on screen: its text, role or look, e.g. "Save button", "the Email field".'),
    pointSchema,
  ])
  .describe("The element: a description in words (preferred), or a point {x, y} of the latest screenshot.");

const modifierSchema = z.enum(["Alt", "Control", "Meta", "Shift"]);

/** The schemas of the MCP / function-calling tools, by tool name. */
export const actionSchemas = {
  screenshot: z.object({}).describe("Capture the screen. Coordinates given to other tools are pixels of this image."),
  locate: z
    .object({ target: z.string().min(1).describe('What to find, in words, e.g. "the Save button".') })
    .describe("Find an element without acting: answers its point in the screenshot's pixels and the screenshot with the point marked."),
  click: z
    .object({
      target: targetSchema,
      button: z.enum(["left", "right", "middle"]).optional().describe('Mouse button. Default "left".'),
      click_count: z.number().int().min(1).max(3).optional().describe("1 click, 2 double-click, 3 triple-click. Default 1."),
      modifiers: z.array(modifierSchema).optional().describe("Keys held during the click. Default none."),
    })
    .describe("Click an element."),
  type: z
    .object({
      text: z.string().describe("The text to type."),
      target: targetSchema.optional().describe("The field to click first. Default: type into whatever has the focus."),
      clear: z.boolean().optional().describe("Select all and delete before typing. Default false."),
      submit: z.boolean().optional().describe("Press Enter after typing. Default false."),
    })
    .describe("Type text, into a field named by target or into the focused element."),
  press: z
    .object({ keys: z.string().min(1).describe('A key or combination in Playwright names, e.g. "Enter", "Tab", "Control+A", "Meta+Shift+T".') })
    .describe("Press a key or a key combination."),
  scroll: z
    .object({
      direction: z.enum(["up", "down", "left", "right"]).describe("Which way to scroll."),
      target: targetSchema.optional().describe("Scroll with the pointer over this element. Default: the middle of the screen."),
      amount: z.number().positive().optional().describe("How far, in screen (logical) pixels. Default 300."),
    })
    .describe("Scroll the page or the element under the pointer."),
  drag: z
    .object({ from: targetSchema.describe("Where to press."), to: targetSchema.describe("Where to release.") })
    .describe("Drag from one element or point to another."),
  wait_for: z
    .object({
      target: z.string().min(1).describe('What should appear, in words, e.g. "Saved toast".'),
      timeout_ms: z.number().int().min(0).optional().describe("Give up after this many ms. Default 10000."),
    })
    .describe("Wait until an element appears on screen."),
} as const;

/** Names of the tools in {@link actionSchemas}. */
export type ActionName = keyof typeof actionSchemas;

/** The input each tool takes. */
export type ActionInput<Name extends ActionName> = z.infer<(typeof actionSchemas)[Name]>;

/** Every tool name, in the order tools are listed. */
export const actionNames = Object.keys(actionSchemas) as ActionName[];

/**
 * The helper a computer-use model calls beside its `computer` tool to name a target in words
 * instead of guessing coordinates: groundpoint locates it on the real screen and clicks it.
 */
export const clickElementSchema = z
  .object({
    element: z.string().min(1).describe('The element to click, in words as it appears on screen, e.g. "Save button".'),
    button: z.enum(["left", "right", "middle"]).optional().describe('Mouse button. Default "left".'),
    click_count: z.number().int().min(1).max(3).optional().describe("1 click, 2 double-click, 3 triple-click. Default 1."),
  })
  .describe(
    "Click an element named in words. Prefer this to clicking coordinates: a local grounding model finds the element on the full-resolution screen and clicks its centre.",
  );

/** Input of {@link clickElementSchema}. */
export type ClickElementInput = z.infer<typeof clickElementSchema>;

/** A failed parse's issues in one line for an error message: `path: message; …` (`root` names the input itself). */
export function describeIssues(error: z.ZodError, root: string): string {
  return error.issues.map((issue) => `${issue.path.join(".") || root}: ${issue.message}`).join("; ");
}
