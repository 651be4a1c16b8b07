/**
 * The computer-use executors replay recorded action sequences in the providers' published formats
 * (Anthropic `computer_20251124` tool_use blocks, OpenAI `computer_call` items with batched
 * actions; coordinates in the model's downscaled image) onto a real Chromium page at device scale
 * factor 2, and every press lands on the element the recording meant (the page records the
 * element under each mousedown and mouseup).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserDevice } from "../../src/actions/browser-device.js";
import { defaultGrounder } from "../../src/agent/grounders.js";
import type { Grounder } from "../../src/core/grounder.js";
import { AnthropicComputer, type AnthropicResultContent, type AnthropicToolUse } from "../../src/mcp/anthropic-computer.js";
import { OpenAiComputer, type OpenAiComputerCall } from "../../src/mcp/openai-computer.js";

interface Hit {
  type: string;
  id: string | null;
  button: number;
  detail: number;
}
interface Step {
  lands_on?: string[];
  released_on?: string;
}
interface AnthropicFixture {
  tool: Record<string, unknown>;
  steps: (Step & { tool_use: AnthropicToolUse })[];
}
interface OpenAiFixture {
  display: { width: number; height: number };
  steps: (Step & { item?: OpenAiComputerCall; function_call?: { call_id: string; name: string; arguments: string } })[];
}

const fixtures = join(import.meta.dirname, "fixtures");
const page = pathToFileURL(join(import.meta.dirname, "pages", "targets.html")).href;
let device: BrowserDevice;
let grounder: Grounder;

beforeAll(async () => {
  device = await BrowserDevice.launch({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
  grounder = await defaultGrounder();
}, 120_000);

afterAll(async () => {
  await device?.close();
  await grounder?.dispose?.();
});

async function openPage(): Promise<void> {
  await device.page.goto(page, { waitUntil: "load" });
}

const hits = (): Promise<Hit[]> => device.page.evaluate(() => (window as unknown as { hits: Hit[] }).hits);

/** Checks the presses (and the release) a step caused against what the recording meant. */
function expectLanded(step: Step, newHits: Hit[], label: string): void {
  const presses = newHits.filter((hit) => hit.type === "mousedown").map((hit) => hit.id);
  expect(presses, `presses of ${label}`).toEqual(step.lands_on ?? []);
  if (step.released_on !== undefined) {
    expect(newHits.filter((hit) => hit.type === "mouseup").map((hit) => hit.id), `release of ${label}`).toEqual([step.released_on]);
  }
}

async function imageSize(content: AnthropicResultContent | undefined): Promise<[number, number]> {
  if (content?.type !== "image") throw new Error(`expected an image, got ${JSON.stringify(content)?.slice(0, 200)}`);
  const { width, height } = await sharp(Buffer.from(content.source.data, "base64")).metadata();
  return [width!, height!];
}

