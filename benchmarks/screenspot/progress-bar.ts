/**
 * A progress line on stderr: bar, count, rate, ETA and running accuracy. On a terminal it redraws
 * one line; elsewhere (CI logs, pipes) it prints a line every 10 % or 30 s.
 */

/** Options of {@link ProgressBar}. */
export interface ProgressBarOptions {
  /** Items in the run, including those resumed from the predictions file. */
  total: number;
  /** Items already done when the run started (resumed). */
  resumed: number;
  write: (text: string) => void;
  /** Redraw in place (a TTY). Default false. */
  interactive?: boolean;
  /** Clock in ms; tests pass their own. Default `performance.now`. */
  now?: () => number;
}

/** Formats seconds as `1h02m`, `3m05s` or `42s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  if (hours > 0) return `${hours}h${String(minutes).padStart(2, "0")}m`;
  if (minutes > 0) return `${minutes}m${String(rest).padStart(2, "0")}s`;
  return `${rest}s`;
}

/** The progress display of one run. */
export class ProgressBar {
  private readonly options: Required<ProgressBarOptions>;
  private readonly started: number;
  private done: number;
  private correct = 0;
  private computed = 0;
  private lastPrinted = -1;
  private lastPrintedDone = -1;
  private lastPrintedAt: number;

  constructor(options: ProgressBarOptions) {
    this.options = { interactive: false, now: () => performance.now(), ...options };
    this.started = this.options.now();
    this.lastPrintedAt = this.started;
    this.done = options.resumed;
  }

  /** Records one finished item. */
  tick(correct: boolean): void {
    this.done += 1;
    this.computed += 1;
    if (correct) this.correct += 1;
    this.render(false);
  }

  /** The current line, without control characters. */
  line(): string {
    const { total } = this.options;
    const fraction = total === 0 ? 1 : this.done / total;
    const width = 24;
    const filled = Math.round(fraction * width);
    const elapsed = (this.options.now() - this.started) / 1000;
    const rate = this.computed > 0 ? elapsed / this.computed : Number.NaN;
    const eta = formatDuration(rate * (total - this.done));
    const accuracy = this.computed > 0 ? ` acc ${((100 * this.correct) / this.computed).toFixed(1)}%` : "";
    const perItem = this.computed > 0 ? ` ${rate.toFixed(2)}s/item` : "";
    return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${this.done}/${total} ${(100 * fraction).toFixed(0)}%${perItem} ETA ${eta}${accuracy}`;
  }

  /** Prints the final line. */
  finish(): void {
    if (this.options.interactive || this.lastPrintedDone !== this.done) this.render(true);
    if (this.options.interactive) this.options.write("\n");
  }

  private render(force: boolean): void {
    if (this.options.interactive) {
      this.options.write(`\r${this.line()}\x1b[K`);
      return;
    }
    const tenth = Math.floor((10 * this.done) / Math.max(1, this.options.total));
    const now = this.options.now();
    if (force || tenth > this.lastPrinted || now - this.lastPrintedAt > 30_000) {
      this.lastPrinted = tenth;
      this.lastPrintedAt = now;
      this.lastPrintedDone = this.done;
      this.options.write(`${this.line()}\n`);
    }
  }
}
