"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { fieldErrorsOf, formErrorMessage } from "@/lib/trpc-errors";

export function NewWorkspaceForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(
    trpc.workspace.create.mutationOptions({
      onSuccess: (workspace) => {
        router.push(`/w/${encodeURIComponent(workspace.slug)}`);
        router.refresh();
      },
    }),
  );
  const fieldErrors = fieldErrorsOf(create.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({ name: String(form.get("name") ?? "") });
  }

  const error = formErrorMessage(create.error);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <FormField
        label="Workspace name"
        error={fieldErrors.name}
        hint="Usually your company or team."
      >
        {(control) => (
          <Input {...control} name="name" autoComplete="organization" required autoFocus />
        )}
      </FormField>
      <Button
        type="submit"
        className="w-full"
        pending={create.isPending || create.isSuccess}
        pendingLabel="Creating…"
      >
        Create workspace
      </Button>
    </form>
  );
}
