"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { classNames } from "@/lib/class-names";

export type SectionTab = {
  label: string /** Path below `root`; "" is the root itself. */;
  segment: string;
};

/**
 * The sections of one area (Insights, Analytics) as tabs under its header, the current one
 * marked with aria-current. `query` (e.g. "?run=…") is kept on every tab.
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
    <nav aria-label={label} className="border-b border-zinc-200">
      <ul className="-mb-px flex flex-wrap gap-4 text-sm">
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
                  "inline-block border-b-2 px-1 pb-2 font-medium",
                  active
                    ? "border-accent-600 text-accent-700"
                    : "border-transparent text-zinc-500 hover:text-zinc-800",
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
