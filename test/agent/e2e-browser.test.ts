/**
 * End to end in real Chromium with the real default grounder (today the OCR grounder): the agent
 * must hit the intended element for instructions that name visible text, refuse absent targets,
 * and agree with itself between a page and a file of the same pixels. Each page records which
 * element (data-id) every click landed on.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent } from "../../src/agent/agent.js";
import { defaultGrounder } from "../../src/agent/grounders.js";
import { writePng } from "../../src/agent/image-files.js";
import { BrowserDevice } from "../../src/actions/browser-device.js";
import { TargetNotFoundError } from "../../src/core/errors.js";
import type { Grounder } from "../../src/core/grounder.js";

const pages = join(import.meta.dirname, "pages");
interface RecordedClick {
  id: string | null;
  x: number;
  y: number;
  button: number;
  detail: number;
}

let device: BrowserDevice;
let grounder: Grounder;
const screenshotDir = mkdtempSync(join(tmpdir(), "gp-e2e-"));

beforeAll(async () => {
  device = await BrowserDevice.launch({ viewport: { width: 1280, height: 800 } });
  grounder = await defaultGrounder();
}, 300_000);

afterAll(async () => {
  await device?.close();
  await grounder?.dispose?.();
});

async function open(name: string): Promise<Agent> {
  await device.page.goto(pathToFileURL(join(pages, name)).href, { waitUntil: "load" });
  // No call timeout: on a loaded 2-core machine one OCR read can take tens of seconds; vitest's bounds it.
  return new Agent(device, { grounder, screenshotDir, timeout: 0 });
}

async function clicks(): Promise<RecordedClick[]> {
  return device.page.evaluate(() => (window as unknown as { clicks: RecordedClick[] }).clicks);
}

async function lastClickedId(): Promise<string | null | undefined> {
  return (await clicks()).at(-1)?.id;
}

/** Clicks each case's instruction in turn; pairs it with the element the click landed on, or "not found". */
async function clickEach(agent: Agent, cases: readonly (readonly [string, string])[]): Promise<[string, string | null | undefined][]> {
  const landed: [string, string | null | undefined][] = [];
  for (const [instruction] of cases) {
    const clicked = await agent.click(instruction).then(
      () => true,
      (error: unknown) => (TargetNotFoundError.isInstance(error) ? false : Promise.reject(error)),
    );
    landed.push([instruction, clicked ? await lastClickedId() : "not found"]);
  }
  return landed;
}

