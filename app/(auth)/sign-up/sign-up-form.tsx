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
import { fieldErrorsOf, formErrorMessage } from "@/lib/trpc-errors";

const NOT_SIGNED_IN =
  "We could not sign you in with this email and password. If this email already has a Parley account, sign in with its password instead (or ask its owner).";

export function SignUpForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const [signInError, setSignInError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const fieldErrors = fieldErrorsOf(signUp.error);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    setSignInError(null);
    try {
      // The answer is the same whether or not this email already has an account (so the form
      // cannot be used to find out); signing in with the same details is what tells the person.
      await signUp.mutateAsync({
        name: String(form.get("name") ?? ""),
        email,
        password,
        workspaceName: String(form.get("workspaceName") ?? ""),
      });
      setSigningIn(true);
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result || result.error) {
        setSigningIn(false);
        setSignInError(NOT_SIGNED_IN);
        return;
      }
      // Home goes to the user's workspace.
      router.push("/");
      router.refresh();
    } catch {
      // The mutation's error is rendered from signUp.error below.
      setSigningIn(false);
    }
  }

  const pending = signUp.isPending || signingIn;
  const formError = signInError ?? formErrorMessage(signUp.error);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <FormField label="Name" error={fieldErrors.name}>
        {(control) => <Input {...control} name="name" autoComplete="name" required autoFocus />}
      </FormField>
      <FormField label="Email" error={fieldErrors.email}>
        {(control) => (
          <Input {...control} name="email" type="email" autoComplete="email" required />
        )}
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
      <FormField
        label="Workspace name"
        error={fieldErrors.workspaceName}
        hint="Usually your company or team. You can change it later."
      >
        {(control) => (
          <Input {...control} name="workspaceName" autoComplete="organization" required />
        )}
      </FormField>
      <Button type="submit" className="w-full" pending={pending} pendingLabel="Creating account…">
        Create account
      </Button>
    </form>
  );
}
