import { createHash, type Hash } from "node:crypto";
import { open, rename, rm, stat } from "node:fs/promises";
import { AbortError, ModelLoadError } from "../../core/errors.js";
import { updateHashFromFile } from "../model-package/sha256-file.js";

/** Progress of one file transfer, reported after every received chunk. */
export interface DownloadProgress {
  /** The file's path inside the package (what error messages and the progress bar show). */
  readonly file: string;
  /** Bytes on disk so far, resumed bytes included. */
  readonly receivedBytes: number;
  /** Expected size, when the manifest or the server said it; undefined otherwise. */
  readonly totalBytes: number | undefined;
  /** Bytes that were already on disk from an earlier, interrupted transfer (0 for a fresh one). */
  readonly resumedFromBytes: number;
}

/** Options of {@link downloadFileResumable}. */
export interface ResumableDownloadOptions {
  /** The file's path inside the package, for messages. */
  readonly file: string;
  /** Lowercase or uppercase hex SHA-256 the finished file must have. Default: not checked. */
  readonly expectedSha256?: string;
  /** Size the finished file must have. Default: not checked (the server's length is used for progress). */
  readonly expectedBytes?: number;
  /** Attempts in this call, each resuming where the previous stopped. Default 3. */
  readonly attempts?: number;
  /** Called after each chunk. */
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Cancels the transfer; the partial file is kept so that the next call resumes it. */
  readonly signal?: AbortSignal;
}

/** What {@link downloadFileResumable} did. */
export interface DownloadResult {
  readonly sha256: string;
  readonly bytes: number;
  /** Bytes that came from an earlier partial file rather than the network. */
  readonly resumedFromBytes: number;
  /** HTTP requests made (1 when nothing went wrong). */
  readonly requests: number;
}

/**
 * Downloads `url` to `destination` through `destination + ".part"`, resuming with an HTTP `Range`
 * request when a partial file exists (from an interrupted attempt of this call or of an earlier
 * process). The SHA-256 is computed while the bytes arrive (the partial file's bytes are hashed
 * once, before resuming) and checked before the file is renamed into place; a mismatch deletes the
 * partial file, since resuming it again would only reproduce the same bytes.
 *
 * @throws ModelLoadError (with `file`) on an HTTP error, a checksum or size mismatch, or when every
 *   attempt was interrupted; AbortError when `signal` fires.
 */
export async function downloadFileResumable(url: string, destination: string, options: ResumableDownloadOptions): Promise<DownloadResult> {
  const partial = `${destination}.part`;
  const attempts = options.attempts ?? 3;
  const { file } = options;
  let hash: Hash = createHash("sha256");
  let onDisk = await fileSize(partial);
  if (onDisk > 0) await updateHashFromFile(partial, hash);
  let resumedFromBytes = onDisk;
  let requests = 0;
  let lastFailure: unknown;

  for (let attempt = 0; attempt < attempts; attempt++) {
    if (options.signal?.aborted) throw new AbortError(`Download of ${file} aborted; run the same command again to resume.`, { cause: options.signal.reason });
    if (options.expectedBytes !== undefined && onDisk === options.expectedBytes) break;
    if (options.expectedBytes !== undefined && onDisk > options.expectedBytes) {
      // A partial file longer than the file itself cannot be resumed: start over.
      ({ hash, onDisk, resumedFromBytes } = await restart(partial));
    }
    requests++;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: onDisk > 0 ? { Range: `bytes=${onDisk}-` } : {},
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw new AbortError(`Download of ${file} aborted; run the same command again to resume.`, { cause: error });
      lastFailure = error;
      continue;
    }
    let total: number | undefined;
    if (response.status === 206) {
      const range = parseContentRange(response.headers.get("content-range"));
      if (!range || range.start !== onDisk) {
        // The server answered another range than asked; its bytes cannot be appended safely.
        await response.body?.cancel();
        lastFailure = new Error(`server answered range ${response.headers.get("content-range") ?? "(none)"} to a request from byte ${onDisk}`);
        ({ hash, onDisk, resumedFromBytes } = await restart(partial));
        continue;
      }
      total = range.total;
    } else if (response.status === 416 && onDisk > 0) {
      // Nothing left to send: the partial file may already be complete; the checksum decides.
      await response.body?.cancel();
      break;
    } else if (response.ok) {
      if (onDisk > 0) ({ hash, onDisk, resumedFromBytes } = await restart(partial));
      const length = Number(response.headers.get("content-length"));
      total = Number.isFinite(length) && length > 0 ? length : undefined;
    } else {
      await response.body?.cancel();
      throw new ModelLoadError(
        `Downloading ${file} from ${url} failed: HTTP ${response.status} ${response.statusText}. Check the URL (package files are fetched relative to the manifest URL).`,
        { file },
      );
    }
    const totalBytes = options.expectedBytes ?? total;
    const handle = await open(partial, onDisk > 0 ? "a" : "w");
    try {
      if (!response.body) throw new Error("response has no body");
      const reader = response.body.getReader();
      for (;;) {
        const { done, value: chunk } = await reader.read();
        if (done) break;
        await handle.write(chunk);
        hash.update(chunk);
        onDisk += chunk.byteLength;
        options.onProgress?.({ file, receivedBytes: onDisk, totalBytes, resumedFromBytes });
      }
      lastFailure = undefined;
      break;
    } catch (error) {
      if (options.signal?.aborted) throw new AbortError(`Download of ${file} aborted after ${onDisk} bytes; run the same command again to resume.`, { cause: error });
      lastFailure = error;
    } finally {
      await handle.close();
    }
  }

  if (lastFailure !== undefined) {
    throw new ModelLoadError(
      `Downloading ${file} from ${url} was interrupted ${attempts} times (${onDisk} bytes kept in ${partial}): ${describe(lastFailure)}. Run the same command again to resume.`,
      { file, cause: lastFailure },
    );
  }
  const sha256 = hash.digest("hex");
  if (options.expectedBytes !== undefined && onDisk !== options.expectedBytes) {
    await rm(partial, { force: true });
    throw new ModelLoadError(`Downloaded ${file} has ${onDisk} bytes, the manifest says ${options.expectedBytes}; the partial file was deleted. Check that the server serves this package version.`, { file });
  }
  if (options.expectedSha256 !== undefined && sha256 !== options.expectedSha256.toLowerCase()) {
    await rm(partial, { force: true });
    throw new ModelLoadError(
      `Downloaded ${file} has sha256 ${sha256}, expected ${options.expectedSha256.toLowerCase()}; the file was deleted. The server's copy is corrupt or of another version.`,
      { file },
    );
  }
  await rename(partial, destination);
  return { sha256, bytes: onDisk, resumedFromBytes, requests };
}

async function restart(partial: string): Promise<{ hash: Hash; onDisk: number; resumedFromBytes: number }> {
  await rm(partial, { force: true });
  return { hash: createHash("sha256"), onDisk: 0, resumedFromBytes: 0 };
}

/** The size of the file at `path`, or 0 when there is none. */
export async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

function parseContentRange(header: string | null): { start: number; total: number | undefined } | undefined {
  const match = header === null ? null : /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header.trim());
  if (!match) return undefined;
  return { start: Number(match[1]), total: match[3] === "*" ? undefined : Number(match[3]) };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}
