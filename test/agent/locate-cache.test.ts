import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Agent } from "../../src/agent/agent.js";
import { LocateCache } from "../../src/agent/locate-cache.js";
import { MemoryDevice } from "../../src/testing/memory-device.js";

function screen() {
  return new MemoryDevice({
    width: 1024,
    height: 768,
    elements: [
      { label: "Header", x: 0, y: 0, width: 1024, height: 60, color: [30, 40, 60] },
      { label: "Save", x: 100, y: 120, width: 120, height: 40 },
      { label: "Cancel", x: 260, y: 120, width: 120, height: 40 },
    ],
  });
}

describe("the verified locate cache", () => {
  it("answers a second identical locate from the cache, verified by the patch, without the grounder", async () => {
    const device = screen();
    const grounder = device.grounder();
    const agent = new Agent(device, { grounder, cache: "read-write" });
    const first = await agent.click("Save");
    expect(first.cache).toEqual({ status: "miss", reason: "no-entry" });
    expect(grounder.calls).toBe(1);
    const second = await agent.click("Save");
    expect(grounder.calls).toBe(1);
    expect(second.cache.status).toBe("hit");
    expect(second.cache.correlation).toBeGreaterThan(0.99);
    expect(second.point?.image).toEqual(first.point?.image);
    expect(second.timings.locate).toBeUndefined();
    expect(second.timings.cache).toBeGreaterThanOrEqual(0);
    expect(device.actions.filter((action) => action.kind === "click" && action.element === "Save")).toHaveLength(2);
  });

  it("misses after the element moved (patch mismatch), runs the grounder, and follows the element", async () => {
    const device = screen();
    const grounder = device.grounder();
    const agent = new Agent(device, { grounder, cache: "read-write" });
    await agent.click("Save");
    const save = device.element("Save")!;
    save.x += 40; // a small move: same kind of screen, so the entry is tried and must be rejected
    const moved = await agent.click("Save");
    expect(moved.cache.status).toBe("miss");
    expect(moved.cache.reason).toBe("patch-mismatch");
    expect(moved.cache.correlation).toBeLessThan(0.9);
    expect(grounder.calls).toBe(2);
    expect(device.actions.at(-1)).toMatchObject({ kind: "click", element: "Save" });
    // The entry was replaced: the next call hits at the new place.
    const again = await agent.click("Save");
    expect(again.cache.status).toBe("hit");
    expect(again.point?.image.x).toBeCloseTo(moved.point!.image.x, 5);
    expect(grounder.calls).toBe(2);
  });

  it("keeps entries apart per instruction and screen size, and skips calls with cache: false", async () => {
    const device = screen();
    const grounder = device.grounder();
    const agent = new Agent(device, { grounder, cache: "read-write" });
    await agent.locate("Save");
    await agent.locate("Cancel");
    expect(grounder.calls).toBe(2);
    expect((await agent.locate("cancel")).cache.status).toBe("hit");
    const uncached = await agent.locate("Save", { cache: false });
    expect(uncached.cache.status).toBe("off");
    expect(grounder.calls).toBe(3);
    const other = new MemoryDevice({ width: 800, height: 600, elements: [{ label: "Save", x: 100, y: 120, width: 120, height: 40 }] });
    const otherGrounder = other.grounder();
    const otherAgent = new Agent(other, { grounder: otherGrounder, cache: agent.locateCache! });
    expect((await otherAgent.locate("Save")).cache).toMatchObject({ status: "miss", reason: "no-entry" });
  });

  it("persists to a JSON file that a later run reads; read-only never writes", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "gp-cache-")), "nested", "cache.json");
    const device = screen();
    await new Agent(device, { grounder: device.grounder(), cache: { file } }).locate("Save");
    const stored = JSON.parse(readFileSync(file, "utf8")) as { version: number; entries: { instruction: string; patch: { width: number } }[] };
    expect(stored.version).toBe(1);
    expect(stored.entries.map((entry) => entry.instruction)).toEqual(["Save"]);
    expect(stored.entries[0]?.patch.width).toBe(40);

    const later = screen();
    const laterGrounder = later.grounder();
    const readOnly = new Agent(later, { grounder: laterGrounder, cache: { file, strategy: "read-only" } });
    expect((await readOnly.locate("Save")).cache.status).toBe("hit");
    expect(laterGrounder.calls).toBe(0);
    await readOnly.locate("Cancel");
    expect(laterGrounder.calls).toBe(1);
    expect((await readOnly.locate("Cancel")).cache.status).toBe("miss");
    expect((JSON.parse(readFileSync(file, "utf8")) as { entries: unknown[] }).entries).toHaveLength(1);
  });

  it("off means no cache; a corrupt file is a clear error", async () => {
    const device = screen();
    const agent = new Agent(device, { grounder: device.grounder(), cache: "off" });
    expect(agent.locateCache).toBeUndefined();
    expect((await agent.locate("Save")).cache.status).toBe("off");
    const file = join(mkdtempSync(join(tmpdir(), "gp-cache-")), "bad.json");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(file, "{not json");
    expect(() => new LocateCache({ file })).toThrow(/not valid JSON; delete it/);
    expect(() => new LocateCache({ strategy: "sometimes" as never })).toThrow(/cache strategy must be one of/);
  });

  it("is not used by locateAll (one patch cannot verify many points)", async () => {
    const device = screen();
    const grounder = device.grounder();
    const agent = new Agent(device, { grounder, cache: "read-write" });
    await agent.locateAll("Save");
    await agent.locateAll("Save");
    expect(grounder.calls).toBe(2);
    expect(agent.locateCache?.size).toBe(0);
  });
});
