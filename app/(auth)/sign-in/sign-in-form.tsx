"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { safeCallbackUrl } from "@/lib/safe-callback-url";

type OAuthProvider = { id: "github" | "google"; name: string };

type SignInFormProps = {
  callbackUrl: string;
  oauthProviders: OAuthProvider[];
  initialError: string | null;
};

const INCORRECT = "Email or password is incorrect";
const RATE_LIMITED = "Too many attempts, try again later";

export function SignInForm({ callbackUrl, oauthProviders, initialError }: SignInFormProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (!result || result.error) {
        setError(result?.code === "rate_limited" ? RATE_LIMITED : INCORRECT);
        setPending(false);
        return;
      }
      // The page already checked it; checked again against the origin the browser is on.
      router.push(safeCallbackUrl(callbackUrl, { origin: window.location.origin }));
      router.refresh();
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
      setPending(false);
    }
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="space-y-4">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <FormField label="Email">
          {(control) => (
            <Input {...control} name="email" type="email" autoComplete="email" required autoFocus />
          )}
        </FormField>
        <FormField label="Password">
          {(control) => (
            <Input
              {...control}
              name="password"
              type="password"
              autoComplete="current-password"
              required
            />
          )}
        </FormField>
        <Button type="submit" className="w-full" pending={pending} pendingLabel="Signing in…">
          Sign in
        </Button>
      </form>
      {oauthProviders.length > 0 ? (
        <div className="space-y-3">
          <div className="flex items-center gap-3 text-xs text-zinc-400">
            <span className="h-px flex-1 bg-zinc-200" />
            or
            <span className="h-px flex-1 bg-zinc-200" />
          </div>
          {oauthProviders.map((provider) => (
            <Button
              key={provider.id}
              variant="secondary"
              className="w-full"
              onClick={() => signIn(provider.id, { redirectTo: callbackUrl })}
            >
              Continue with {provider.name}
            </Button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
