import { describe, expect, it } from "vitest";
import { clickElementTool, groundpointTools, inputJsonSchema, toAnthropicTool, toOpenAiChatTool, toOpenAiResponsesTool, toVercelAiTools } from "./tool-formats.js";
import { actionSchemas } from "./tool-schemas.js";

describe("tool definitions from the zod schemas", () => {
  it("lists the tools in order, each with its description", () => {
    const tools = groundpointTools();
    expect(tools.map((tool) => tool.name)).toEqual(["screenshot", "locate", "click", "type", "press", "scroll", "drag", "wait_for"]);
    for (const tool of tools) expect(tool.description.length).toBeGreaterThan(10);
  });

  it.each([
    ["screenshot", [], []],
    ["locate", ["target"], ["target"]],
    ["click", ["target", "button", "click_count", "modifiers"], ["target"]],
    ["type", ["text", "target", "clear", "submit"], ["text"]],
    ["press", ["keys"], ["keys"]],
    ["scroll", ["direction", "target", "amount"], ["direction"]],
    ["drag", ["from", "to"], ["from", "to"]],
    ["wait_for", ["target", "timeout_ms"], ["target"]],
  ] as const)("%s: properties %o, required %o", (name, properties, required) => {
    const schema = inputJsonSchema(actionSchemas[name]);
    expect(schema.$schema).toBeUndefined();
    expect(schema.type).toBe("object");
    expect(Object.keys(schema.properties as object)).toEqual(properties);
    expect(schema.required ?? []).toEqual(required);
  });

  it("a target is a description or a point", () => {
    const target = (inputJsonSchema(actionSchemas.click).properties as Record<string, { anyOf: { type: string }[] }>).target!;
    expect(target.anyOf.map((option) => option.type)).toEqual(["string", "object"]);
  });

  it("formats: OpenAI chat and responses, Anthropic, Vercel AI SDK", async () => {
    const [click] = groundpointTools(["click"]);
    const chat = toOpenAiChatTool(click!);
    expect(chat).toMatchObject({ type: "function", function: { name: "click", description: "Click an element.", parameters: { type: "object", required: ["target"] } } });
    expect(toOpenAiResponsesTool(click!)).toMatchObject({ type: "function", name: "click", strict: false, parameters: chat.function.parameters });
    expect(toAnthropicTool(clickElementTool)).toMatchObject({ name: "click_element", input_schema: { type: "object", required: ["element"] } });
    const calls: [string, unknown][] = [];
    const tools = toVercelAiTools(groundpointTools(["press"]), async (name, input) => {
      calls.push([name, input]);
      return "ok";
    });
    expect(tools.press!.inputSchema.safeParse({ keys: "Enter" }).success).toBe(true);
    expect(await tools.press!.execute({ keys: "Enter" })).toBe("ok");
    expect(calls).toEqual([["press", { keys: "Enter" }]]);
  });
});

describe("the schemas validate what the model sends", () => {
  it.each([
    ["click", { target: "Save button" }, true],
    ["click", { target: { x: 10, y: 20 }, click_count: 2 }, true],
    ["click", { target: "" }, false],
    ["click", { target: { x: 10 } }, false],
    ["click", { target: "Save", click_count: 4 }, false],
    ["click", { target: "Save", modifiers: ["Hyper"] }, false],
    ["type", { text: "hello" }, true],
    ["type", { target: "Email", text: "a@b.c", clear: true, submit: true }, true],
    ["type", { target: "Email" }, false],
    ["scroll", { direction: "down" }, true],
    ["scroll", { direction: "sideways" }, false],
    ["scroll", { direction: "up", amount: -5 }, false],
    ["drag", { from: "Card", to: { x: 1, y: 2 } }, true],
    ["wait_for", { target: "Saved", timeout_ms: 0 }, true],
    ["wait_for", { target: "Saved", timeout_ms: 1.5 }, false],
    ["locate", { target: { x: 1, y: 2 } }, false],
  ] as const)("%s %o → valid %s", (name, input, valid) => {
    expect(actionSchemas[name].safeParse(input).success).toBe(valid);
  });
});
