import type { Metadata } from "next";
import { AdminsOnly } from "@/components/workspace/admins-only";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";
import { ApiKeysCard } from "./api-keys-card";
import { CreateApiKeyForm } from "./create-api-key-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API keys" };

type ApiKeysPageProps = { params: Promise<{ workspace: string }> };

export default async function ApiKeysPage({ params }: ApiKeysPageProps) {
  const { workspace: slug } = await params;
  const { role } = await requireWorkspaceAccess(slug, `/w/${slug}/settings/api-keys`);
  if (!isAtLeast(role, "admin")) return <AdminsOnly what="API keys" />;

  const caller = await getServerCaller(slug);
  const keys = await caller.apiKeys.list();
  return (
    <>
      <CreateApiKeyForm />
      <ApiKeysCard keys={keys} />
    </>
  );
}
