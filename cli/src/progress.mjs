// A one-line progress bar with rate and ETA on stderr, only when stderr is a terminal (or when
// forced with --progress); silent when piped (--no-progress forces that). Redrawn at most 5 times a
// second; the ETA comes from the bytes read against the file's size.
export function createProgress(stream, { total = 0, enabled, label = "rows" } = {}) {
  const on = enabled === undefined ? Boolean(stream && stream.isTTY) : Boolean(enabled);
  const noop = () => {};
  if (!on) return { bytes: noop, rows: noop, done: noop, active: false };
  const start = Date.now();
  let bytes = 0;
  let rows = 0;
  let last = 0;
  const width = 24;
  const fmt = (s) => {
    if (!Number.isFinite(s)) return "--:--";
    s = Math.max(0, Math.round(s));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  };
  const draw = (final) => {
    const now = Date.now();
    if (!final && now - last < 200) return;
    last = now;
    const secs = Math.max(0.001, (now - start) / 1000);
    const frac = total > 0 ? Math.min(1, bytes / total) : 0;
    const filled = Math.round(frac * width);
    const rate = rows / secs;
    const eta = frac > 0 ? (secs / frac) * (1 - frac) : Infinity;
    const line =
      `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%  ` +
      `${rows.toLocaleString("en-US")} ${label}  ${Math.round(rate).toLocaleString("en-US")} ${label}/s  ETA ${final ? "0:00" : fmt(eta)}`;
    stream.write(`\r${line}\x1b[K`);
  };
  return {
    active: true,
    bytes(n) {
      bytes += n;
    },
    rows(n) {
      rows = n;
      draw(false);
    },
    done(n) {
      rows = n;
      bytes = total;
      draw(true);
      stream.write("\n");
    },
  };
}
