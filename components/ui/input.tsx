import type { ComponentProps } from "react";
import { classNames } from "@/lib/class-names";

export const controlClassName =
  "block w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm " +
  "placeholder:text-zinc-400 focus-visible:border-accent-500 focus-visible:outline-2 " +
  "focus-visible:outline-offset-0 focus-visible:outline-accent-500/40 " +
  "disabled:cursor-not-allowed disabled:bg-zinc-100 disabled:text-zinc-500 " +
  "read-only:bg-zinc-50 aria-invalid:border-red-500 aria-invalid:focus-visible:outline-red-500/40";

export function Input({ className, ...rest }: ComponentProps<"input">) {
  return <input className={classNames(controlClassName, "h-10", className)} {...rest} />;
}
