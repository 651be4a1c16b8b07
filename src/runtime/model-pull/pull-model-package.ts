import { createHash } from "node:crypto";
import { mkdir, rename, rm, statfs, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { AbortError, InvalidInputError, ModelLoadError } from "../../core/errors.js";
import { checkPackageFile, loadModelPackage, MANIFEST_FILE, parseModelManifest } from "../model-package/load-model-package.js";
import type { ModelManifest } from "../model-package/model-manifest.js";
import { isSha256Hex } from "../model-package/sha256-file.js";
import { downloadFileResumable, fileSize, type DownloadProgress } from "./resumable-download.js";
import { formatByteCount } from "./format-bytes.js";

/** What happened to one package file during a pull. */
export interface PulledFile {
  readonly file: string;
  readonly bytes: number;
  /** `"downloaded"`, `"resumed"` (an earlier partial file was continued) or `"cached"` (already complete on disk). */
  readonly status: "downloaded" | "resumed" | "cached";
}

/** Options of {@link pullModelPackage}. */
export interface PullOptions {
  /** Folder that holds pulled packages as `<name>/<version>/`. Default {@link defaultModelCacheDirectory}. */
  readonly cacheDirectory?: string;
  /** Expected SHA-256 of `manifest.json` (which pins every file's hash in turn). Default: not checked. */
  readonly sha256?: string;
  /** Attempts per file, each resuming the previous one. Default 3. */
  readonly attempts?: number;
  /** Called after every received chunk. */
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Called when a file is complete. */
  readonly onFile?: (file: PulledFile) => void;
  /** Cancels between chunks; partial files stay for the next pull to resume. */
  readonly signal?: AbortSignal;
}

/** The result of {@link pullModelPackage}. */
export interface PullResult {
  /** The package folder, ready for `loadModelPackage` / `createMolmoPointGrounder`. */
  readonly directory: string;
  readonly manifest: ModelManifest;
  readonly files: readonly PulledFile[];
}

/**
 * `$GROUNDPOINT_CACHE` when set, else `$XDG_CACHE_HOME/groundpoint/models`, else
 * `~/.cache/groundpoint/models`.
 */
export function defaultModelCacheDirectory(environment: NodeJS.ProcessEnv = process.env): string {
  if (environment.GROUNDPOINT_CACHE) return resolve(environment.GROUNDPOINT_CACHE);
  const base = environment.XDG_CACHE_HOME ? resolve(environment.XDG_CACHE_HOME) : join(homedir(), ".cache");
  return join(base, "groundpoint", "models");
}

async function fetchManifest(url: URL, signal: AbortSignal | undefined): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    if (signal?.aborted) throw new AbortError(undefined, { cause: error });
    throw new ModelLoadError(`Cannot fetch ${url.href}: ${(error as Error).message}${(error as Error).cause instanceof Error ? ` (${((error as Error).cause as Error).message})` : ""}. Check the URL and the network.`, {
      file: MANIFEST_FILE,
      cause: error,
    });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new ModelLoadError(`Fetching ${url.href} failed: HTTP ${response.status} ${response.statusText}. The URL must point at a package's manifest.json.`, { file: MANIFEST_FILE });
  }
  return response.text();
}

/** Fails before any transfer when the bytes still to fetch do not fit on the cache's file system. */
async function checkFreeSpace(directory: string, manifest: ModelManifest): Promise<void> {
  let missing = 0;
  for (const file of manifest.files) {
    const path = join(directory, file.path);
    const have = (await fileSize(path)) === file.bytes ? file.bytes : await fileSize(`${path}.part`);
    missing += Math.max(0, file.bytes - have);
  }
  const space = await statfs(directory);
  const free = space.bavail * space.bsize;
  if (missing > free) {
    throw new ModelLoadError(
      `${manifest.name} ${manifest.version} needs ${formatByteCount(missing)} more in ${directory}, but only ${formatByteCount(free)} is free. Free some space or pass another --cache folder.`,
    );
  }
}

