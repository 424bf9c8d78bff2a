import { CenteredPage } from "@/components/layout/centered-page";
import { ButtonLink } from "@/components/ui/button";

export default function NotFound() {
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
