import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Agent } from "../../src/agent/agent.js";
import { ActionHadNoEffectError } from "../../src/agent/screen-change.js";
import { AbortError, DeviceError, InvalidInputError, TargetNotFoundError, TimeoutError } from "../../src/core/errors.js";
import { ImageDevice } from "../../src/actions/image-device.js";
import { createScriptedGrounder } from "../../src/testing/scripted-grounder.js";
import { MemoryDevice } from "../../src/testing/memory-device.js";

function scene(options: { scaleFactor?: number } = {}) {
  const device = new MemoryDevice({
    width: 800,
    height: 600,
    ...options,
    elements: [
      { label: "Save", x: 100, y: 50, width: 120, height: 40 },
      { label: "Cancel", x: 260, y: 50, width: 120, height: 40 },
      { label: "Name field", x: 100, y: 200, width: 300, height: 30 },
    ],
  });
  const screenshotDir = mkdtempSync(join(tmpdir(), "gp-agent-"));
  const agent = new Agent(device, { grounder: device.grounder(), screenshotDir });
  return { device, agent, screenshotDir };
}

describe("Agent verbs on an in-memory device", () => {
  it("clicks the centre of the located element and answers the point in every space", async () => {
    const { device, agent } = scene({ scaleFactor: 2 });
    const result = await agent.click("Save");
    expect(device.actions).toHaveLength(1);
    const action = device.actions[0]!;
    expect(action.kind).toBe("click");
    expect(action.kind === "click" && action.element).toBe("Save");
    expect(result.point?.image.x).toBeCloseTo(159.5, 0);
    expect(result.point?.image.y).toBeCloseTo(69.5, 0);
    // scale factor 2: logical px are half the image px.
    expect(result.point?.logical.x).toBeCloseTo(result.point!.image.x / 2, 5);
    expect(result.point?.device.x).toBeCloseTo(result.point!.image.x, 5);
    expect(result.screenSize).toEqual({ width: 800, height: 600 });
    expect(result.call).toBe('agent.click("Save")');
    expect(result.grounder).toBe("memory-labels");
    expect(result.cache.status).toBe("off");
    expect(result.dryRun).toBe(false);
    expect(Object.keys(result.timings)).toEqual(expect.arrayContaining(["screenshot", "locate", "action", "total"]));
  });

  it("throws TargetNotFoundError with the call, the screen size and a saved screenshot; never clicks", async () => {
    const { device, agent, screenshotDir } = scene();
    const error = await agent.click("Help button").catch((caught: unknown) => caught);
    expect(TargetNotFoundError.isInstance(error)).toBe(true);
    const notFound = error as TargetNotFoundError;
    expect(notFound.message).toMatch(/^agent\.click\("Help button"\): not found on screen 800×600/);
    expect(notFound.message).toContain("Call log:");
    expect(notFound.screenSize).toEqual({ width: 800, height: 600 });
    expect(notFound.screenshotPath?.startsWith(screenshotDir)).toBe(true);
    const png = readFileSync(notFound.screenshotPath!);
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(device.actions).toHaveLength(0);
  });

  it("takes explicit coordinates in image px without a grounder", async () => {
    const device = new MemoryDevice({ scaleFactor: 2, elements: [{ label: "Save", x: 100, y: 50, width: 120, height: 40 }] });
    const grounder = createScriptedGrounder();
    const agent = new Agent(device, { grounder });
    const result = await agent.click({ x: 150, y: 60 });
    expect(grounder.calls).toHaveLength(0);
    expect(result.grounder).toBe("coordinates");
    expect(device.actions[0]).toMatchObject({ kind: "click", element: "Save", point: { x: 75, y: 30 } });
    await expect(agent.click({ x: 5000, y: 10 })).rejects.toThrow(/outside the 800×600 screenshot/);
  });

  it("dryRun locates and reports but does not touch the screen", async () => {
    const { device, agent } = scene();
    const result = await agent.click("Save", { dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(result.point).toBeDefined();
    expect(device.actions).toHaveLength(0);
  });

  it.each([
    // verb, its result's grounder, point (image px; undefined when nothing is located), the stages timed
    ["press", "none", undefined, ["screenshot", "action", "total"]],
    ["scroll without a target", "coordinates", { x: 400, y: 300 }, ["screenshot", "action", "total"]],
    ["drag", "memory-labels", { x: 159.5, y: 69.5 }, ["screenshot", "locate", "action", "total"]],
    ["dry-run press", "none", undefined, ["screenshot", "action", "total"]],
  ] as const)("%s answers grounder %s, point %o, cache off and timings %o", async (verb, grounder, point, stages) => {
    const { agent } = scene();
    const result =
      verb === "press" ? await agent.press("Enter")
      : verb === "dry-run press" ? await agent.press("Enter", { dryRun: true })
      : verb === "drag" ? await agent.drag("Save", "Cancel")
      : await agent.scroll();
    expect(result.grounder).toBe(grounder);
    expect(result.cache).toEqual({ status: "off" });
    expect(result.dryRun).toBe(verb === "dry-run press");
    if (point === undefined) expect(result.point).toBeUndefined();
    else expect(result.point?.image).toEqual({ x: expect.closeTo(point.x, 0), y: expect.closeTo(point.y, 0) });
    expect(Object.keys(result.timings)).toEqual(expect.arrayContaining([...stages]));
    expect(result.timings.total).toBeGreaterThanOrEqual(result.timings.screenshot!);
  });

  it("double-clicks, right-clicks, hovers, drags, scrolls and presses", async () => {
    const { device, agent } = scene();
    await agent.doubleClick("Save");
    await agent.rightClick("Cancel");
    await agent.hover("Save");
    await agent.drag("Save", "Cancel");
    await agent.scroll("Name field", { deltaY: 120 });
    await agent.scroll();
    await agent.press("Control+S");
    expect(device.actions.map((action) => action.kind)).toEqual(["click", "click", "move", "drag", "scroll", "scroll", "press"]);
    expect(device.actions[0]).toMatchObject({ clickCount: 2, element: "Save" });
    expect(device.actions[1]).toMatchObject({ button: "right", element: "Cancel" });
    expect(device.actions[2]).toMatchObject({ element: "Save" });
    const drag = device.actions[3]!;
    expect(drag.kind === "drag" && [drag.from.x, drag.to.x]).toEqual([expect.closeTo(159.5, 0), expect.closeTo(319.5, 0)]);
    expect(device.actions[4]).toMatchObject({ deltaY: 120, deltaX: 0 });
    expect(device.actions[5]).toMatchObject({ deltaY: 300, point: { x: 400, y: 300 } });
    expect(device.actions[6]).toMatchObject({ keys: "Control+S" });
  });

  it("type clicks the field, optionally clears it, then types", async () => {
    const { device, agent } = scene();
    const result = await agent.type("Name field", "Ada Lovelace", { clear: true });
    expect(result.call).toBe('agent.type("Name field", "Ada Lovelace")');
    const secret = await agent.type("Name field", "hunter2", { secret: true });
    expect(secret.call).toBe('agent.type("Name field", "***")');
    expect(device.actions.at(-1)).toMatchObject({ kind: "type", text: "hunter2" });
    device.actions.splice(4);
    expect(device.actions).toMatchObject([
      { kind: "click", element: "Name field" },
      { kind: "press", keys: "Control+A" },
      { kind: "press", keys: "Delete" },
      { kind: "type", text: "Ada Lovelace" },
    ]);
  });

  it("locateAll answers several points; locate and assertVisible do not act", async () => {
    const device = new MemoryDevice();
    const grounder = createScriptedGrounder({
      "every checkbox": [
        { x: 10, y: 10, confidence: 0.9 },
        { x: 10, y: 40, confidence: 0.8 },
        { x: 10, y: 70, confidence: 0.7 },
      ],
      Title: { x: 400, y: 20 },
    });
    const agent = new Agent(device, { grounder });
    const all = await agent.locateAll("every checkbox");
    expect(all.points.map((point) => point.image.y)).toEqual([10, 40, 70]);
    expect(grounder.calls[0]?.options.maxPoints).toBe(20);
    const limited = await agent.locateAll("every checkbox", { maxPoints: 2 });
    expect(limited.points).toHaveLength(2);
    expect((await agent.locate("Title")).point?.image).toEqual({ x: 400, y: 20 });
    await expect(agent.assertVisible("Title")).resolves.toMatchObject({ call: 'agent.assertVisible("Title")' });
    await expect(agent.assertVisible("Logout")).rejects.toThrow(/^agent\.assertVisible\("Logout"\): not found/);
    expect(device.actions).toHaveLength(0);
  });

  it("waitFor polls until the target appears, and times out with TimeoutError otherwise", async () => {
    const { device, agent, screenshotDir } = scene();
    device.elements.push({ label: "Done", x: 500, y: 400, width: 80, height: 30, hidden: true });
    setTimeout(() => {
      device.elements.at(-1)!.hidden = false;
    }, 150);
    const result = await agent.waitFor("Done", { intervalMs: 50, timeout: 5000 });
    expect(result.point?.image.x).toBeCloseTo(539.5, 0);
    expect(device.screenshots).toBeGreaterThan(1);
    // The polls that missed saved no not-found screenshots (one per poll would fill the folder).
    expect(readdirSync(screenshotDir)).toEqual([]);
    const error = await agent.waitFor("Never", { intervalMs: 20, timeout: 200 }).catch((caught: unknown) => caught);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^agent\.waitFor\("Never"\): timed out after 200 ms/);
  });

  it("enforces timeout and signal even on a grounder that never answers", async () => {
    const device = new MemoryDevice();
    const agent = new Agent(device, { grounder: { name: "stuck", locate: () => new Promise(() => undefined) } });
    const timedOut = await agent.click("Save", { timeout: 50 }).catch((caught: unknown) => caught);
    expect(TimeoutError.isInstance(timedOut)).toBe(true);
    expect((timedOut as TimeoutError).timeoutMs).toBe(50);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const aborted = await agent.click("Save", { signal: controller.signal, timeout: 0 }).catch((caught: unknown) => caught);
    expect(AbortError.isInstance(aborted)).toBe(true);
    expect((aborted as Error).message).toMatch(/^agent\.click\("Save"\): /);
    expect(device.actions).toHaveLength(0);
  });

  it("rejects bad input with InvalidInputError naming the call", async () => {
    const { agent } = scene();
    await expect(agent.click("  ")).rejects.toThrow(/^agent\.click\("  "\): target is an empty instruction/);
    const error = await agent.click({ x: Number.NaN, y: 1 }).catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    await expect(agent.locate("Save", { timeout: -1 })).rejects.toThrow(/timeout must be a number/);
    await expect(agent.press("")).rejects.toThrow(/^agent\.press\(""\): keys must name a key/);
    await expect(agent.click("Save", { zoomRefine: { cropSize: 10 } })).rejects.toThrow(/zoomRefine\.cropSize/);
    await expect(agent.locate("Save", { maxCrops: 0 })).rejects.toThrow(/^agent\.locate\("Save"\): maxCrops must be an integer from 1 to 128/);
  });

  it("after-action check reports whether the screen changed, and can throw when it did not", async () => {
    const device = new MemoryDevice({
      elements: [
        { label: "Toggle", x: 100, y: 100, width: 100, height: 40, color: [40, 160, 60] },
        { label: "Disabled", x: 300, y: 100, width: 100, height: 40, color: [160, 160, 160] },
      ],
      onClick: (element) => {
        if (element?.label === "Toggle") element.color = element.color?.[0] === 40 ? [200, 40, 40] : [40, 160, 60];
      },
    });
    const agent = new Agent(device, { grounder: device.grounder(), checkChange: { settleMs: 0 } });
    const changed = await agent.click("Toggle");
    expect(changed.screenChange?.changed).toBe(true);
    // The fill changed colour; the 2-px dark border did not.
    expect(changed.screenChange?.changedBox).toEqual({ x1: 102, y1: 102, x2: 197, y2: 137 });
    const unchanged = await agent.click("Disabled");
    expect(unchanged.screenChange).toMatchObject({ changed: false, changedPixels: 0, changedFraction: 0 });
    const error = await agent.click("Disabled", { checkChange: { settleMs: 0, throwIfUnchanged: true } }).catch((caught: unknown) => caught);
    expect(ActionHadNoEffectError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^agent\.click\("Disabled"\): the screen did not change/);
  });

  it("after-action check: a caret-sized change (2 × 18 px) is not a change, a checkbox-sized one is", async () => {
    const device = new MemoryDevice({
      elements: [
        { label: "Field", x: 100, y: 100, width: 300, height: 30, color: [250, 250, 250] },
        { label: "caret", x: 110, y: 106, width: 2, height: 18, color: [0, 0, 0], hidden: true },
        { label: "Box", x: 100, y: 200, width: 14, height: 14, color: [240, 240, 240] },
        { label: "tick", x: 102, y: 202, width: 10, height: 10, color: [20, 90, 200], hidden: true },
      ],
      onClick: (element, scene) => {
        if (element?.label === "Field") scene.elements[1]!.hidden = false;
        if (element?.label === "Box") scene.elements[3]!.hidden = false;
      },
    });
    const agent = new Agent(device, { grounder: device.grounder(), checkChange: { settleMs: 0 } });
    const field = await agent.click("Field");
    expect(field.screenChange).toMatchObject({ changed: false, changedPixels: 36 });
    const box = await agent.click("Box");
    expect(box.screenChange?.changed).toBe(true);
    expect(box.screenChange?.changedPixels).toBeGreaterThanOrEqual(50);
  });

  it("on an image device, locate works, dryRun works, and a real click is a prefixed DeviceError", async () => {
    const image = new MemoryDevice({ elements: [{ label: "Save", x: 100, y: 50, width: 120, height: 40 }] }).render();
    const agent = new Agent(ImageDevice.fromImage(image), { grounder: createScriptedGrounder({ Save: { x: 160, y: 70 } }) });
    expect((await agent.locate("Save")).point?.image).toEqual({ x: 160, y: 70 });
    expect((await agent.click("Save", { dryRun: true })).dryRun).toBe(true);
    const error = await agent.click("Save").catch((caught: unknown) => caught);
    expect(DeviceError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^agent\.click\("Save"\): /);
  });

  it("close() closes the device only when the agent owns it", async () => {
    const device = new MemoryDevice();
    await new Agent(device).close();
    expect(device.closeCalls).toBe(0);
    const owner = new Agent(device, {}, { ownsDevice: true });
    await owner.close();
    await owner.close();
    expect(device.closeCalls).toBe(1);
    await expect(owner.locate("x")).rejects.toThrow(/the agent was closed/);
  });

  it("writes an HTML report and a JSON trace with every step, errors included", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gp-report-"));
    const device = new MemoryDevice({ elements: [{ label: "Save", x: 100, y: 50, width: 120, height: 40 }] });
    const agent = new Agent(device, { grounder: device.grounder(), report: { dir, name: "run" }, screenshotDir: dir });
    await agent.click("Save");
    await agent.click("Missing").catch(() => undefined);
    await agent.locate("Save", { report: false });
    expect(agent.report).toEqual({ html: join(dir, "run.html"), json: join(dir, "run.json") });
    const trace = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")) as { steps: { call: string; ok: boolean; picture: { status: string }; error?: { code: string } }[] };
    expect(trace.steps.map((step) => [step.call, step.ok])).toEqual([
      ['agent.click("Save")', true],
      ['agent.click("Missing")', false],
    ]);
    expect(trace.steps[1]?.error?.code).toBe("target_not_found");
    expect(trace.steps.every((step) => step.picture.status === "embedded")).toBe(true);
    const html = readFileSync(join(dir, "run.html"), "utf8");
    expect(html).toContain("agent.click(&#34;Save&#34;)");
    expect(html.match(/<img /g)).toHaveLength(2);
    expect(html).toContain("TargetNotFoundError");
  });

  it("bounds the report: past maxBytes, steps keep their text but not their picture", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gp-report-"));
    const elements = () => [{ label: "Save", x: 100, y: 50, width: 120, height: 40 }];
    const probe = new MemoryDevice({ elements: elements() });
    await new Agent(probe, { grounder: probe.grounder(), report: { dir, name: "probe" } }).locate("Save");
    const onePicture = (JSON.parse(readFileSync(join(dir, "probe.json"), "utf8")) as { steps: { picture: { bytes: number } }[] }).steps[0]!.picture.bytes;
    const device = new MemoryDevice({ elements: elements() });
    const maxBytes = Math.floor(onePicture * 2.5);
    const agent = new Agent(device, { grounder: device.grounder(), report: { dir, name: "bounded", maxBytes } });
    for (let index = 0; index < 5; index++) await agent.locate("Save");
    const trace = JSON.parse(readFileSync(join(dir, "bounded.json"), "utf8")) as { steps: { picture: { status: string; bytes?: number } }[] };
    expect(trace.steps.map((step) => step.picture.status)).toEqual(["embedded", "embedded", "omitted", "omitted", "omitted"]);
    const embedded = trace.steps.reduce((sum, step) => sum + (step.picture.bytes ?? 0), 0);
    expect(embedded).toBeLessThanOrEqual(maxBytes);
    const html = readFileSync(join(dir, "bounded.html"), "utf8");
    expect(html.match(/<img /g)).toHaveLength(2);
    expect(html).toContain("Screenshot left out: the report reached its size bound.");
  });
});
