import cliProgress from 'cli-progress';

/** A progress bar on stderr when it is a terminal; silent otherwise (scripts, CI, pipes). */
export interface Progress {
  update(done: number, total: number, label: string): void;
  stop(): void;
}

export function progressBar(unit: 'bytes' | 'rows' = 'rows'): Progress {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: ` {label} [{bar}] {percentage}% | ${unit === 'bytes' ? '{doneMB}/{totalMB} MB' : '{value}/{total}'} | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let lastLabel = '';
  return {
    update(done, total, label) {
      const payload = { label, doneMB: (done / 1e6).toFixed(1), totalMB: (total / 1e6).toFixed(1) };
      if (!started || label !== lastLabel) {
        if (started) bar.stop();
        bar.start(Math.max(total, 1), done, payload);
        started = true;
        lastLabel = label;
      } else bar.update(done, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
