/**
 * Typed errors. One base class with a `Symbol.for` marker so that `isInstance` works across
 * package copies and realms (the Vercel AI SDK pattern); each subclass carries structured fields
 * and a message that says what to change.
 */
const marker = Symbol.for("groundpoint.error");

/** Options shared by every groundpoint error. */
export interface GroundpointErrorOptions {
  /** The underlying error, if any. */
  cause?: unknown;
}

/** Base class of every error groundpoint throws on purpose. */
export class GroundpointError extends Error {
  private readonly [marker] = true;
  /** A stable machine-readable code, e.g. `"invalid_input"`. */
  readonly code: string;

  constructor(code: string, message: string, options: GroundpointErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "GroundpointError";
    this.code = code;
  }

  /** True for any groundpoint error, also one thrown by another copy of the package. */
  static isInstance(error: unknown): error is GroundpointError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}

/** Input that cannot be used as given: a corrupt image, an empty instruction, a bad option value. */
export class InvalidInputError extends GroundpointError {
  /** The argument or option that was wrong, e.g. `"maxCrops"`. */
  readonly parameter: string;
  constructor(parameter: string, message: string, options: GroundpointErrorOptions = {}) {
    super("invalid_input", message, options);
    this.name = "InvalidInputError";
    this.parameter = parameter;
  }
  static override isInstance(error: unknown): error is InvalidInputError {
    return GroundpointError.isInstance(error) && error.code === "invalid_input";
  }
}

/** The grounder answered "no-more-points": the target is not on the screen. */
export class TargetNotFoundError extends GroundpointError {
  readonly instruction: string;
  /** Where the screenshot that was searched was saved, when it was. */
  readonly screenshotPath: string | undefined;
  readonly screenSize: { width: number; height: number } | undefined;
  constructor(
    instruction: string,
    message: string,
    fields: { screenshotPath?: string; screenSize?: { width: number; height: number } } & GroundpointErrorOptions = {},
  ) {
    super("target_not_found", message, fields);
    this.name = "TargetNotFoundError";
    this.instruction = instruction;
    this.screenshotPath = fields.screenshotPath;
    this.screenSize = fields.screenSize;
  }
  static override isInstance(error: unknown): error is TargetNotFoundError {
    return GroundpointError.isInstance(error) && error.code === "target_not_found";
  }
}

/** A call took longer than its `timeout` option. */
export class TimeoutError extends GroundpointError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number, message: string, options: GroundpointErrorOptions = {}) {
    super("timeout", message, options);
    this.name = "TimeoutError";
    this.timeoutMs = timeoutMs;
  }
  static override isInstance(error: unknown): error is TimeoutError {
    return GroundpointError.isInstance(error) && error.code === "timeout";
  }
}

/** A call was cancelled through its `signal` option. */
export class AbortError extends GroundpointError {
  constructor(message = "The operation was aborted through its AbortSignal.", options: GroundpointErrorOptions = {}) {
    super("aborted", message, options);
    this.name = "AbortError";
  }
  static override isInstance(error: unknown): error is AbortError {
    return GroundpointError.isInstance(error) && error.code === "aborted";
  }
}

/** A model package is missing, corrupt, of another version, or cannot be loaded. */
export class ModelLoadError extends GroundpointError {
  /** The file that failed, relative to the package folder, when one file is to blame. */
  readonly file: string | undefined;
  constructor(message: string, fields: { file?: string } & GroundpointErrorOptions = {}) {
    super("model_load", message, fields);
    this.name = "ModelLoadError";
    this.file = fields.file;
  }
  static override isInstance(error: unknown): error is ModelLoadError {
    return GroundpointError.isInstance(error) && error.code === "model_load";
  }
}

/** The screen or page cannot be captured or driven: closed page, missing display, no X server. */
export class DeviceError extends GroundpointError {
  /** What kind of device failed: `"browser"`, `"desktop"`, `"image"`. */
  readonly device: string;
  constructor(device: string, message: string, options: GroundpointErrorOptions = {}) {
    super("device", message, options);
    this.name = "DeviceError";
    this.device = device;
  }
  static override isInstance(error: unknown): error is DeviceError {
    return GroundpointError.isInstance(error) && error.code === "device";
  }
}

/** Throws `AbortError` if the signal is aborted; a no-op without a signal. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new AbortError(undefined, { cause: signal.reason });
  }
}
