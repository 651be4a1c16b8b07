import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";

/**
 * Streams a file through SHA-256 (64 KiB reads, so a multi-gigabyte decoder graph never sits in
 * memory) and returns the lowercase hex digest and the byte count. Pass `hash` to continue a digest
 * that already covers earlier bytes (used to resume a download).
 */
export async function sha256File(path: string, hash: Hash = createHash("sha256")): Promise<{ sha256: string; bytes: number }> {
  const bytes = await updateHashFromFile(path, hash);
  return { sha256: hash.digest("hex"), bytes };
}

/** Feeds a file's bytes into `hash` without finishing it; returns the byte count. */
export async function updateHashFromFile(path: string, hash: Hash): Promise<number> {
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
  }
  return bytes;
}

/** True when `text` looks like a SHA-256 hex digest (64 hex digits, any case). */
export function isSha256Hex(text: string): boolean {
  return /^[0-9a-fA-F]{64}$/.test(text);
}
