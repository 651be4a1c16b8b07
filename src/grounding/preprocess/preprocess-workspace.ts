/**
 * Buffers that {@link preprocessImage} can reuse from one screenshot to the next. A 1080p screenshot at
 * 48 crops needs a 50 MB `pixelValues` array and a 7 MB canvas; allocating them fresh every call costs
 * first-touch page faults that, on small sandboxed machines, take longer than the pre-processing itself
 * (measured here: ~250 ms of CPU to touch 50 MB fresh, 2.5 ms to refill it).
 *
 * Arrays handed out by a workspace are overwritten by the next call that uses the same workspace: use
 * (or copy) a result's `pixelValues` before pre-processing the next image with it.
 */
export class PreprocessWorkspace {
  #floats = new Float32Array(0);
  readonly #bytes = new Map<string, Uint8Array>();

  /** A float32 array of exactly `length` elements (contents unspecified), backed by reused memory. */
  floats(length: number): Float32Array {
    if (this.#floats.length < length) this.#floats = new Float32Array(length);
    return this.#floats.subarray(0, length);
  }

  /** A byte array of exactly `length` elements for the named use (contents unspecified), backed by reused memory. */
  bytes(use: string, length: number): Uint8Array {
    let buffer = this.#bytes.get(use);
    if (!buffer || buffer.length < length) {
      buffer = new Uint8Array(length);
      this.#bytes.set(use, buffer);
    }
    return buffer.subarray(0, length);
  }

  /** Drops every buffer, so that the memory can be collected. */
  clear(): void {
    this.#floats = new Float32Array(0);
    this.#bytes.clear();
  }
}
