import { readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { AbortError, ModelLoadError } from "../../core/errors.js";
import { MODEL_PACKAGE_FORMAT, MODEL_PACKAGE_FORMAT_VERSION, modelManifestSchema, type ModelManifest } from "./model-manifest.js";
import { sha256File } from "./sha256-file.js";

/** The manifest's own file name inside a package folder. */
export const MANIFEST_FILE = "manifest.json";

/** A package folder whose manifest was validated (and whose files were checked, see {@link loadModelPackage}). */
export interface ModelPackage {
  /** Absolute path of the package folder. */
  readonly directory: string;
  readonly manifest: ModelManifest;
  /** Absolute path of a package-relative file. */
  resolve(file: string): string;
}

/** The check of one file, as `groundpoint model verify` prints it. */
export interface FileCheck {
  /** Package-relative path. */
  readonly file: string;
  /** `"ok"`, or what is wrong. */
  readonly status: "ok" | "missing" | "size-mismatch" | "sha256-mismatch" | "unreadable";
  /** Human-readable detail (what was expected and found, what to do). */
  readonly detail: string;
}

/** What {@link verifyModelPackage} found. */
export interface PackageVerification {
  /** True when the manifest is valid and every file is present with its listed size and SHA-256. */
  readonly ok: boolean;
  /** The manifest, when it could be read and validated. */
  readonly manifest: ModelManifest | undefined;
  /** Why the manifest was rejected, when it was (the file checks are then empty). */
  readonly manifestError: ModelLoadError | undefined;
  /** One entry per file listed in the manifest, in manifest order. */
  readonly files: readonly FileCheck[];
}

/** How thoroughly {@link loadModelPackage} checks the files. */
export type PackageCheck = "sha256" | "size";

/** Options of {@link loadModelPackage}. */
export interface LoadModelPackageOptions {
  /**
   * `"sha256"` (default) hashes every file (streamed; about 1 s per GB on one core);
   * `"size"` only checks presence and byte counts, for large packages verified once with
   * `groundpoint model verify`.
   */
  readonly check?: PackageCheck;
  readonly signal?: AbortSignal;
}

/**
 * Reads and validates `manifest.json` of a package folder: JSON syntax, `format` and
 * `formatVersion` (checked first, so another version gets its own message), the schema, and the
 * cross-references (every graph, weight and tokenizer file is listed in `files`; vocabulary rows,
 * hidden size and the first point id agree).
 *
 * @throws ModelLoadError with `file: "manifest.json"`.
 */
export async function readModelManifest(directory: string): Promise<ModelManifest> {
  const path = join(directory, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ModelLoadError(`${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}). Is ${directory} a model package folder? Pull one with \`groundpoint model pull <url>\`.`, {
      file: MANIFEST_FILE,
      cause: error,
    });
  }
  return parseModelManifest(text, path);
}

/**
 * Validates the text of a `manifest.json` (see {@link readModelManifest}); `source` names it in
 * messages (a path or a URL).
 *
 * @throws ModelLoadError with `file: "manifest.json"`.
 */
export function parseModelManifest(text: string, source: string): ModelManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ModelLoadError(`${source} is not valid JSON (${(error as Error).message}); the package is corrupt: pull it again.`, { file: MANIFEST_FILE, cause: error });
  }
  const header = typeof json === "object" && json !== null ? (json as Record<string, unknown>) : {};
  if (header.format !== MODEL_PACKAGE_FORMAT) {
    throw new ModelLoadError(`${source}: "format" is ${JSON.stringify(header.format)}, expected "${MODEL_PACKAGE_FORMAT}"; this is not a groundpoint model package.`, { file: MANIFEST_FILE });
  }
  if (header.formatVersion !== MODEL_PACKAGE_FORMAT_VERSION) {
    throw new ModelLoadError(
      `${source}: formatVersion ${JSON.stringify(header.formatVersion)} is not supported; this groundpoint reads formatVersion ${MODEL_PACKAGE_FORMAT_VERSION}. Use a groundpoint release that reads it, or re-export the package with a matching tools/molmopoint.`,
      { file: MANIFEST_FILE },
    );
  }
  const parsed = modelManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new ModelLoadError(`${source} does not match the manifest schema: ${issues.join("; ")}. Re-export or pull the package again.`, { file: MANIFEST_FILE });
  }
  checkCrossReferences(parsed.data, source);
  return parsed.data;
}

