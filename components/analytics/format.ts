/** Display helpers shared by the analytics dashboard and a template's analytics tab. */
export const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 1000) / 10}%`);
export const csat = (v: number | null) => (v === null ? "—" : v.toFixed(2));
export const duration = (ms: number | null) => {
  if (ms === null) return "—";
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
};

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The last `days` days through today (UTC). */
export function lastDays(days: number): { from: string; to: string } {
  const now = Date.now();
  return { from: utcDay(new Date(now - (days - 1) * 864e5)), to: utcDay(new Date(now)) };
}

/** Saves a text body as a file in the browser. */
export function download(filename: string, contentType: string, body: string) {
  const url = URL.createObjectURL(new Blob([body], { type: contentType }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
