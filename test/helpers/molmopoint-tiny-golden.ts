/**
 * The molmopoint-tiny golden (`../shared/golden/molmopoint-tiny/`): its weights come from a closed-form
 * rule (README §3), recomputed here and checked against the sha256 listed in `parameters.tsv`.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { goldenRoot } from "./read-npy.js";

export const tinyRoot = `${goldenRoot}molmopoint-tiny/`;

interface ParameterRow {
  readonly shape: number[];
  readonly kind: string;
  readonly sha256: string;
}

function parameterTable(): Map<string, ParameterRow> {
  const lines = readFileSync(`${tinyRoot}parameters.tsv`, "utf8").trim().split("\n").slice(1);
  return new Map(
    lines.map((line) => {
      const [name, shape, kind, , sha256] = line.split("\t");
      return [name!, { shape: shape!.split("x").map(Number), kind: kind!, sha256: sha256! }];
    }),
  );
}

/**
 * Parameter `name` by the README §3 rule: k = byte sum mod 997, h = (i²·7919 + i·104729 + k·15485863) mod
 * (2³¹ − 1), base = (h mod 65536 − 32768) / 32768, value = 1 + base/8 for norm gains, else base/8. Throws when
 * the result does not hash to the listed sha256.
 */
export function tinyParameter(name: string): { data: Float32Array; shape: number[] } {
  const row = parameterTable().get(name);
  if (row === undefined) throw new Error(`molmopoint-tiny: no parameter ${name}`);
  const count = row.shape.reduce((product, dimension) => product * dimension, 1);
  const k = Array.from(Buffer.from(name, "utf8")).reduce((sum, byte) => sum + byte, 0) % 997;
  const data = new Float32Array(count);
  for (let index = 0; index < count; index++) {
    const h = (((index * index * 7919) % 2147483647) + index * 104729 + k * 15485863) % 2147483647;
    const base = ((h % 65536) - 32768) / 32768;
    data[index] = row.kind === "norm_gain" ? 1 + base / 8 : base / 8;
  }
  const digest = createHash("sha256").update(new Uint8Array(data.buffer)).digest("hex");
  if (digest !== row.sha256) throw new Error(`molmopoint-tiny: ${name} does not match parameters.tsv (${digest})`);
  return { data, shape: row.shape };
}
