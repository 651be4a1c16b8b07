/**
 * Tool definitions generated from the zod schemas of `tool-schemas.ts`, in the formats the LLM
 * APIs take: OpenAI function calling (Chat Completions and Responses), Anthropic tools, and the
 * Vercel AI SDK's tool objects (no dependency on `ai`: `tool()` there returns this very shape).
 */
import { z } from "zod";
import { actionNames, actionSchemas, clickElementSchema, type ActionName } from "./tool-schemas.js";

/** A JSON Schema object, as the LLM APIs take it. */
export type JsonSchema = Record<string, unknown>;

/** One tool: its name, what it does, and its one zod schema. */
export interface ToolDefinition {
  readonly name: string;
  readonly description: string;
  readonly schema: z.ZodObject;
}

/** JSON Schema of a tool's input (draft 2020-12, input side: optional fields are not required; no `$schema` key). */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, description: _description, ...rest } = z.toJSONSchema(schema, { io: "input" }) as JsonSchema;
  return rest;
}

/** The groundpoint tools (`screenshot`, `locate`, `click`, …), or the ones named. */
export function groundpointTools(names: readonly ActionName[] = actionNames): ToolDefinition[] {
  return names.map((name) => {
    const schema = actionSchemas[name];
    return { name, description: schema.description ?? name, schema };
  });
}

/** The `click_element` helper for computer-use loops (see `clickElementSchema`). */
export const clickElementTool: ToolDefinition = {
  name: "click_element",
  description: clickElementSchema.description ?? "click_element",
  schema: clickElementSchema,
};

/** OpenAI Chat Completions: `{ type: "function", function: { name, description, parameters } }`. */
export function toOpenAiChatTool(tool: ToolDefinition): { type: "function"; function: { name: string; description: string; parameters: JsonSchema } } {
  return { type: "function", function: { name: tool.name, description: tool.description, parameters: inputJsonSchema(tool.schema) } };
}

/** OpenAI Responses API: `{ type: "function", name, description, parameters, strict: false }` (strict mode would require every field). */
export function toOpenAiResponsesTool(tool: ToolDefinition): { type: "function"; name: string; description: string; parameters: JsonSchema; strict: false } {
  return { type: "function", name: tool.name, description: tool.description, parameters: inputJsonSchema(tool.schema), strict: false };
}

/** Anthropic Messages API: `{ name, description, input_schema }`. */
export function toAnthropicTool(tool: ToolDefinition): { name: string; description: string; input_schema: JsonSchema & { type: "object" } } {
  return { name: tool.name, description: tool.description, input_schema: { ...inputJsonSchema(tool.schema), type: "object" } };
}

/** A Vercel AI SDK tool, as `tool({ description, inputSchema, execute })` returns it (AI SDK 5 takes zod 4 schemas as they are). */
export interface VercelAiTool<Input, Output> {
  readonly description: string;
  readonly inputSchema: z.ZodType<Input>;
  readonly execute: (input: Input) => Promise<Output>;
}

/**
 * Vercel AI SDK tools keyed by name, for `generateText({ tools })`: each runs `execute(name, input)`,
 * e.g. `(name, input) => runner.run(name, input)` with a `ToolRunner`.
 */
export function toVercelAiTools<Output>(
  tools: readonly ToolDefinition[],
  execute: (name: string, input: unknown) => Promise<Output>,
): Record<string, VercelAiTool<unknown, Output>> {
  return Object.fromEntries(
    tools.map((tool) => [tool.name, { description: tool.description, inputSchema: tool.schema as z.ZodType<unknown>, execute: (input: unknown) => execute(tool.name, input) }]),
  );
}
