import type { Metadata } from "next";
import { headers } from "next/headers";
import { AdminsOnly } from "@/components/workspace/admins-only";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";
import { InboxSettingsForm } from "./inbox-settings-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Inbox" };

type InboxSettingsPageProps = { params: Promise<{ workspace: string }> };

/** The outbound-reply job's name (server/jobs/definitions/outbound-reply.ts). */
const OUTBOUND_JOB = "inbox-outbound-reply";

/**
 * Settings → Inbox: where the help desk pushes conversations (the signed webhook), the signing
 * secret (rotated here, shown once), where replies go out, and how recent deliveries went.
 */
export default async function InboxSettingsPage({ params }: InboxSettingsPageProps) {
  const { workspace: slug } = await params;
  const { role, workspace } = await requireWorkspaceAccess(slug, `/w/${slug}/settings/inbox`);
  if (!isAtLeast(role, "admin")) return <AdminsOnly what="Inbox settings" />;
  const caller = await getServerCaller(slug);
  const [settings, jobs] = await Promise.all([
    caller.inbox.settings.get(),
    caller.jobs.list({ name: OUTBOUND_JOB, limit: 10 }),
  ]);
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") ? "http" : "https");
  return (
    <InboxSettingsForm
      initial={settings}
      webhookUrl={`${proto}://${host}/api/inbox/webhook`}
      workspaceId={workspace.id}
      deliveries={jobs.items}
    />
  );
}
