import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { SettingsNav } from "./settings-nav";

type SettingsLayoutProps = { children: ReactNode; params: Promise<{ workspace: string }> };

/** The settings area owns the page's h1; each section below it starts at h2. */
export default async function SettingsLayout({ children, params }: SettingsLayoutProps) {
  const { workspace: slug } = await params;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Settings"
        description="Workspace details, people, API access, the audit trail, and your own account."
      />
      <SettingsNav slug={slug} />
      <div className="space-y-6">{children}</div>
    </div>
  );
}
