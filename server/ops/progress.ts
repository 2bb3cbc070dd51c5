/**
 * A percentage line on stderr for the operator's tools: redrawn in place on a terminal, one line per 10 % step in a
 * log file (systemd, cron), so that neither floods.
 */
export type Progress = (done: number, total: number) => void;

export function progressLine(label: string, stream: NodeJS.WriteStream = process.stderr): Progress & { finish(): void } {
  let shown = -1;
  const isTty = Boolean(stream.isTTY);
  const update = (done: number, total: number) => {
    const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
    const step = isTty ? percent : Math.floor(percent / 10) * 10;
    if (step === shown) return;
    shown = step;
    stream.write(isTty ? `\r${label} ${percent}%` : `${label} ${step}%\n`);
  };
  return Object.assign(update, {
    finish() {
      if (shown < 100) update(1, 1);
      if (isTty) stream.write("\n");
    },
  });
}

export const silentProgress: Progress = () => undefined;
