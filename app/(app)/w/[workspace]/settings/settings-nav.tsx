"use client";

import { SectionTabs } from "@/components/ui/section-tabs";

const SECTIONS = [
  { label: "General", segment: "" },
  { label: "Members & invitations", segment: "members" },
  { label: "API keys", segment: "api-keys" },
  { label: "Audit log", segment: "audit" },
  { label: "Jobs", segment: "jobs" },
  { label: "AI", segment: "ai" },
  { label: "Inbox", segment: "inbox" },
  { label: "Your account", segment: "account" },
] as const;

export function SettingsNav({ slug }: { slug: string }) {
  return <SectionTabs label="Settings" root={`/w/${slug}/settings`} tabs={SECTIONS} />;
}
