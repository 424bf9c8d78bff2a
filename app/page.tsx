import { redirect } from "next/navigation";
import { getMyWorkspaces } from "@/lib/server/workspace-access";
import { getCurrentUser } from "@/server/api/server-caller";

export const dynamic = "force-dynamic";

/** Home: straight into the first workspace, or to creating one, or to sign in. */
export default async function HomePage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const [first] = await getMyWorkspaces();
  redirect(first ? `/w/${encodeURIComponent(first.workspace.slug)}` : "/w/new");
}
