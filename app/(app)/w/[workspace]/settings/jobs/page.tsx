import type { Metadata } from "next";
import { AdminsOnly } from "@/components/workspace/admins-only";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";
import { JobsTable } from "./jobs-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Jobs" };

const PAGE_SIZE = 50;

type JobsPageProps = { params: Promise<{ workspace: string }> };

export default async function JobsPage({ params }: JobsPageProps) {
  const { workspace: slug } = await params;
  const { role } = await requireWorkspaceAccess(slug, `/w/${slug}/settings/jobs`);
  if (!isAtLeast(role, "admin")) return <AdminsOnly what="Background jobs" />;
  const caller = await getServerCaller(slug);
  const [firstPage, types] = await Promise.all([
    caller.jobs.list({ limit: PAGE_SIZE }),
    caller.jobs.types(),
  ]);
  return <JobsTable firstPage={firstPage} pageSize={PAGE_SIZE} types={types} />;
}
