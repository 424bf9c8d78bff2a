"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { classNames } from "@/lib/class-names";

export type SectionTab = {
  label: string;
  /** Path below `root`; "" is the root itself. */
  segment: string;
};

/**
 * The sections of one area (Settings, Insights, Analytics) as tabs under its header, the current
 * one marked with aria-current; a scrollable row on phones. `query` (e.g. "?run=…") is kept on
 * every tab.
 */
export function SectionTabs({
  label,
  root,
  tabs,
  query = "",
}: {
  label: string;
  root: string;
  tabs: readonly SectionTab[];
  query?: string;
}) {
  const pathname = usePathname();
  return (
    <nav
      aria-label={label}
      className="-mx-4 overflow-x-auto border-b border-zinc-200 px-4 sm:mx-0 sm:px-0"
    >
      <ul className="flex min-w-max gap-1">
        {tabs.map((tab) => {
          const href = tab.segment ? `${root}/${tab.segment}` : root;
          const active = tab.segment
            ? pathname === href || pathname.startsWith(`${href}/`)
            : pathname === root;
          return (
            <li key={tab.label}>
              <Link
                href={`${href}${query}`}
                aria-current={active ? "page" : undefined}
                className={classNames(
                  "-mb-px inline-block border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap",
                  active
                    ? "border-accent-600 text-zinc-900"
                    : "border-transparent text-zinc-500 hover:border-zinc-300 hover:text-zinc-800",
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