describe("end to end in Chromium with the default grounder", () => {
  it("a form: clicks buttons and checkboxes by their text, types into fields found by their labels", async () => {
    const agent = await open("form.html");
    await agent.click("Submit");
    expect(await lastClickedId()).toBe("submit");
    await agent.click("Reset");
    expect(await lastClickedId()).toBe("reset");
    const remember = await agent.click("Remember me", { checkChange: { settleMs: 100 } });
    // The click lands on the label; the browser then forwards a click to its checkbox.
    expect((await clicks()).slice(-2).map((click) => click.id)).toEqual(["remember-label", "remember"]);
    expect(await device.page.isChecked("#remember")).toBe(true);
    expect(remember.screenChange?.changed).toBe(true);
    await agent.type("Email", "ada@example.com");
    expect(await device.page.inputValue("#email")).toBe("ada@example.com");
    await agent.type("First name", "Ada");
    expect(await device.page.inputValue("#first")).toBe("Ada");
    expect(await device.page.inputValue("#last")).toBe("");
  }, 600_000);

  // The OCR grounder follows a relation or a role when the instruction still names the target's text or
  // label; an unnamed target ("the field below Email", "the button right of Submit") needs a model.
  it("a form: relations and roles point at the control, not at its label", async () => {
    const agent = await open("form.html");
    const cases: [string, string][] = [
      ["the checkbox next to Remember me", "remember"],
      ["the Email field", "email"],
      ["the Last name text field", "last"],
      ["the Reset button right of Submit", "reset"],
    ];
    expect(await clickEach(agent, cases)).toEqual(cases);
  }, 600_000);

  it("a text-labelled toolbar: each click lands on the button it names", async () => {
    const agent = await open("toolbar.html");
    const expected: [string, string][] = [
      ["Undo", "undo"],
      ["Bold", "bold"],
      ["Underline", "underline"],
      ["Strikethrough", "strike"],
      ["Table", "table"],
      ["Replace", "replace"],
      ["Export", "export"],
      ["History", "history"],
    ];
    expect(await clickEach(agent, expected)).toEqual(expected);
    await agent.rightClick("Italic");
    expect((await clicks()).at(-1)).toMatchObject({ id: "italic", button: 2 });
    await agent.doubleClick("Find");
    expect((await clicks()).at(-1)).toMatchObject({ id: "find", detail: 2 });
  }, 600_000);

  it("a dense table (12 px text): clicks the cell whose text the instruction names", async () => {
    const agent = await open("table.html");
    const amount = await device.page.textContent('[data-id="amount-5"]');
    const expected: [string, string][] = [
      ["Lisbon", "city-0"],
      ["Kyoto", "city-7"],
      ["Hana Sato", "name-7"],
      ["Uppsala", "city-14"],
      ["1012", "id-11"],
      [amount!, "amount-5"],
    ];
    expect(await clickEach(agent, expected)).toEqual(expected);
  }, 600_000);

  it("an absent target throws TargetNotFoundError, saves the screenshot, and clicks nothing", async () => {
    const agent = await open("form.html");
    const error = await agent.click("Delete account").catch((caught: unknown) => caught);
    expect(TargetNotFoundError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^agent\.click\("Delete account"\): not found on screen 1280×800/);
    expect((error as TargetNotFoundError).screenshotPath?.startsWith(screenshotDir)).toBe(true);
    expect(await clicks()).toEqual([]);
  }, 300_000);

  it("locate on a file of the screenshot equals locate on the page", async () => {
    const agent = await open("toolbar.html");
    const file = join(screenshotDir, "toolbar.png");
    await writePng(file, (await device.screenshot()).image);
    const fromFile = await Agent.forImage(file, { grounder, timeout: 0 });
    for (const instruction of ["Replace", "Quarterly summary"]) {
      const onPage = await agent.locate(instruction);
      const onFile = await fromFile.locate(instruction);
      expect(onFile.point?.image).toEqual(onPage.point?.image);
      expect(onFile.point?.confidence).toBe(onPage.point?.confidence);
    }
    await fromFile.close();
  }, 400_000);

  it("the cache answers a repeated click verified, and misses once the element moved (CSS change)", async () => {
    await device.page.goto(pathToFileURL(join(pages, "form.html")).href, { waitUntil: "load" });
    let calls = 0;
    const counting: Grounder = {
      name: grounder.name,
      locate: (image, instruction, options) => {
        calls++;
        return grounder.locate(image, instruction, options);
      },
    };
    const agent = new Agent(device, { grounder: counting, cache: "read-write", screenshotDir, timeout: 0 });
    const first = await agent.click("Submit");
    expect(first.cache).toMatchObject({ status: "miss", reason: "no-entry" });
    const second = await agent.click("Submit");
    expect(second.cache.status).toBe("hit");
    expect(second.cache.correlation).toBeGreaterThan(0.9);
    expect(second.point?.image).toEqual(first.point?.image);
    expect(calls).toBe(1);
    expect((await clicks()).map((click) => click.id)).toEqual(["submit", "submit"]);

    await device.page.addStyleTag({ content: ".actions { margin-left: 232px; }" });
    const moved = await agent.click("Submit");
    expect(moved.cache).toMatchObject({ status: "miss", reason: "patch-mismatch" });
    expect(calls).toBe(2);
    expect(moved.point!.image.x - first.point!.image.x).toBeCloseTo(80, -1);
    expect(await lastClickedId()).toBe("submit");
  }, 400_000);
});
