"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { classNames } from "@/lib/class-names";
import { formErrorMessage } from "@/lib/trpc-errors";
import type { TemplateVisibility } from "@/server/templates/store/visibility";
import type { TemplateDetail } from "./template-types";
import { templatesPath } from "./template-types";

export const VISIBILITY_LABELS: Record<TemplateVisibility, string> = {
  personal: "Personal: only you",
  everyone: "Shared with everyone",
  admins: "Shared with admins only",
};

type SharingPanelProps = {
  slug: string;
  saved: TemplateDetail | null;
  visibility: TemplateVisibility;
  onVisibilityChange: (visibility: TemplateVisibility) => void;
  /** Admins choose any visibility; agents keep personal templates only. */
  isAdmin: boolean;
  readOnly: boolean;
};

/**
 * Who sees the template (personal or shared, for everyone or admins only) and its languages:
 * each translation is a template of its own, linked here, and "Add translation" starts one as
 * a copy of this one to translate.
 */
export function SharingPanel({
  slug,
  saved,
  visibility,
  onVisibilityChange,
  isAdmin,
  readOnly,
}: SharingPanelProps) {
  return (
    <Card>
      <CardBody className="grid gap-4 sm:grid-cols-2">
        <FormField
          label="Who sees it"
          hint={
            isAdmin
              ? "Personal templates are yours alone; shared ones reach agents or admins."
              : "Your templates are personal: only you see them. Admins manage shared ones."
          }
        >
          {(control) => (
            <Select
              {...control}
              value={visibility}
              disabled={readOnly || !isAdmin}
              onChange={(event) => onVisibilityChange(event.target.value as TemplateVisibility)}
            >
              {(Object.keys(VISIBILITY_LABELS) as TemplateVisibility[]).map((value) => (
                <option key={value} value={value} disabled={!isAdmin && value !== "personal"}>
                  {VISIBILITY_LABELS[value]}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        {saved ? <Translations slug={slug} template={saved} readOnly={readOnly} /> : null}
      </CardBody>
    </Card>
  );
}

function Translations({
  slug,
  template,
  readOnly,
}: {
  slug: string;
  template: TemplateDetail;
  readOnly: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const variants = useQuery(trpc.templates.translations.list.queryOptions({ id: template.id }));
  const add = useMutation(trpc.templates.translations.add.mutationOptions());
  const [language, setLanguage] = useState("");

  async function addTranslation() {
    const tag = language.trim();
    if (!tag) return;
    try {
      const created = await add.mutateAsync({ id: template.id, language: tag });
      await queryClient.invalidateQueries({ queryKey: trpc.templates.pathKey() });
      router.push(templatesPath(slug, created.id));
    } catch {
      // Shown below from the mutation's error.
    }
  }

  return (
    <div className="space-y-2">
      <p className="text-sm font-medium text-zinc-900">Languages</p>
      <ul className="flex flex-wrap gap-2" aria-label="Translations">
        {(variants.data ?? [template]).map((variant) => (
          <li key={variant.id}>
            <Link
              href={templatesPath(slug, variant.id)}
              aria-current={variant.id === template.id ? "page" : undefined}
              className={classNames(
                "rounded border px-2 py-0.5 text-sm uppercase",
                variant.id === template.id
                  ? "border-accent-500 bg-accent-50 text-accent-800"
                  : "border-zinc-300 text-zinc-700 hover:bg-zinc-50",
              )}
            >
              {variant.language}
            </Link>
          </li>
        ))}
      </ul>
      {readOnly ? null : (
        <div className="flex flex-wrap items-center gap-2">
          <Input
            aria-label="Language of the new translation"
            placeholder="fr, de, pt-BR…"
            value={language}
            onChange={(event) => setLanguage(event.target.value)}
            className="h-9 w-32"
          />
          <Button
            size="sm"
            variant="secondary"
            onClick={() => void addTranslation()}
            disabled={add.isPending || language.trim() === ""}
          >
            Add translation
          </Button>
          {add.error ? (
            <span role="alert" className="text-sm text-red-700">
              {formErrorMessage(add.error)}
            </span>
          ) : null}
        </div>
      )}
    </div>
  );
}