describe("Anthropic computer_20251124 executor", () => {
  it("replays a recorded sequence at scale factor 2: every press lands on its target", async () => {
    const fixture = JSON.parse(readFileSync(join(fixtures, "anthropic-computer-20251124.json"), "utf8")) as AnthropicFixture;
    await openPage();
    const computer = await AnthropicComputer.create(device, { grounder });
    expect(await computer.toolDefinition()).toEqual(fixture.tool);
    const results = new Map<string, AnthropicResultContent[]>();
    for (const step of fixture.steps) {
      const before = (await hits()).length;
      const result = await computer.runToolUse(step.tool_use);
      expect(result.is_error, `${step.tool_use.id}: ${JSON.stringify(result.content[0]).slice(0, 300)}`).toBeUndefined();
      expect(result.tool_use_id).toBe(step.tool_use.id);
      results.set(step.tool_use.id, result.content);
      expectLanded(step, (await hits()).slice(before), step.tool_use.id);
    }
    // Right-click is a right press; the shift-click held Shift.
    expect((await hits()).filter((hit) => hit.type === "contextmenu").map((hit) => hit.id)).toEqual(["options"]);
    expect(await device.page.inputValue("#search")).toBe("otters");
    await expect.poll(() => device.page.evaluate(() => document.getElementById("list")!.scrollTop)).toBe(300);
    // Screenshots are the model's image size; zoom shows its region at the full 2× resolution.
    expect(await imageSize(results.get("toolu_01")![0])).toEqual([1356, 847]);
    const [zoomWidth, zoomHeight] = await imageSize(results.get("toolu_11")![0]);
    expect(zoomWidth).toBeGreaterThanOrEqual(Math.floor(150 * (2560 / 1356)));
    expect(zoomWidth).toBeLessThanOrEqual(Math.ceil(150 * (2560 / 1356)) + 1);
    expect(zoomHeight).toBeGreaterThanOrEqual(Math.floor(60 * (1600 / 847)));
    expect(zoomHeight).toBeLessThanOrEqual(Math.ceil(60 * (1600 / 847)) + 1);
    expect(results.get("toolu_13")).toEqual([{ type: "text", text: "X=1153,Y=739" }]);
    expect(results.get("toolu_18")![0]).toMatchObject({ type: "text", text: expect.stringMatching(/^Clicked "Publish" at \(9[56]\d, 5[23]\d\)/) });
    await computer.close();
  }, 240_000);

  it("answers bad input and unsupported actions as is_error results that say what to do", async () => {
    await openPage();
    const computer = await AnthropicComputer.create(device, { grounder, screenshotAfterAction: false });
    const cases: [unknown, RegExp][] = [
      [{ action: "left_click", coordinate: [1356, 10] }, /outside the 1356×847 screenshot the model was shown; pass x in 0\.\.1355/],
      [{ action: "left_click" }, /no action has moved the pointer yet; pass a coordinate/],
      [{ action: "hold_key", text: "shift", duration: 1 }, /hold_key is not supported/],
      [{ action: "key", text: "ctrl+Hyper_Q" }, /unknown key "Hyper_Q"/],
      [{ action: "zoom", region: [10, 10, 5, 20] }, /x1 < x2/],
      [{ action: "teleport" }, /computer: invalid input \(action:/],
    ];
    for (const [input, message] of cases) {
      const result = await computer.runToolUse({ id: "toolu_x", name: "computer", input });
      expect(result.is_error, JSON.stringify(input)).toBe(true);
      expect(result.content[0]).toMatchObject({ type: "text", text: expect.stringMatching(message) });
    }
    const missing = await computer.runToolUse({ id: "toolu_y", name: "click_element", input: { element: "Launch the rocket" } });
    expect(missing.is_error).toBe(true);
    expect(await hits()).toEqual([]);
    await computer.close();
  }, 120_000);
});

describe("OpenAI computer executor", () => {
  it("replays recorded computer_call batches at scale factor 2: every press lands on its target", async () => {
    const fixture = JSON.parse(readFileSync(join(fixtures, "openai-computer.json"), "utf8")) as OpenAiFixture;
    await openPage();
    const computer = await OpenAiComputer.create(device, { grounder });
    expect(await computer.previewToolDefinition()).toMatchObject({ display_width: fixture.display.width, display_height: fixture.display.height });
    for (const step of fixture.steps) {
      const before = (await hits()).length;
      if (step.item) {
        const output = await computer.runComputerCall(step.item);
        expect(output).toMatchObject({ type: "computer_call_output", call_id: step.item.call_id, output: { type: "computer_screenshot" } });
        const png = Buffer.from(output.output.image_url.replace(/^data:image\/png;base64,/, ""), "base64");
        const { width, height } = await sharp(png).metadata();
        expect([width, height]).toEqual([fixture.display.width, fixture.display.height]);
      } else {
        const output = await computer.runFunctionCall(step.function_call!);
        expect(JSON.parse(output.output)).toMatchObject({ clicked: "Archive", grounder: "ocr" });
      }
      expectLanded(step, (await hits()).slice(before), step.item?.call_id ?? step.function_call!.call_id);
    }
    expect((await hits()).filter((hit) => hit.type === "contextmenu").map((hit) => hit.id)).toEqual(["options"]);
    expect(await device.page.inputValue("#search")).toBe("otters");
    // 400 model px = 400 × 2560/1440 device px = 355.6 CSS px.
    await expect.poll(() => device.page.evaluate(() => document.getElementById("list")!.scrollTop)).toBeGreaterThanOrEqual(355);
    expect(await device.page.evaluate(() => document.getElementById("list")!.scrollTop)).toBeLessThanOrEqual(356);
    await computer.close();
  }, 240_000);

  it("refuses a call with pending safety checks unless they are acknowledged, and malformed actions", async () => {
    await openPage();
    const flagged: OpenAiComputerCall = {
      call_id: "call_s",
      actions: [{ type: "click", x: 1022, y: 560, button: "left" }],
      pending_safety_checks: [{ id: "sc_1", code: "malicious_instructions", message: "Check the page." }],
    };
    const refusing = await OpenAiComputer.create(device, { grounder });
    await expect(refusing.runComputerCall(flagged)).rejects.toThrow(/pending safety checks \(malicious_instructions\) that were not acknowledged/);
    await expect(refusing.runComputerCall({ call_id: "call_m", actions: [{ type: "click", x: 10 }] })).rejects.toThrow(/computer action .*y/);
    expect(await hits()).toEqual([]);
    const seen: string[] = [];
    const acknowledging = await OpenAiComputer.create(device, {
      grounder,
      onSafetyChecks: async (checks) => {
        seen.push(...checks.map((check) => check.id));
        return true;
      },
    });
    const output = await acknowledging.runComputerCall(flagged);
    expect(output.acknowledged_safety_checks).toEqual(flagged.pending_safety_checks);
    expect(seen).toEqual(["sc_1"]);
    expect((await hits()).filter((hit) => hit.type === "mousedown").map((hit) => hit.id)).toEqual(["publish"]);
  }, 120_000);
});
