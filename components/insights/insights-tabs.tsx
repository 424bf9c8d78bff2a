"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { classNames } from "@/lib/class-names";

const TABS = [
  { label: "Overview", segment: "" },
  { label: "Knowledge gaps", segment: "gaps" },
  { label: "Topics", segment: "patterns" },
  { label: "Recommendations", segment: "recommendations" },
] as const;

/** The sections of the insights area, with the current one marked; a chosen run (?run=) stays. */
export function InsightsTabs({ slug }: { slug: string }) {
  const pathname = usePathname();
  const run = useSearchParams().get("run");
  const root = `/w/${slug}/insights`;
  const query = run ? `?run=${encodeURIComponent(run)}` : "";
  return (
    <nav aria-label="Insights sections" className="border-b border-zinc-200">
      <ul className="-mb-px flex flex-wrap gap-4 text-sm">
        {TABS.map((tab) => {
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
