import type { ReactNode } from "react";

/** One figure on the Overview: a label, the value, and a line (often a link) that explains it. */
export function Stat({
  label,
  value,
  detail,
}: {
  label: string;
  value: ReactNode;
  detail: ReactNode;
}) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white px-4 py-4 shadow-xs">
      <dt className="text-sm text-zinc-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tracking-tight text-zinc-900">{value}</dd>
      <dd className="mt-1 text-xs text-zinc-500">{detail}</dd>
    </div>
  );
}

export const statLinkClass = "font-medium text-accent-700 hover:underline";

/** A titled row of Stats: a region named by its heading, so screen readers can jump to it. */
export function StatSection({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-sm font-semibold text-zinc-900">
        {title}
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">{children}</dl>
    </section>
  );
}
