"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { classNames } from "@/lib/class-names";
import {
  AnalyticsIcon,
  InboxIcon,
  InsightsIcon,
  OverviewIcon,
  SettingsIcon,
  TemplatesIcon,
  TrainingIcon,
} from "./nav-icons";

type NavItem = { label: string; segment: string; icon: ReactNode };

const items: NavItem[] = [
  { label: "Overview", segment: "", icon: <OverviewIcon /> },
  { label: "Inbox", segment: "inbox", icon: <InboxIcon /> },
  { label: "Training", segment: "training", icon: <TrainingIcon /> },
  { label: "Templates", segment: "templates", icon: <TemplatesIcon /> },
  { label: "Analytics", segment: "analytics", icon: <AnalyticsIcon /> },
  { label: "Insights", segment: "insights", icon: <InsightsIcon /> },
  { label: "Settings", segment: "settings", icon: <SettingsIcon /> },
];

export function WorkspaceNav({ slug }: { slug: string }) {
  const pathname = usePathname();
  const root = `/w/${slug}`;
  return (
    <nav aria-label="Workspace">
      <ul className="space-y-0.5">
        {items.map((item) => {
          const href = item.segment ? `${root}/${item.segment}` : root;
          const active = item.segment
            ? pathname === href || pathname.startsWith(`${href}/`)
            : pathname === root;
          return (
            <li key={item.label}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={classNames(
                  "flex items-center gap-3 rounded-md px-2.5 py-2 text-sm font-medium transition-colors",
                  active
                    ? "bg-white text-zinc-900 shadow-xs ring-1 ring-zinc-200"
                    : "text-zinc-600 hover:bg-zinc-200/60 hover:text-zinc-900",
                )}
              >
                <span className={active ? "text-accent-600" : "text-zinc-400"}>{item.icon}</span>
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
