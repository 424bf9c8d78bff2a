import type { Metadata } from "next";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerQueryClient, HydrateClient, serverTRPC } from "@/lib/server/trpc-prefetch";
import { DEFAULT_FILTER, LIST_LIMIT, nextListCursor } from "./inbox-filters";
import { InboxView } from "./inbox-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Inbox" };

type InboxPageProps = { params: Promise<{ workspace: string }> };

/**
 * The agent inbox. The first screen is prefetched here (the open conversations, the first
 * one's thread, the assignees) and hydrated into the client's queries; new messages arrive
 * over server-sent events.
 */
export default async function InboxPage({ params }: InboxPageProps) {
  const { workspace: slug } = await params;
  const { user, role } = await requireWorkspaceAccess(slug, `/w/${slug}/inbox`);
  const trpc = serverTRPC(slug);
  const queryClient = getServerQueryClient();
  const [conversations] = await Promise.all([
    queryClient.fetchInfiniteQuery(
      trpc.inbox.list.infiniteQueryOptions(
        { filter: DEFAULT_FILTER, limit: LIST_LIMIT },
        { getNextPageParam: nextListCursor },
      ),
    ),
    queryClient.prefetchQuery(trpc.inbox.assignees.queryOptions()),
    queryClient.prefetchQuery(trpc.inbox.counts.queryOptions()),
  ]);
  const first = conversations.pages[0]?.[0]?.id ?? null;
  if (first) await queryClient.prefetchQuery(trpc.inbox.get.queryOptions({ id: first }));
  return (
    <HydrateClient>
      <InboxView
        slug={slug}
        userId={user.id}
        isAdmin={isAtLeast(role, "admin")}
        initialConversationId={first}
      />
    </HydrateClient>
  );
}
