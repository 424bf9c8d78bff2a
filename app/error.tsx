"use client";

import { CenteredPage } from "@/components/layout/centered-page";
import { Button } from "@/components/ui/button";

/** Anything unexpected while rendering a page. The details are in the server log. */
export default function ErrorPage({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <CenteredPage
      title="Something went wrong"
      description="The page could not be loaded. Please try again in a moment."
    >
      <Button className="w-full" onClick={() => reset()}>
        Try again
      </Button>
    </CenteredPage>
  );
}
