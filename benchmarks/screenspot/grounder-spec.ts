/**
 * `--model` → a Grounder. Each worker process resolves the spec itself, so grounders never cross a
 * process boundary.
 *
 * | spec | grounder |
 * |---|---|
 * | `ocr` | the OCR text grounder (`src/grounders/`) |
 * | `default` | the SDK's default (`defaultGrounder()` in src/agent/grounders.ts): the OCR grounder until the embedded model ships |
 * | a folder | a model package (manifest.json + ONNX graphs), run by `src/runtime/` |
 * | `http://…`, `https://…` | a remote grounding service (see `src/grounders/remote-grounder.ts`) |
 * | `module:<file>[#export]` | your own grounder: a module exporting `createGrounder()` (or the named export), returning a Grounder |
 */
import { existsSync, statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { InvalidInputError, ModelLoadError } from "../../src/core/errors.js";
import type { Grounder } from "../../src/core/grounder.js";
import { createRemoteGrounder } from "../../src/grounders/remote-grounder.js";

/** The parsed form of a `--model` value. */
export type GrounderSpec =
  | { readonly kind: "ocr" }
  | { readonly kind: "default" }
  | { readonly kind: "package"; readonly folder: string }
  | { readonly kind: "remote"; readonly url: string }
  | { readonly kind: "module"; readonly file: string; readonly exportName: string };

/** Parses a `--model` value (relative paths against `cwd`). Default model: `ocr`. */
export function parseGrounderSpec(value: string, cwd = process.cwd()): GrounderSpec {
  if (value === "ocr") return { kind: "ocr" };
  if (value === "default") return { kind: "default" };
  if (/^https?:\/\//.test(value)) return { kind: "remote", url: value };
  if (value.startsWith("module:")) {
    const [file = "", exportName = "createGrounder"] = value.slice("module:".length).split("#");
    if (file === "") throw new InvalidInputError("model", `--model module: needs a file, as in module:./my-grounder.ts#createGrounder.`);
    return { kind: "module", file: isAbsolute(file) ? file : resolve(cwd, file), exportName };
  }
  const folder = isAbsolute(value) ? value : resolve(cwd, value);
  if (existsSync(folder) && statSync(folder).isDirectory()) return { kind: "package", folder };
  throw new InvalidInputError(
    "model",
    `--model "${value}" is none of: ocr, default, a model package folder, an http(s) URL, module:<file>. (No folder exists at ${folder}.)`,
  );
}

/** A short name for reports and the default output folder, e.g. `ocr`, `remote-localhost-8080`. */
export function grounderSpecSlug(spec: GrounderSpec): string {
  const slug = (text: string) => text.replace(/^https?:\/\//, "").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");
  switch (spec.kind) {
    case "ocr":
    case "default":
      return spec.kind;
    case "package":
      return `package-${slug(spec.folder.split("/").filter(Boolean).pop() ?? "model")}`;
    case "remote":
      return `remote-${slug(spec.url)}`;
    case "module":
      return `module-${slug(spec.file.split("/").pop() ?? "grounder")}`;
  }
}

function isGrounder(value: unknown): value is Grounder {
  return typeof value === "object" && value !== null && typeof (value as Grounder).locate === "function";
}

/** How a worker should run a local model. */
export interface GrounderRuntimeOptions {
  /** onnxruntime threads per operator: cores ÷ workers, so that a pool does not oversubscribe. Default: all cores. */
  threads?: number | undefined;
  /** `"cpu"` (default) or `"cuda"`. */
  device?: "cpu" | "cuda" | undefined;
}

/** Creates the grounder a spec names. Throws ModelLoadError with what to do when it cannot. */
export async function createGrounderFromSpec(spec: GrounderSpec, runtime: GrounderRuntimeOptions = {}): Promise<Grounder> {
  const session = {
    ...(runtime.threads === undefined ? {} : { intraOpThreads: runtime.threads }),
    ...(runtime.device === undefined ? {} : { device: runtime.device }),
  };
  switch (spec.kind) {
    case "remote":
      return createRemoteGrounder({ url: spec.url });
    case "module": {
      const exports = (await import(pathToFileURL(spec.file).href)) as Record<string, unknown>;
      const factory = exports[spec.exportName];
      const grounder: unknown = typeof factory === "function" ? await (factory as (options: unknown) => unknown)(session) : factory;
      if (!isGrounder(grounder)) {
        throw new ModelLoadError(`${spec.file} export "${spec.exportName}" is not a Grounder or a function returning one.`);
      }
      return grounder;
    }
    case "ocr": {
      const { createOcrGrounder } = await import("../../src/grounders/ocr-grounder.js");
      return createOcrGrounder(runtime.threads === undefined ? {} : { intraOpNumThreads: runtime.threads });
    }
    case "package": {
      // Loaded on demand: onnxruntime-node stays out of workers that run another grounder.
      const { createMolmoPointGrounder } = await import("../../src/runtime/molmopoint/molmopoint-grounder.js");
      return createMolmoPointGrounder(spec.folder, session);
    }
    case "default": {
      // The SDK's own default (src/agent/grounders.ts): the OCR grounder until the embedded model ships.
      const { defaultGrounder } = await import("../../src/agent/grounders.js");
      return defaultGrounder();
    }
  }
}
