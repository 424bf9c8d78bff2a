import type { Metadata } from "next";
import { AdminsOnly } from "@/components/workspace/admins-only";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";
import { AiSettingsForm } from "./ai-settings-form";
import { AiUsage } from "./ai-usage";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "AI" };

type AiPageProps = { params: Promise<{ workspace: string }> };

/** Settings → AI: the provider this workspace uses, its budget, and what AI has cost. */
export default async function AiSettingsPage({ params }: AiPageProps) {
  const { workspace: slug } = await params;
  const { role } = await requireWorkspaceAccess(slug, `/w/${slug}/settings/ai`);
  if (!isAtLeast(role, "admin")) return <AdminsOnly what="AI settings" />;
  const caller = await getServerCaller(slug);
  const settings = await caller.ai.settings.get();
  const usage = await caller.ai.usage({ days: 14 });
  return (
    <div className="space-y-6">
      <AiSettingsForm initial={settings} />
      <AiUsage usage={usage} />
    </div>
  );
}