/**
 * Pulls a model package: `url` is the package's `manifest.json`; every file the manifest lists is
 * fetched relative to it (`new URL(file.path, url)`), so any static file server holding the package
 * folder serves it. Files land in `<cache>/<name>/<version>/`; each is resumed with an HTTP `Range`
 * request if an earlier pull was interrupted, checked against the manifest's size and SHA-256, and
 * reused without a request when already complete. `manifest.json` is written last, so a folder with
 * a manifest is complete. `sha256`, when given, must match the manifest's bytes.
 *
 * @throws InvalidInputError for a malformed URL or `sha256`; ModelLoadError (naming the file) for an
 *   HTTP error, a checksum mismatch or an interrupted transfer; AbortError when `signal` fires.
 */
export async function pullModelPackage(url: string, options: PullOptions = {}): Promise<PullResult> {
  let manifestUrl: URL;
  try {
    manifestUrl = new URL(url);
  } catch {
    throw new InvalidInputError("url", `"${url}" is not a URL; pass the http(s) URL of a package's manifest.json.`);
  }
  if (manifestUrl.protocol !== "http:" && manifestUrl.protocol !== "https:") {
    throw new InvalidInputError("url", `"${url}" is not an http(s) URL; for a local folder use \`groundpoint model verify <dir>\` instead.`);
  }
  if (options.sha256 !== undefined && !isSha256Hex(options.sha256)) {
    throw new InvalidInputError("sha256", `--sha256 must be 64 hex digits, got "${options.sha256}".`);
  }
  const text = await fetchManifest(manifestUrl, options.signal);
  const manifestSha256 = createHash("sha256").update(text, "utf8").digest("hex");
  if (options.sha256 !== undefined && manifestSha256 !== options.sha256.toLowerCase()) {
    throw new ModelLoadError(
      `${manifestUrl.href} has sha256 ${manifestSha256}, expected ${options.sha256.toLowerCase()}; the server offers another package or version than the one pinned. Nothing was written.`,
      { file: MANIFEST_FILE },
    );
  }
  const manifest = parseModelManifest(text, manifestUrl.href);
  const directory = join(resolve(options.cacheDirectory ?? defaultModelCacheDirectory()), manifest.name, manifest.version);
  await mkdir(directory, { recursive: true });
  await checkFreeSpace(directory, manifest);
  // A manifest marks a complete folder; drop the old one until every file is in place again.
  await rm(join(directory, MANIFEST_FILE), { force: true });

  const files: PulledFile[] = [];
  for (const file of manifest.files) {
    if (options.signal?.aborted) throw new AbortError(undefined, { cause: options.signal.reason });
    const destination = join(directory, file.path);
    await mkdir(dirname(destination), { recursive: true });
    if ((await checkPackageFile(directory, file, "sha256")).status === "ok") {
      files.push({ file: file.path, bytes: file.bytes, status: "cached" });
      options.onFile?.(files.at(-1)!);
      continue;
    }
    const result = await downloadFileResumable(new URL(file.path, manifestUrl).href, destination, {
      file: file.path,
      expectedSha256: file.sha256,
      expectedBytes: file.bytes,
      attempts: options.attempts,
      onProgress: options.onProgress,
      signal: options.signal,
    });
    files.push({ file: file.path, bytes: result.bytes, status: result.resumedFromBytes > 0 || result.requests > 1 ? "resumed" : "downloaded" });
    options.onFile?.(files.at(-1)!);
  }
  const temporary = join(directory, `${MANIFEST_FILE}.tmp`);
  await writeFile(temporary, text, "utf8");
  await rename(temporary, join(directory, MANIFEST_FILE));
  // Every file was hashed on arrival; a size check guards against anything else writing there meanwhile.
  const loaded = await loadModelPackage(directory, { check: "size" });
  return { directory: loaded.directory, manifest: loaded.manifest, files };
}
