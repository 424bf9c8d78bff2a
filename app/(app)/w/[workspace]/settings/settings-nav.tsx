"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { classNames } from "@/lib/class-names";

const sections = [
  { label: "General", segment: "" },
  { label: "Members & invitations", segment: "/members" },
  { label: "API keys", segment: "/api-keys" },
  { label: "Audit log", segment: "/audit" },
  { label: "Jobs", segment: "/jobs" },
  { label: "AI", segment: "/ai" },
  { label: "Inbox", segment: "/inbox" },
  { label: "Your account", segment: "/account" },
];

/** Tabs on wide screens, a scrollable row on phones. */
export function SettingsNav({ slug }: { slug: string }) {
  const pathname = usePathname();
  const base = `/w/${slug}/settings`;
  return (
    <nav
      aria-label="Settings"
      className="-mx-4 overflow-x-auto border-b border-zinc-200 px-4 sm:mx-0 sm:px-0"
    >
      <ul className="flex min-w-max gap-1">
        {sections.map((section) => {
          const href = `${base}${section.segment}`;
          const active = pathname === href;
          return (
            <li key={section.label}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={classNames(
                  "-mb-px inline-block border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap",
                  active
                    ? "border-accent-600 text-zinc-900"
                    : "border-transparent text-zinc-500 hover:border-zinc-300 hover:text-zinc-800",
                )}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
