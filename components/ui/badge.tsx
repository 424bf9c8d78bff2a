import type { ReactNode } from "react";
import { classNames } from "@/lib/class-names";

export type BadgeTone = "neutral" | "accent" | "success" | "warning" | "danger";

const tones: Record<BadgeTone, string> = {
  neutral: "bg-zinc-100 text-zinc-700 ring-zinc-200",
  accent: "bg-accent-50 text-accent-700 ring-accent-200",
  success: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  warning: "bg-amber-50 text-amber-800 ring-amber-200",
  danger: "bg-red-50 text-red-700 ring-red-200",
};

/** One line by default; `wraps` lets a long one (a list of names) break inside its container. */
export function Badge({
  tone = "neutral",
  wraps = false,
  children,
}: {
  tone?: BadgeTone;
  wraps?: boolean;
  children: ReactNode;
}) {
  return (
    <span
      className={classNames(
        "inline-flex items-center px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        wraps
          ? "max-w-full rounded-lg break-words whitespace-normal"
          : "rounded-full whitespace-nowrap",
        tones[tone],
      )}
    >
      {children}
    </span>
  );
}
