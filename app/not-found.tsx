import { connection } from "next/server";
import { CenteredPage } from "@/components/layout/centered-page";
import { ButtonLink } from "@/components/ui/button";

export default async function NotFound() {
  // Rendered per request, like every page: its scripts need this request's CSP nonce.
  await connection();
  return (
    <CenteredPage
      title="Page not found"
      description="This page does not exist, or it belongs to a workspace you are not a member of."
    >
      <ButtonLink href="/" className="w-full">
        Go to my workspaces
      </ButtonLink>
    </CenteredPage>
  );
}
