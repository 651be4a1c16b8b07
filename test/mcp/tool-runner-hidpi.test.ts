/**
 * The MCP tools' coordinates on a HiDPI page: a 1280×800 viewport at device scale factor 2 is
 * captured at 2560×1600 and shown to the model as 1356×847; points the model passes back (pixels
 * of that image) must land on the element it saw there. Coordinate targets skip the grounder, so
 * this runs on the real page with no model.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserDevice } from "../../src/actions/browser-device.js";
import type { Grounder } from "../../src/core/grounder.js";
import { ToolRunner } from "../../src/mcp/tool-runner.js";

interface Hit {
  type: string;
  id: string | null;
}

/** Coordinate targets never reach a grounder; this one fails the test if they do. */
const unusedGrounder: Grounder = { name: "unused", locate: () => Promise.reject(new Error("coordinate targets must not be grounded")) };

let device: BrowserDevice;

beforeAll(async () => {
  device = await BrowserDevice.launch({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
}, 60_000);

afterAll(async () => {
  await device?.close();
});

async function presses(): Promise<(string | null)[]> {
  const hits = await device.page.evaluate(() => (window as unknown as { hits: Hit[] }).hits);
  return hits.filter((hit) => hit.type === "mousedown" || hit.type === "mouseup").map((hit) => `${hit.type === "mousedown" ? "down" : "up"}:${hit.id}`);
}

describe("ToolRunner coordinates at scale factor 2", () => {
  it("scales the model's points back to the page: clicks, typing, drags and scrolls land where the model saw them", async () => {
    await device.page.goto(pathToFileURL(join(import.meta.dirname, "pages", "targets.html")).href);
    const runner = await ToolRunner.create(device, { grounder: unusedGrounder });
    const shot = await runner.run("screenshot", {});
    expect(shot.summary).toMatchObject({ width: 1356, height: 847 });
    // Element centres (CSS px × 2 device px, ÷ 2560/1356 and 1600/847) in the model's image.
    const cases: [string, Record<string, unknown>, string[]][] = [
      ["click", { target: { x: 962, y: 527 } }, ["down:publish", "up:publish"]],
      ["click", { target: { x: 1153, y: 464 }, button: "right" }, ["down:options", "up:options"]],
      ["type", { target: { x: 869, y: 443 }, text: "otters", submit: false }, ["down:search", "up:search"]],
      ["drag", { from: { x: 720, y: 656 }, to: { x: 1123, y: 625 } }, ["down:handle", "up:drop"]],
      ["scroll", { target: { x: 530, y: 646 }, direction: "down", amount: 200 }, []],
    ];
    for (const [tool, input, expected] of cases) {
      const before = (await presses()).length;
      const output = await runner.run(tool, input);
      expect(output.ok, `${tool} ${JSON.stringify(output.summary)}`).toBe(true);
      expect((await presses()).slice(before), `${tool} ${JSON.stringify(input)}`).toEqual(expected);
    }
    expect(await device.page.inputValue("#search")).toBe("otters");
    await expect.poll(() => device.page.evaluate(() => document.getElementById("list")!.scrollTop)).toBe(200);
    const outside = await runner.run("click", { target: { x: 1356, y: 10 } });
    expect(outside.ok).toBe(false);
    expect(outside.summary.message).toMatch(/outside the 1356×847 screenshot the model was shown/);
    await runner.close();
  }, 120_000);

  it("dry run: reports the point, touches nothing", async () => {
    await device.page.goto(pathToFileURL(join(import.meta.dirname, "pages", "targets.html")).href);
    const runner = await ToolRunner.create(device, { grounder: unusedGrounder, dryRun: true });
    await runner.run("screenshot", {});
    const output = await runner.run("click", { target: { x: 962, y: 527 } });
    expect(output.summary).toMatchObject({ dry_run: true, would: "click at (962, 527)", logical: { x: 908.1, y: 497.8 } }); // Publish is centred at CSS (908, 498)
    expect(await presses()).toEqual([]);
    await runner.close();
  }, 60_000);
});