function checkCrossReferences(manifest: ModelManifest, path: string): void {
  const listed = new Set(manifest.files.map((file) => file.path));
  const referenced = [
    manifest.graphs.vision.path,
    manifest.graphs.decoder.path,
    manifest.weights.embeddings.path,
    manifest.weights.pointHead.path,
    manifest.tokenizer.path,
    ...(manifest.tokenizer.configPath === undefined ? [] : [manifest.tokenizer.configPath]),
  ];
  const problems: string[] = [];
  for (const file of referenced) if (!listed.has(file)) problems.push(`${file} is used but not listed in "files"`);
  if (listed.size !== manifest.files.length) problems.push(`"files" lists a path twice`);
  const { decoder } = manifest.architecture;
  const [rows, hidden] = manifest.weights.embeddings.shape;
  if (rows !== decoder.vocabRows || hidden !== decoder.hidden) problems.push(`weights.embeddings.shape [${rows}, ${hidden}] is not [vocabRows ${decoder.vocabRows}, hidden ${decoder.hidden}]`);
  if (manifest.tokens.pointBase !== decoder.vocabRows) problems.push(`tokens.pointBase ${manifest.tokens.pointBase} is not decoder.vocabRows ${decoder.vocabRows}`);
  if (manifest.architecture.pointHead.ropeInvFreq.length * 2 !== manifest.architecture.pointHead.dim) problems.push(`pointHead.ropeInvFreq has ${manifest.architecture.pointHead.ropeInvFreq.length} values, expected dim/2`);
  if (problems.length > 0) throw new ModelLoadError(`${path} is inconsistent: ${problems.join("; ")}.`, { file: MANIFEST_FILE });
}

/**
 * Checks one listed file of a package folder: present, a regular file, the manifest's byte count,
 * and (with `check: "sha256"`) its SHA-256. Never throws for a bad file; the status says what is wrong.
 */
export async function checkPackageFile(directory: string, file: ModelManifest["files"][number], check: PackageCheck): Promise<FileCheck> {
  const path = join(directory, file.path);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { file: file.path, status: "unreadable", detail: `${path} is not a regular file` };
    size = info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT"
      ? { file: file.path, status: "missing", detail: `${path} does not exist; the package is incomplete: pull it again` }
      : { file: file.path, status: "unreadable", detail: `${path} cannot be read (${code ?? String(error)})` };
  }
  if (size !== file.bytes) {
    return { file: file.path, status: "size-mismatch", detail: `${path} has ${size} bytes, the manifest says ${file.bytes}; the file is truncated or replaced: pull the package again` };
  }
  if (check === "size") return { file: file.path, status: "ok", detail: `${size} bytes (size only)` };
  const { sha256 } = await sha256File(path);
  if (sha256 !== file.sha256) {
    return { file: file.path, status: "sha256-mismatch", detail: `${path} has sha256 ${sha256}, the manifest says ${file.sha256}; the file is corrupt: pull the package again` };
  }
  return { file: file.path, status: "ok", detail: `${size} bytes, sha256 ${sha256.slice(0, 12)}…` };
}

/**
 * Checks a package folder without throwing for package problems: the manifest (see
 * {@link readModelManifest}), then every listed file's presence, size and SHA-256.
 */
export async function verifyModelPackage(directory: string, options: { signal?: AbortSignal; check?: PackageCheck } = {}): Promise<PackageVerification> {
  let manifest: ModelManifest;
  try {
    manifest = await readModelManifest(directory);
  } catch (error) {
    if (!ModelLoadError.isInstance(error)) throw error;
    return { ok: false, manifest: undefined, manifestError: error, files: [] };
  }
  const files: FileCheck[] = [];
  for (const file of manifest.files) {
    if (options.signal?.aborted) throw new AbortError(undefined, { cause: options.signal.reason });
    files.push(await checkPackageFile(directory, file, options.check ?? "sha256"));
  }
  return { ok: files.every((file) => file.status === "ok"), manifest, manifestError: undefined, files };
}

/**
 * Opens a package folder for inference: validates the manifest and checks every file.
 *
 * @throws ModelLoadError naming the first bad file (`error.file`) and saying what to do.
 */
export async function loadModelPackage(directory: string, options: LoadModelPackageOptions = {}): Promise<ModelPackage> {
  const absolute = resolve(directory);
  const verification = await verifyModelPackage(absolute, options);
  if (verification.manifestError) throw verification.manifestError;
  const bad = verification.files.find((file) => file.status !== "ok");
  if (bad) throw new ModelLoadError(`Model package ${absolute}: ${bad.detail}.`, { file: bad.file });
  const manifest = verification.manifest as ModelManifest;
  return { directory: absolute, manifest, resolve: (file: string) => join(absolute, file) };
}
