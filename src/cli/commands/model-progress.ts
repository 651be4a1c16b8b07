import { formatByteCount } from "../../runtime/model-pull/format-bytes.js";
import type { DownloadProgress } from "../../runtime/model-pull/resumable-download.js";

/** Options of {@link createProgressBar}. */
export interface ProgressBarOptions {
  /** Where to write (stderr). */
  readonly write: (text: string) => void;
  /** True on a terminal: one line redrawn in place with `\r`. False (pipes, CI logs): a line per 25 %. */
  readonly isTty: boolean;
  /** Width of the bar in characters. Default 30. */
  readonly width?: number;
}

/** A download progress display fed by `pullModelPackage`'s `onProgress`. */
export interface ProgressBar {
  update(progress: DownloadProgress): void;
  /** Ends the current file's line (call when a file completes or fails). */
  finish(): void;
}

/**
 * A TTY-aware progress bar: on a terminal `[#####.....]  45% 1.2 MiB / 2.6 MiB file`, redrawn in
 * place (at most every 1 % of progress, so a fast local transfer does not flood the terminal);
 * elsewhere a plain line at 0, 25, 50, 75 and 100 % so logs stay readable.
 */
export function createProgressBar(options: ProgressBarOptions): ProgressBar {
  const width = options.width ?? 30;
  let currentFile: string | undefined;
  let lastStep = -1;
  let open = false;
  return {
    update(progress) {
      if (progress.file !== currentFile) {
        if (open) this.finish();
        currentFile = progress.file;
        lastStep = -1;
        if (progress.resumedFromBytes > 0) options.write(`resuming ${progress.file} from ${formatByteCount(progress.resumedFromBytes)}\n`);
      }
      const total = progress.totalBytes;
      const fraction = total === undefined || total === 0 ? undefined : Math.min(1, progress.receivedBytes / total);
      const size = total === undefined ? formatByteCount(progress.receivedBytes) : `${formatByteCount(progress.receivedBytes)} / ${formatByteCount(total)}`;
      if (options.isTty) {
        const step = fraction === undefined ? progress.receivedBytes >> 20 : Math.floor(fraction * 100);
        if (step === lastStep) return;
        lastStep = step;
        const filled = fraction === undefined ? 0 : Math.round(fraction * width);
        const percent = fraction === undefined ? "   ?" : `${Math.floor(fraction * 100)}%`.padStart(4);
        options.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${percent} ${size} ${progress.file}\x1b[K`);
        open = true;
      } else {
        const step = fraction === undefined ? -1 : Math.floor(fraction * 4);
        if (step === lastStep || step < 0) return;
        lastStep = step;
        options.write(`${progress.file}: ${step * 25}% (${size})\n`);
      }
    },
    finish() {
      if (open && options.isTty) options.write("\n");
      open = false;
      currentFile = undefined;
    },
  };
}
