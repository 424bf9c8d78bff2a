"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { pluralize } from "@/lib/format";
import { fieldErrorsOf, formErrorMessage } from "@/lib/trpc-errors";

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      onSuccess: () => {
        formRef.current?.reset();
        // The list of devices above has changed.
        router.refresh();
      },
    }),
  );
  const fieldErrors = fieldErrorsOf(change.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    change.mutate({
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
    });
  }

  const done = change.data;
  const formError = fieldErrors.currentPassword ? null : formErrorMessage(change.error);
  return (
    <Card aria-labelledby="change-password-title">
      <CardHeader
        id="change-password-title"
        title="Change password"
        description="Every other device signed in to your account is signed out; this one stays."
      />
      <CardBody>
        <form ref={formRef} onSubmit={onSubmit} noValidate className="max-w-md space-y-4">
          {done ? (
            <Alert tone="success">
              Password changed.{" "}
              {done.endedSessions > 0
                ? `${pluralize(done.endedSessions, "other device")} signed out.`
                : "No other device was signed in."}
            </Alert>
          ) : null}
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <FormField label="Current password" error={fieldErrors.currentPassword}>
            {(control) => (
              <Input
                {...control}
                name="currentPassword"
                type="password"
                autoComplete="current-password"
                required
              />
            )}
          </FormField>
          <FormField
            label="New password"
            error={fieldErrors.newPassword}
            hint="At least 8 characters."
          >
            {(control) => (
              <Input
                {...control}
                name="newPassword"
                type="password"
                autoComplete="new-password"
                required
              />
            )}
          </FormField>
          <Button type="submit" pending={change.isPending} pendingLabel="Changing…">
            Change password
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
