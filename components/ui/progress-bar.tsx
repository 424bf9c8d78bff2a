/** A determinate progress bar (0–100) with its value for screen readers. */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  const clamped = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="flex items-center gap-2">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={clamped}
        className="h-2 w-full min-w-20 overflow-hidden rounded-full bg-zinc-100"
      >
        <div
          className="h-full rounded-full bg-accent-600 transition-all"
          style={{ width: `${clamped}%` }}
        />
      </div>
      <span className="w-10 text-right text-xs text-zinc-500 tabular-nums">{clamped}%</span>
    </div>
  );
}
