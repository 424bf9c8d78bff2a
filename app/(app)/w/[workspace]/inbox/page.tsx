import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { InboxIcon } from "@/components/workspace/nav-icons";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Inbox" };

type InboxPageProps = { params: Promise<{ workspace: string }> };

export default async function InboxPage({ params }: InboxPageProps) {
  const { workspace: slug } = await params;
  await requireWorkspaceAccess(slug, `/w/${slug}/inbox`);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Inbox"
        description="Customer conversations, with suggested replies beside each one."
      />
      <EmptyState
        icon={<InboxIcon />}
        title="No conversations yet"
        description="Conversations will appear here once they can be pushed in from your help desk or imported. Each one will show the suggested reply templates, filled in from the conversation."
      />
    </div>
  );
}
