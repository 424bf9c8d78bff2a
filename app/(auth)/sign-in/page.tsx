import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CenteredPage } from "@/components/layout/centered-page";
import { safeCallbackUrl } from "@/lib/safe-callback-url";
import { requestOrigin } from "@/server/api/context";
import { getCurrentUser } from "@/server/api/server-caller";
import { enabledOAuthProviders } from "@/server/auth/auth";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

type SignInPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Auth.js sends OAuth failures back here as `?error=<type>`. */
function oauthErrorMessage(error: string | string[] | undefined): string | null {
  if (!error) return null;
  if (error === "OAuthAccountNotLinked") {
    return "This email already has an account. Sign in with your password instead.";
  }
  if (error === "CredentialsSignin") return null;
  return "Signing in did not work. Please try again.";
}

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl, {
    origin: requestOrigin(await headers()),
  });
  if (await getCurrentUser()) redirect(callbackUrl);

  return (
    <CenteredPage
      title="Sign in to Parley"
      description="Welcome back. Sign in to your workspace."
      footer={
        <>
          New to Parley?{" "}
          <Link href="/sign-up" className="font-medium text-accent-700 hover:underline">
            Create an account
          </Link>
        </>
      }
    >
      <SignInForm
        callbackUrl={callbackUrl}
        oauthProviders={enabledOAuthProviders()}
        initialError={oauthErrorMessage(params.error)}
      />
    </CenteredPage>
  );
}
