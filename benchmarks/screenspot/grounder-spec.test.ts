import { describe, expect, it } from "vitest";
import { grounderSpecSlug, parseGrounderSpec } from "./grounder-spec.js";

describe("parseGrounderSpec", () => {
  it.each([
    ["ocr", { kind: "ocr" }, "ocr"],
    ["default", { kind: "default" }, "default"],
    ["http://gpu-box:8080", { kind: "remote", url: "http://gpu-box:8080" }, "remote-gpu-box-8080"],
    ["https://example.org/v1/locate", { kind: "remote", url: "https://example.org/v1/locate" }, "remote-example.org-v1-locate"],
    ["module:./mine.ts", { kind: "module", file: "/work/x/mine.ts", exportName: "createGrounder" }, "module-mine.ts"],
    ["module:/abs/g.ts#makeIt", { kind: "module", file: "/abs/g.ts", exportName: "makeIt" }, "module-g.ts"],
    ["/tmp", { kind: "package", folder: "/tmp" }, "package-tmp"],
  ])("%s", (value, spec, slug) => {
    const parsed = parseGrounderSpec(value, "/work/x");
    expect(parsed).toEqual(spec);
    expect(grounderSpecSlug(parsed)).toBe(slug);
  });

  it.each([
    ["./no-such-folder", '--model "./no-such-folder" is none of: ocr, default, a model package folder, an http(s) URL, module:<file>. (No folder exists at /work/x/no-such-folder.)'],
    ["module:", "--model module: needs a file"],
  ])("rejects %s", (value, message) => {
    expect(() => parseGrounderSpec(value, "/work/x")).toThrow(message);
  });
});
