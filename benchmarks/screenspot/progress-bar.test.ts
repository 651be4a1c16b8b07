import { describe, expect, it } from "vitest";
import { formatDuration, ProgressBar } from "./progress-bar.js";

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [42.4, "42s"],
    [185, "3m05s"],
    [3720, "1h02m"],
    [Number.NaN, "?"],
  ])("%f s → %s", (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});

describe("ProgressBar", () => {
  it("counts resumed items as done and estimates the rest from this session's pace", () => {
    let now = 0;
    const lines: string[] = [];
    const bar = new ProgressBar({ total: 10, resumed: 4, write: (text) => lines.push(text), now: () => now });
    expect(bar.line()).toBe("[##########..............] 4/10 40% ETA ?");
    now = 6000;
    bar.tick(true);
    now = 8000;
    bar.tick(false);
    // 2 items in 8 s → 4 s/item, 4 left → 16 s.
    expect(bar.line()).toBe("[##############..........] 6/10 60% 4.00s/item ETA 16s acc 50.0%");
    expect(lines).toEqual([
      "[############............] 5/10 50% 6.00s/item ETA 30s acc 100.0%\n",
      "[##############..........] 6/10 60% 4.00s/item ETA 16s acc 50.0%\n",
    ]);
    bar.finish();
    expect(lines).toHaveLength(2);
  });

  it("redraws one line on a terminal", () => {
    const written: string[] = [];
    const bar = new ProgressBar({ total: 2, resumed: 0, write: (text) => written.push(text), interactive: true, now: () => 1000 });
    bar.tick(true);
    expect(written[0]?.startsWith("\r[")).toBe(true);
    expect(written[0]?.endsWith("\x1b[K")).toBe(true);
  });
});
