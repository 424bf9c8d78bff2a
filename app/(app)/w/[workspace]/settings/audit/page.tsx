import type { Metadata } from "next";
import { AdminsOnly } from "@/components/workspace/admins-only";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";
import { AuditLog } from "./audit-log";

const PAGE_SIZE = 25;

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

type AuditPageProps = { params: Promise<{ workspace: string }> };

export default async function AuditPage({ params }: AuditPageProps) {
  const { workspace: slug } = await params;
  const { role } = await requireWorkspaceAccess(slug, `/w/${slug}/settings/audit`);
  if (!isAtLeast(role, "admin")) return <AdminsOnly what="The audit log and workspace settings" />;

  const caller = await getServerCaller(slug);
  const firstPage = await caller.audit.list({ limit: PAGE_SIZE });
  return <AuditLog firstPage={firstPage} pageSize={PAGE_SIZE} />;
}
