// The remote grounding protocol end to end over real HTTP: the client encodes a real screenshot as
// PNG, the server (remote-server.ts) decodes it and runs a real grounder. A second, hand-written
// server misbehaves on purpose, to check the client's errors.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRemoteGrounder, remoteLocateRequestSchema, remoteLocateUrl } from "../../src/grounders/remote-grounder.js";
import { createGroundingServer } from "../../benchmarks/screenspot/remote-server.js";
import { ModelLoadError } from "../../src/core/errors.js";
import { decodeImage } from "../../src/image/decode-image.js";
import { createGrounder } from "./fixtures/contrast-grounder.js";

const screenshot = fileURLToPath(new URL("../../../shared/realdev/midscene_eval_fixtures/images/todo.png", import.meta.url));
const local = createGrounder();
let server: Server;
let base = "";
let realServer: Server;
let realBase = "";
const seen: { path: string; maxCrops: number | undefined }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      if (request.url === "/broken") {
        response.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ error: "model still loading" }));
        return;
      }
      if (request.url === "/garbage") {
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ point: [1, 2] }));
        return;
      }
      const body = remoteLocateRequestSchema.parse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      seen.push({ path: request.url ?? "", maxCrops: body.maxCrops });
      const { data, info } = await sharp(Buffer.from(body.image, "base64")).raw().toBuffer({ resolveWithObject: true });
      const result = await local.locate({ width: info.width, height: info.height, data: new Uint8Array(data) }, body.instruction);
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  realServer = createGroundingServer({ grounder: local });
  await new Promise<void>((resolve) => realServer.listen(0, "127.0.0.1", resolve));
  realBase = `http://127.0.0.1:${(realServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => realServer.close(() => resolve()));
});

describe("remote grounder", () => {
  it.each([
    ["http://gpu-box:8080", "http://gpu-box:8080/v1/locate"],
    ["http://gpu-box:8080/", "http://gpu-box:8080/v1/locate"],
    ["https://example.org/ground/point", "https://example.org/ground/point"],
  ])("%s posts to %s", (url, endpoint) => {
    expect(remoteLocateUrl(url)).toBe(endpoint);
  });

  it("gives the same answer as the grounder run locally (the PNG carries the exact pixels)", async () => {
    const image = await decodeImage(screenshot);
    const remote = createRemoteGrounder({ url: base });
    for (const instruction of ["the input box", "delete the second todo", "Clear completed"]) {
      const [there, here] = [await remote.locate(image, instruction, { maxCrops: 12 }), await local.locate(image, instruction)];
      expect({ points: there.points, notFound: there.notFound }).toEqual({ points: here.points, notFound: here.notFound });
      expect(Object.keys(there.timings)).toEqual(expect.arrayContaining(["rank", "encode", "roundTrip"]));
    }
    expect(seen.at(-1)).toEqual({ path: "/v1/locate", maxCrops: 12 });
  });

  it("remote-server.ts serves the same answers, and says what is wrong with a bad request", async () => {
    const image = await decodeImage(screenshot);
    const remote = createRemoteGrounder({ url: realBase });
    const [there, here] = [await remote.locate(image, "Clear completed"), await local.locate(image, "Clear completed")];
    expect({ points: there.points, notFound: there.notFound }).toEqual({ points: here.points, notFound: here.notFound });
    const get = await fetch(`${realBase}/v1/locate`);
    expect(get.status).toBe(405);
    const bad = await fetch(`${realBase}/v1/locate`, { method: "POST", body: JSON.stringify({ instruction: "x" }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain("not a locate request");
    const notImage = await fetch(`${realBase}/v1/locate`, { method: "POST", body: JSON.stringify({ image: "aGVsbG8=", instruction: "x" }) });
    expect(notImage.status).toBe(400);
    expect(((await notImage.json()) as { error: string }).error).toContain("not a readable PNG, JPEG or WebP image");
  });

  it.each([
    ["/broken", "answered 503: model still loading"],
    ["/garbage", "sent an answer outside the protocol"],
  ])("%s → ModelLoadError saying %s", async (path, message) => {
    const image = { width: 2, height: 1, data: new Uint8Array(6) };
    const call = createRemoteGrounder({ url: `${base}${path}` }).locate(image, "anything");
    await expect(call).rejects.toThrow(ModelLoadError);
    await expect(createRemoteGrounder({ url: `${base}${path}` }).locate(image, "anything")).rejects.toThrow(message);
  });
});
