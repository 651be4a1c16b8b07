/**
 * The `model` option: a model package folder loads through the MolmoPoint runtime (here the tiny
 * random-weight golden package, so the answer itself means nothing: it answers not-found on this
 * screen, deterministically); bad values explain themselves.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { decodeImage } from "../../src/image/decode-image.js";
import { Agent } from "../../src/agent/agent.js";
import { resolveGrounder } from "../../src/agent/grounders.js";
import { TargetNotFoundError } from "../../src/core/errors.js";
import { MemoryDevice } from "../../src/testing/memory-device.js";

const tinyPackage = join(import.meta.dirname, "..", "fixtures", "molmopoint-tiny-golden");

describe("the model option", () => {
  it("loads a model package folder once per agent and reports which grounder answered", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gp-model-"));
    const device = new MemoryDevice({ elements: [{ label: "Save", x: 100, y: 50, width: 120, height: 40 }] });
    const agent = new Agent(device, { model: tinyPackage, report: { dir, name: "model" }, screenshotDir: dir, timeout: 0 });
    const error = await agent.locate("Save").catch((caught: unknown) => caught);
    expect(TargetNotFoundError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^agent\.locate\("Save"\): not found on screen 800×600 \(grounder molmopoint-tiny-golden\)/);
    expect((error as Error).message).toMatch(/loaded grounder molmopoint-tiny-golden for model/);
    await agent.locate("Cancel").catch(() => undefined);
    const trace = JSON.parse(readFileSync(join(dir, "model.json"), "utf8")) as { steps: { callLog: string[]; picture: { status: string } }[] };
    expect(trace.steps.map((step) => step.callLog.some((line) => line.includes("loaded grounder")))).toEqual([true, false]);
    expect(trace.steps.every((step) => step.picture.status === "embedded")).toBe(true);
    await agent.close();
  }, 300_000);

  it("an http URL speaks the remote grounding protocol (a real local HTTP service)", async () => {
    const device = new MemoryDevice({ elements: [{ label: "Save", x: 100, y: 50, width: 120, height: 40 }] });
    const behind = device.grounder();
    const requests: { instruction: string; maxPoints: number; width: number }[] = [];
    const server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", async () => {
        const parsed = JSON.parse(body) as { image: string; instruction: string; maxPoints: number };
        if (parsed.instruction === "boom") {
          response.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: "model crashed" }));
          return;
        }
        const image = await decodeImage(Buffer.from(parsed.image, "base64"));
        requests.push({ instruction: parsed.instruction, maxPoints: parsed.maxPoints, width: image.width });
        const answer = await behind.locate(image, parsed.instruction, { maxPoints: parsed.maxPoints });
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const agent = new Agent(device, { model: url });
      const result = await agent.click("Save");
      expect(result.grounder).toMatch(/^remote\(127\.0\.0\.1:\d+\)$/);
      expect(result.point?.image.x).toBeCloseTo(159.5, 0);
      expect(Object.keys(result.timings)).toEqual(expect.arrayContaining(["grounder.encode", "grounder.roundTrip"]));
      expect(requests).toEqual([{ instruction: "Save", maxPoints: 1, width: 800 }]);
      await expect(agent.locate("Nothing here")).rejects.toThrow(/not found on screen 800×600 \(grounder remote/);
      await expect(agent.locate("boom")).rejects.toThrow(/answered 500: model crashed/);
      await expect(new Agent(device, { model: "http://127.0.0.1:9" }).locate("Save")).rejects.toThrow(/cannot be reached/);
    } finally {
      server.close();
    }
  });

  it.each([
    ["", /model must be "default", "ocr", a model package folder or an http\(s\) URL/],
    ["/no/such/folder", /is neither "default", "ocr", an http\(s\) URL, nor an existing model package folder/],
  ])("rejects %j", async (model, message) => {
    await expect(resolveGrounder(model)).rejects.toThrow(message);
  });
});
