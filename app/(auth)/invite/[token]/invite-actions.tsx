"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { signOutTo } from "@/lib/sign-out";
import { fieldErrorsOf, formErrorMessage } from "@/lib/trpc-errors";

function workspacePath(slug: string): string {
  return `/w/${encodeURIComponent(slug)}`;
}

/** Signed in as the invited email: one click. */
export function JoinWorkspaceButton({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(
    trpc.auth.acceptInvitation.mutationOptions({
      onSuccess: ({ workspace }) => {
        router.push(workspacePath(workspace.slug));
        router.refresh();
      },
    }),
  );
  const error = formErrorMessage(accept.error);
  return (
    <div className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button
        className="w-full"
        onClick={() => accept.mutate({ token })}
        pending={accept.isPending || accept.isSuccess}
        pendingLabel="Joining…"
      >
        Join workspace
      </Button>
    </div>
  );
}

/** No account yet: choose a name and password, join, then sign in. */
export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(trpc.auth.acceptInvitation.mutationOptions());
  const [signInError, setSignInError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const fieldErrors = fieldErrorsOf(accept.error);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    setSignInError(null);
    try {
      const joined = await accept.mutateAsync({
        token,
        name: String(form.get("name") ?? ""),
        password,
      });
      setSigningIn(true);
      const result = await signIn("credentials", {
        email: joined.email,
        password,
        redirect: false,
      });
      if (!result || result.error) {
        setSigningIn(false);
        setSignInError("You joined the workspace, but signing in failed. Please sign in.");
        return;
      }
      router.push(workspacePath(joined.workspace.slug));
      router.refresh();
    } catch {
      setSigningIn(false);
    }
  }

  const formError = signInError ?? formErrorMessage(accept.error);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <FormField label="Email" hint="The address this invitation was sent to.">
        {(control) => <Input {...control} value={email} readOnly autoComplete="email" />}
      </FormField>
      <FormField label="Name" error={fieldErrors.name}>
        {(control) => <Input {...control} name="name" autoComplete="name" required autoFocus />}
      </FormField>
      <FormField label="Password" error={fieldErrors.password} hint="At least 8 characters.">
        {(control) => (
          <Input
            {...control}
            name="password"
            type="password"
            autoComplete="new-password"
            required
          />
        )}
      </FormField>
      <Button
        type="submit"
        className="w-full"
        pending={accept.isPending || signingIn}
        pendingLabel="Joining…"
      >
        Join workspace
      </Button>
    </form>
  );
}

export function SwitchAccountButton({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="secondary"
      className="mt-6 w-full"
      pending={pending}
      pendingLabel="Signing out…"
      onClick={() => {
        setPending(true);
        void signOutTo(callbackUrl);
      }}
    >
      Sign out
    </Button>
  );
}
