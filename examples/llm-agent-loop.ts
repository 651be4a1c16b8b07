/**
 * An LLM agent loop: the language model plans ("click the Save button"), groundpoint points. The
 * model never sees or emits coordinates; it calls tools that take descriptions, which keeps it
 * robust to screen sizes and scale factors.
 *
 *   OPENAI_BASE_URL=http://localhost:8000/v1 OPENAI_MODEL=qwen3 npx tsx examples/llm-agent-loop.ts "Save the note"
 *
 * Works with any OpenAI-compatible chat-completions endpoint that supports tool calls (vLLM,
 * llama.cpp server, Ollama, hosted APIs). Not run in CI: it needs a model server.
 * In your project, import from "groundpoint" instead of "../src/index.js".
 */
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { Agent, GroundpointError } from "../src/index.js";

const baseUrl = process.env["OPENAI_BASE_URL"] ?? "http://localhost:8000/v1";
const model = process.env["OPENAI_MODEL"] ?? "default";
const task = process.argv[2] ?? 'Save the note, then open the "Ideas" folder.';

/** The tools the model may call: each takes a description of an element, never coordinates. */
const tools = [
  { name: "click", description: "Click the element the description names.", parameters: { target: "Visible text or description of the element" } },
  { name: "type", description: "Click a text field and type into it.", parameters: { target: "The field", text: "Text to type" } },
  { name: "press", description: "Press a key or combination, e.g. Enter or Control+S.", parameters: { keys: "The keys" } },
  { name: "is_visible", description: "Check whether an element is on screen now.", parameters: { target: "The element" } },
  { name: "done", description: "Finish: the task is complete (or impossible).", parameters: { summary: "What happened" } },
].map((tool) => ({
  type: "function" as const,
  function: {
    name: tool.name,
    description: tool.description,
    parameters: {
      type: "object",
      properties: Object.fromEntries(Object.entries(tool.parameters).map(([key, description]) => [key, { type: "string", description }])),
      required: Object.keys(tool.parameters),
    },
  },
}));

interface ToolCall {
  id: string;
  function: { name: string; arguments: string };
}
type Message = { role: "system" | "user" | "assistant" | "tool"; content: string; tool_calls?: ToolCall[]; tool_call_id?: string };

async function chat(messages: Message[]): Promise<Message> {
  const response = await fetch(`${baseUrl}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${process.env["OPENAI_API_KEY"] ?? "none"}` },
    body: JSON.stringify({ model, messages, tools, tool_choice: "auto" }),
  });
  if (!response.ok) throw new Error(`model server answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { choices: { message: Message }[] };
  return body.choices[0]!.message;
}

/** Runs one tool call; errors become text for the model (it can re-plan), never a guessed click. */
async function runTool(agent: Agent, call: ToolCall): Promise<string> {
  const args = JSON.parse(call.function.arguments || "{}") as Record<string, string>;
  try {
    switch (call.function.name) {
      case "click": {
        const result = await agent.click(args["target"]!, { checkChange: true });
        return `clicked; the screen ${result.screenChange?.changed ? "changed" : "did NOT change"}`;
      }
      case "type":
        await agent.type(args["target"]!, args["text"]!);
        return "typed";
      case "press":
        await agent.press(args["keys"]!);
        return "pressed";
      case "is_visible":
        await agent.assertVisible(args["target"]!);
        return "visible";
      default:
        return `unknown tool ${call.function.name}`;
    }
  } catch (error) {
    if (GroundpointError.isInstance(error)) return `failed: ${error.message.split("\n")[0]}`;
    throw error;
  }
}

const browser = await chromium.launch({ executablePath: process.env["GROUNDPOINT_CHROMIUM"] ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(pathToFileURL("assets/demo/index.html").href);
const agent = Agent.forPage(page, { report: { dir: "groundpoint-reports", name: "llm-agent-loop" } });
const messages: Message[] = [
  { role: "system", content: "You operate a web page through tools that take element descriptions (visible text). Call one tool at a time; call done when finished." },
  { role: "user", content: `Task: ${task}\nPage text:\n${await page.innerText("body")}` },
];
try {
  for (let turn = 0; turn < 12; turn++) {
    const reply = await chat(messages);
    messages.push(reply);
    const calls = reply.tool_calls ?? [];
    if (calls.length === 0 || calls.some((call) => call.function.name === "done")) {
      console.log(`done: ${reply.content || calls.find((call) => call.function.name === "done")?.function.arguments}`);
      break;
    }
    for (const call of calls) {
      const outcome = await runTool(agent, call);
      console.log(`${call.function.name}(${call.function.arguments}) → ${outcome}`);
      messages.push({ role: "tool", tool_call_id: call.id, content: outcome });
    }
  }
  console.log(`report: ${agent.report?.html}`);
} finally {
  await agent.close();
  await browser.close();
}
