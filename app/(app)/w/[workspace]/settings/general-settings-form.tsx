"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select, type SelectOption } from "@/components/ui/select";
import { fieldErrorsOf, formErrorMessage } from "@/lib/trpc-errors";

type Settings = { name: string; slug: string; locale: string; currency: string; timezone: string };

type GeneralSettingsFormProps = {
  workspace: Settings;
  canEdit: boolean;
  currencies: SelectOption[];
  timeZones: SelectOption[];
  locales: SelectOption[];
};

const fields = ["name", "slug", "locale", "currency", "timezone"] as const;

export function GeneralSettingsForm({
  workspace,
  canEdit,
  currencies,
  timeZones,
  locales,
}: GeneralSettingsFormProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState<Settings>(workspace);
  const [values, setValues] = useState<Settings>(workspace);
  const [justSaved, setJustSaved] = useState(false);
  const update = useMutation(trpc.workspace.update.mutationOptions());
  const fieldErrors = fieldErrorsOf(update.error);

  const changes = Object.fromEntries(
    fields.filter((field) => values[field] !== saved[field]).map((field) => [field, values[field]]),
  ) as Partial<Settings>;
  const dirty = Object.keys(changes).length > 0;

  function set(field: keyof Settings, value: string) {
    setJustSaved(false);
    setValues((current) => ({ ...current, [field]: value }));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!dirty) return;
    try {
      const result = await update.mutateAsync(changes);
      const next = { ...values, ...result };
      setSaved(next);
      setValues(next);
      setJustSaved(true);
      if (next.slug !== workspace.slug) {
        // The address changed: move to the same page under the new slug.
        router.replace(`/w/${encodeURIComponent(next.slug)}/settings`);
      }
      router.refresh();
    } catch {
      // Shown from update.error.
    }
  }

  const formError = formErrorMessage(update.error);
  return (
    <form onSubmit={onSubmit} noValidate>
      <Card>
        <CardHeader
          title="General"
          description={
            canEdit
              ? "The workspace's name, address and regional settings."
              : "Only admins can change these settings."
          }
        />
        <CardBody className="space-y-5">
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          {justSaved && !update.isPending ? <Alert tone="success">Settings saved.</Alert> : null}
          <div className="grid gap-5 sm:grid-cols-2">
            <FormField label="Workspace name" error={fieldErrors.name}>
              {(control) => (
                <Input
                  {...control}
                  name="name"
                  value={values.name}
                  onChange={(e) => set("name", e.target.value)}
                  readOnly={!canEdit}
                  required
                />
              )}
            </FormField>
            <FormField
              label="Slug"
              error={fieldErrors.slug}
              hint={`The workspace's address: /w/${values.slug || "…"}. Old links stop working when it changes.`}
            >
              {(control) => (
                <Input
                  {...control}
                  name="slug"
                  value={values.slug}
                  onChange={(e) => set("slug", e.target.value)}
                  readOnly={!canEdit}
                  autoCapitalize="none"
                  spellCheck={false}
                  required
                />
              )}
            </FormField>
            <FormField
              label="Locale"
              error={fieldErrors.locale}
              hint="How dates, numbers and amounts are written in replies."
            >
              {(control) => (
                <Select
                  {...control}
                  name="locale"
                  value={values.locale}
                  onChange={(e) => set("locale", e.target.value)}
                  disabled={!canEdit}
                  options={locales}
                />
              )}
            </FormField>
            <FormField label="Currency" error={fieldErrors.currency}>
              {(control) => (
                <Select
                  {...control}
                  name="currency"
                  value={values.currency}
                  onChange={(e) => set("currency", e.target.value)}
                  disabled={!canEdit}
                  options={currencies}
                />
              )}
            </FormField>
            <FormField label="Time zone" error={fieldErrors.timezone} className="sm:col-span-2">
              {(control) => (
                <Select
                  {...control}
                  name="timezone"
                  value={values.timezone}
                  onChange={(e) => set("timezone", e.target.value)}
                  disabled={!canEdit}
                  options={timeZones}
                />
              )}
            </FormField>
          </div>
        </CardBody>
        {canEdit ? (
          <CardFooter>
            {dirty ? (
              <Button
                variant="ghost"
                onClick={() => {
                  update.reset();
                  setValues(saved);
                }}
                disabled={update.isPending}
              >
                Discard changes
              </Button>
            ) : null}
            <Button type="submit" disabled={!dirty} pending={update.isPending}>
              Save changes
            </Button>
          </CardFooter>
        ) : null}
      </Card>
    </form>
  );
}
