import type { Metadata } from "next";
import { AdminsOnly } from "@/components/workspace/admins-only";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";
import { JobsTable } from "./jobs-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Jobs" };

type JobsPageProps = { params: Promise<{ workspace: string }> };

export default async function JobsPage({ params }: JobsPageProps) {
  const { workspace: slug } = await params;
  const { role } = await requireWorkspaceAccess(slug, `/w/${slug}/settings/jobs`);
  if (!isAtLeast(role, "admin")) return <AdminsOnly what="Background jobs" />;
  const caller = await getServerCaller(slug);
  const jobs = await caller.jobs.list({ limit: 50 });
  return <JobsTable initial={jobs} />;
}
