import { classNames } from "@/lib/class-names";

/** The wordmark: a speech-bubble mark in the accent colour and the product name. */
export function ParleyLogo({ className }: { className?: string }) {
  return (
    <span
      className={classNames(
        "inline-flex items-center gap-2 font-semibold text-zinc-900",
        className,
      )}
    >
      <svg
        viewBox="0 0 24 24"
        className="size-6 text-accent-600"
        aria-hidden="true"
        fill="currentColor"
      >
        <path d="M4 4.5A2.5 2.5 0 0 1 6.5 2h11A2.5 2.5 0 0 1 20 4.5v9a2.5 2.5 0 0 1-2.5 2.5H11l-4.6 3.7A.9.9 0 0 1 5 19v-3h.5A1.5 1.5 0 0 1 4 14.5v-10Z" />
        <circle cx="9" cy="9" r="1.25" fill="white" />
        <circle cx="12" cy="9" r="1.25" fill="white" />
        <circle cx="15" cy="9" r="1.25" fill="white" />
      </svg>
      <span>Parley</span>
    </span>
  );
}
