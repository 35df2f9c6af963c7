// Download progress on stderr: a redrawn bar on a terminal, a line every few
// seconds otherwise (so logs captured by the extension stay readable).

export type ProgressListener = (received: number, total: number | undefined) => void;

function mb(n: number): string {
  return (n / 1e6).toFixed(1);
}

export function stderrProgress(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressListener & { done(): void } {
  const started = Date.now();
  let lastPrint = 0;
  let last = { received: 0, total: undefined as number | undefined };
  const render = (final: boolean) => {
    const { received, total } = last;
    const secs = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = `${mb(received / secs)} MB/s`;
    if (stream.isTTY) {
      const width = 24;
      const frac = total ? Math.min(received / total, 1) : 0;
      const bar = total ? '█'.repeat(Math.round(frac * width)).padEnd(width, '░') : '';
      const pct = total ? `${(frac * 100).toFixed(0).padStart(3)}%` : '';
      stream.write(`\r${label} ${bar} ${pct} ${mb(received)}${total ? `/${mb(total)}` : ''} MB ${rate}   ${final ? '\n' : ''}`);
    } else {
      const pct = total ? ` (${((received / total) * 100).toFixed(0)}%)` : '';
      stream.write(`${label}: ${mb(received)}${total ? `/${mb(total)}` : ''} MB${pct} ${rate}\n`);
    }
  };
  const listener = ((received: number, total: number | undefined) => {
    last = { received, total };
    const now = Date.now();
    const interval = stream.isTTY ? 100 : 5000;
    if (now - lastPrint >= interval) {
      lastPrint = now;
      render(false);
    }
  }) as ProgressListener & { done(): void };
  // Nothing received (the host was unreachable): no bar to finish, so the error stands alone.
  listener.done = () => { if (last.received > 0) render(true); };
  return listener;
}
