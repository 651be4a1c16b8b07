import { describe, expect, it } from "vitest";
import { formatByteCount } from "../../runtime/model-pull/format-bytes.js";
import { createProgressBar } from "./model-progress.js";

describe("formatByteCount", () => {
  it.each([
    [0, "0 B"],
    [1023, "1023 B"],
    [1024, "1.0 KiB"],
    [1536 * 1024, "1.5 MiB"],
    [3 * 1024 ** 3, "3.0 GiB"],
  ])("%d → %s", (bytes, text) => expect(formatByteCount(bytes)).toBe(text));
});

function run(isTty: boolean, events: [string, number, number | undefined, number][]): string {
  let output = "";
  const bar = createProgressBar({ write: (text) => (output += text), isTty, width: 10 });
  for (const [file, receivedBytes, totalBytes, resumedFromBytes] of events) bar.update({ file, receivedBytes, totalBytes, resumedFromBytes });
  bar.finish();
  return output;
}

describe("createProgressBar", () => {
  it("on a terminal redraws one line in place, once per percent, and ends it", () => {
    const output = run(true, [
      ["a.onnx", 0, 1000, 0],
      ["a.onnx", 1, 1000, 0],
      ["a.onnx", 500, 1000, 0],
      ["a.onnx", 1000, 1000, 0],
    ]);
    expect(output).toBe(
      "\r[..........]   0% 0 B / 1000 B a.onnx\x1b[K" + "\r[#####.....]  50% 500 B / 1000 B a.onnx\x1b[K" + "\r[##########] 100% 1000 B / 1000 B a.onnx\x1b[K" + "\n",
    );
  });

  it("in a log prints a line per 25 %, and says where a resumed file restarts", () => {
    const output = run(false, [
      ["b.bin", 400, 1000, 300],
      ["b.bin", 600, 1000, 300],
      ["b.bin", 700, 1000, 300],
      ["b.bin", 1000, 1000, 300],
    ]);
    expect(output).toBe("resuming b.bin from 300 B\nb.bin: 25% (400 B / 1000 B)\nb.bin: 50% (600 B / 1000 B)\nb.bin: 100% (1000 B / 1000 B)\n");
  });

  it("without a known size shows bytes only", () => {
    expect(run(true, [["c", 2048, undefined, 0]])).toBe("\r[..........]    ? 2.0 KiB c\x1b[K\n");
    expect(run(false, [["c", 2048, undefined, 0]])).toBe("");
  });
});
