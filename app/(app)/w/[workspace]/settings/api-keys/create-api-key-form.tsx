"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { fieldErrorsOf, formErrorMessage } from "@/lib/trpc-errors";

const scopeOptions = [
  { value: "read", label: "Read only" },
  { value: "write", label: "Read and write" },
];

export function CreateApiKeyForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: () => {
        formRef.current?.reset();
        router.refresh();
      },
    }),
  );
  const fieldErrors = fieldErrorsOf(create.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({
      name: String(form.get("name") ?? ""),
      scope: form.get("scope") === "write" ? "write" : "read",
    });
  }

  const created = create.data;
  const formError = formErrorMessage(create.error);
  return (
    <Card>
      <CardHeader
        title="Create an API key"
        description="Keys let your own systems call Parley's API for this workspace. Read-only keys cannot change anything."
      />
      <CardBody className="space-y-4">
        {created ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-4" role="status">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="space-y-1">
                <p className="text-sm font-semibold text-amber-950">
                  Copy the key “{created.apiKey.name}” now
                </p>
                <p className="text-sm text-amber-900">
                  This is the only time it is shown. Parley stores only a hash; if you lose it,
                  revoke it and create a new one.
                </p>
              </div>
              <Button variant="ghost" size="sm" onClick={() => create.reset()}>
                Dismiss
              </Button>
            </div>
            <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
              <code
                data-testid="api-key-secret"
                className="block min-w-0 flex-1 rounded border border-amber-200 bg-white px-2 py-1.5 font-mono text-xs break-all text-zinc-900"
              >
                {created.key}
              </code>
              <CopyButton value={created.key} label="Copy key" />
            </div>
          </div>
        ) : null}
        <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <div className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start">
            <FormField
              label="Key name"
              error={fieldErrors.name}
              hint="Where it is used, e.g. “Zendesk sync”."
            >
              {(control) => (
                <Input {...control} name="name" autoComplete="off" maxLength={80} required />
              )}
            </FormField>
            <FormField label="Scope" error={fieldErrors.scope}>
              {(control) => (
                <Select {...control} name="scope" defaultValue="read" options={scopeOptions} />
              )}
            </FormField>
            <Button
              type="submit"
              className="sm:mt-7"
              pending={create.isPending}
              pendingLabel="Creating…"
            >
              Create key
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
