import type { ComponentProps } from "react";
import { classNames } from "@/lib/class-names";

const CONTROL_LOOK =
  "block rounded-md border border-zinc-300 bg-white px-3 text-zinc-900 shadow-sm " +
  "placeholder:text-zinc-400 focus-visible:border-accent-500 focus-visible:outline-2 " +
  "focus-visible:outline-offset-0 focus-visible:outline-accent-500/40 " +
  "disabled:cursor-not-allowed disabled:bg-zinc-100 disabled:text-zinc-500 " +
  "read-only:bg-zinc-50 aria-invalid:border-red-500 aria-invalid:focus-visible:outline-red-500/40";

/**
 * The look shared by inputs, selects and textareas, sized by the caller. The defaults (full
 * width, text-sm, and `height` when given) apply only where `className` sets no width, font size
 * or height of its own: Tailwind orders utilities in its stylesheet, not by their order in the
 * class attribute, so "w-full w-44" is always full width and "h-10 h-8" always 2.5rem.
 */
export function controlClasses(className?: string, height?: string): string {
  const own = (className ?? "").split(/\s+/).filter(Boolean);
  const sets = (pattern: RegExp) => own.some((c) => pattern.test(c));
  return classNames(
    CONTROL_LOOK,
    !sets(/^w-/) && "w-full",
    !sets(/^text-(xs|sm|base|lg|[2-9]?xl)$/) && "text-sm",
    height && !sets(/^h-/) && height,
    className,
  );
}

export function Input({ className, ...rest }: ComponentProps<"input">) {
  return <input className={controlClasses(className, "h-10")} {...rest} />;
}
