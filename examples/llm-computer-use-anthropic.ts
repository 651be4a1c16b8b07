/**
 * A Claude computer-use loop on a real Chromium page: Claude plans with Anthropic's
 * `computer_20251124` tool (screenshots, clicks, typing, zoom), groundpoint executes every action
 * on the page (coordinates scaled from the image Claude saw to the page, at any scale factor), and
 * `click_element` lets Claude name a target in words instead of guessing pixels.
 *
 *   ANTHROPIC_API_KEY=… npx tsx examples/llm-computer-use-anthropic.ts "Save a note titled Groceries"
 *
 * Optional: ANTHROPIC_MODEL (default claude-sonnet-4-6), START_URL (default the bundled demo page).
 * Not run in CI: it needs the Anthropic API. In your project, import from "groundpoint" instead of
 * "../src/index.js".
 */
import { pathToFileURL } from "node:url";
import Anthropic from "@anthropic-ai/sdk";
import type { BetaContentBlockParam, BetaMessageParam, BetaToolResultBlockParam } from "@anthropic-ai/sdk/resources/beta/messages/messages";
import { ANTHROPIC_COMPUTER_BETA, AnthropicComputer, BrowserDevice } from "../src/index.js";

const task = process.argv[2] ?? 'Write a note titled "Groceries" and save it.';
const model = process.env["ANTHROPIC_MODEL"] ?? "claude-sonnet-4-6";
const startUrl = process.env["START_URL"] ?? pathToFileURL("assets/demo/index.html").href;
const maxTurns = 20;

const client = new Anthropic();
// A HiDPI page on purpose: Claude sees a 1356×847 image of a 2560×1600 capture; the executor scales back.
const device = await BrowserDevice.launch({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
await device.page.goto(startUrl);
const computer = await AnthropicComputer.create(device);

const messages: BetaMessageParam[] = [{ role: "user", content: task }];
try {
  for (let turn = 0; turn < maxTurns; turn++) {
    const response = await client.beta.messages.create({
      model,
      max_tokens: 2048,
      betas: [ANTHROPIC_COMPUTER_BETA],
      tools: await computer.tools(),
      system:
        "You operate a web page. Prefer click_element with the element's visible text or look over clicking coordinates; " +
        "take a screenshot when you need to see the result.",
      messages,
    });
    messages.push({ role: "assistant", content: response.content as BetaContentBlockParam[] });
    const results: BetaToolResultBlockParam[] = [];
    for (const block of response.content) {
      if (block.type === "text") console.log(`claude: ${block.text}`);
      if (block.type !== "tool_use") continue;
      const result = await computer.runToolUse({ id: block.id, name: block.name, input: block.input });
      console.log(`${block.name} ${JSON.stringify(block.input)} → ${result.is_error ? `error: ${JSON.stringify(result.content[0])}` : "ok"}`);
      results.push(result);
    }
    if (results.length === 0 || response.stop_reason === "end_turn") break;
    messages.push({ role: "user", content: results });
  }
} finally {
  await computer.close();
  await device.close();
}
