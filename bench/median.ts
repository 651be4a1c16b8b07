/** The median the benchmark scripts print: the 50th percentile, interpolated for an even count. NaN when empty. */
import { percentile } from "../benchmarks/screenspot/latency.js";

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}
