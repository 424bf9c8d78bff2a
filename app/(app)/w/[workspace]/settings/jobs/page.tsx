import type { Metadata } from "next";
import { AdminsOnly } from "@/components/workspace/admins-only";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";
import { isStatusFilter, jobsListInput } from "./job-filters";
import { JobsTable } from "./jobs-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Jobs" };

const PAGE_SIZE = 50;

type JobsPageProps = {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Settings → Jobs; `?status=failed&type=model-training` opens it filtered (links from elsewhere). */
export default async function JobsPage({ params, searchParams }: JobsPageProps) {
  const { workspace: slug } = await params;
  const { role } = await requireWorkspaceAccess(slug, `/w/${slug}/settings/jobs`);
  if (!isAtLeast(role, "admin")) return <AdminsOnly what="Background jobs" />;
  const caller = await getServerCaller(slug);
  const search = await searchParams;
  const status = isStatusFilter(search.status) ? search.status : "any";
  // Only a plausible job name (letters, digits, dashes) is taken from the address.
  const type =
    typeof search.type === "string" && /^[a-z0-9-]{1,100}$/.test(search.type) ? search.type : "";
  const filters = { status, type };
  const [firstPage, types] = await Promise.all([
    caller.jobs.list(jobsListInput(filters, PAGE_SIZE)),
    caller.jobs.types(),
  ]);
  return (
    <JobsTable firstPage={firstPage} initialFilters={filters} pageSize={PAGE_SIZE} types={types} />
  );
}
