/**
 * A progress bar on stderr: the stage, its share of the whole run, and a detail line (clients connected, votes
 * acknowledged). On a terminal it redraws one line; otherwise (CI logs) it prints a line per stage and every 10 %.
 */
export type Stage = { name: string; weight: number };

export class Progress {
  private readonly total: number;
  private done = 0;
  private current: Stage | null = null;
  private fraction = 0;
  private detail = "";
  private lastPrinted = -1;
  private readonly tty = process.stderr.isTTY === true;
  private readonly started = Date.now();
  private stageStarted = Date.now();
  /** Seconds each stage took, in order. */
  readonly seconds: [string, number][] = [];

  constructor(private readonly stages: Stage[]) {
    this.total = stages.reduce((sum, s) => sum + s.weight, 0);
  }

  start(name: string): void {
    this.record();
    if (this.current) this.done += this.current.weight;
    this.current = this.stages.find((s) => s.name === name) ?? { name, weight: 0 };
    this.fraction = 0;
    this.detail = "";
    if (!this.tty) process.stderr.write(`[bench] ${name}…\n`);
    this.draw();
  }

  /** Progress within the current stage, 0–1, with an optional detail text. */
  update(fraction: number, detail = ""): void {
    this.fraction = Math.max(0, Math.min(1, fraction));
    this.detail = detail;
    this.draw();
  }

  finish(): void {
    this.record();
    if (this.current) this.done += this.current.weight;
    this.current = null;
    this.fraction = 0;
    this.detail = `done in ${Math.round((Date.now() - this.started) / 1000)} s`;
    this.draw();
    if (this.tty) process.stderr.write("\n");
  }

  private record(): void {
    if (this.current) this.seconds.push([this.current.name, Math.round((Date.now() - this.stageStarted) / 100) / 10]);
    this.stageStarted = Date.now();
  }

  private draw(): void {
    const share = this.total > 0 ? (this.done + (this.current?.weight ?? 0) * this.fraction) / this.total : 1;
    const percent = Math.floor(share * 100);
    if (this.tty) {
      const width = 30;
      const filled = Math.round(share * width);
      const line = `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${String(percent).padStart(3)}% ${this.current?.name ?? ""} ${this.detail}`;
      process.stderr.write(`\r${line.slice(0, (process.stderr.columns ?? 120) - 1).padEnd((process.stderr.columns ?? 120) - 1)}`);
    } else if (Math.floor(percent / 10) !== Math.floor(this.lastPrinted / 10)) {
      process.stderr.write(`[bench] ${percent}% ${this.current?.name ?? ""} ${this.detail}\n`);
    }
    this.lastPrinted = percent;
  }
}
