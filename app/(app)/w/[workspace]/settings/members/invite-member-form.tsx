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
import { assignableRoles, type Role, roleLabels } from "@/lib/roles";
import { fieldErrorsOf, formErrorMessage } from "@/lib/trpc-errors";

export function InviteMemberForm({ viewerRole }: { viewerRole: Role }) {
  const trpc = useTRPC();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const invite = useMutation(
    trpc.workspace.members.invite.mutationOptions({
      onSuccess: () => {
        formRef.current?.reset();
        router.refresh();
      },
    }),
  );
  const fieldErrors = fieldErrorsOf(invite.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    invite.mutate({
      email: String(form.get("email") ?? ""),
      role: String(form.get("role") ?? "agent") as Role,
    });
  }

  const result = invite.data;
  const formError = formErrorMessage(invite.error);
  return (
    <Card>
      <CardHeader
        title="Invite a teammate"
        description="They get a link to join this workspace. Links expire after 7 days."
      />
      <CardBody className="space-y-4">
        <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <div className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start">
            <FormField label="Email" error={fieldErrors.email}>
              {(control) => (
                <Input
                  {...control}
                  name="email"
                  type="email"
                  autoComplete="off"
                  placeholder="teammate@company.com"
                  required
                />
              )}
            </FormField>
            <FormField label="Role" error={fieldErrors.role}>
              {(control) => (
                <Select
                  {...control}
                  name="role"
                  defaultValue="agent"
                  options={assignableRoles(viewerRole).map((role) => ({
                    value: role,
                    label: roleLabels[role],
                  }))}
                />
              )}
            </FormField>
            <Button
              type="submit"
              className="sm:mt-7"
              pending={invite.isPending}
              pendingLabel="Sending…"
            >
              Send invitation
            </Button>
          </div>
          <p className="text-xs text-zinc-500">
            Agents work in the inbox with suggested replies. Admins also manage settings, members,
            API keys, training and templates.
          </p>
        </form>
        {result && !invite.isPending ? (
          <Alert
            tone="success"
            title={
              result.emailed === "queued"
                ? `Invitation created; an e-mail is on its way to ${result.invitation.email}`
                : `Invitation created for ${result.invitation.email}`
            }
          >
            <p className="mb-2">
              {result.emailed === "queued"
                ? "You can also share this link yourself (Open invitations below shows whether the e-mail was delivered):"
                : "No email server is configured, so send them this link yourself:"}
            </p>
            <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
              <code
                data-testid="invite-link"
                className="block min-w-0 flex-1 rounded border border-emerald-200 bg-white px-2 py-1.5 font-mono text-xs break-all text-zinc-800"
              >
                {result.inviteUrl}
              </code>
              <CopyButton value={result.inviteUrl} label="Copy link" />
            </div>
          </Alert>
        ) : null}
      </CardBody>
    </Card>
  );
}
