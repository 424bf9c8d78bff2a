import { useId } from "react";
import { Card, CardBody } from "@/components/ui/card";
import { CharacterCount } from "@/components/ui/character-count";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import {
  MAX_CATEGORY_LENGTH,
  MAX_TAGS,
  MAX_TEMPLATE_NAME_LENGTH,
} from "@/server/templates/language/limits";
import type { TemplateStatus } from "@/server/templates/language/template-schema";
import type { EditorForm } from "./editor-form";
import { type IssueMap, issueAt } from "./field-issues";
import { statusOptions } from "./template-status";

const tagCount = (tags: string) => tags.split(",").filter((t) => t.trim() !== "").length;

const commonLanguages = ["en", "en-GB", "de", "es", "fr", "it", "nl", "pt-BR", "sv", "ja", "zh"];

type DetailsFieldsProps = {
  form: EditorForm;
  onChange: (patch: Partial<EditorForm>) => void;
  categories: readonly string[];
  issues: IssueMap;
  readOnly: boolean;
};

/** Name, category, status, tags and language: what the library lists and filters by. */
export function DetailsFields({
  form,
  onChange,
  categories,
  issues,
  readOnly,
}: DetailsFieldsProps) {
  const categoryListId = useId();
  const languageListId = useId();
  return (
    <Card>
      <CardBody className="grid gap-4 sm:grid-cols-2 lg:grid-cols-6">
        <FormField
          label="Name"
          error={issueAt(issues, "name")}
          hint={
            readOnly ? undefined : (
              <CharacterCount count={form.name.length} max={MAX_TEMPLATE_NAME_LENGTH} />
            )
          }
          className="sm:col-span-2 lg:col-span-4"
        >
          {(control) => (
            <Input
              {...control}
              value={form.name}
              onChange={(event) => onChange({ name: event.target.value })}
              readOnly={readOnly}
              autoComplete="off"
              placeholder={readOnly ? undefined : "Order status inquiry"}
              required
            />
          )}
        </FormField>
        <FormField label="Status" error={issueAt(issues, "status")} className="lg:col-span-2">
          {(control) => (
            <Select
              {...control}
              value={form.status}
              disabled={readOnly}
              onChange={(event) => onChange({ status: event.target.value as TemplateStatus })}
              options={statusOptions}
            />
          )}
        </FormField>
        <FormField
          label="Category"
          error={issueAt(issues, "category")}
          hint={
            readOnly ? undefined : (
              <>
                Pick one or type a new one.{" "}
                <CharacterCount count={form.category.trim().length} max={MAX_CATEGORY_LENGTH} />
              </>
            )
          }
          className="lg:col-span-2"
        >
          {(control) => (
            <>
              <Input
                {...control}
                list={categoryListId}
                value={form.category}
                onChange={(event) => onChange({ category: event.target.value })}
                readOnly={readOnly}
                autoComplete="off"
                placeholder={readOnly ? undefined : "Orders"}
              />
              <datalist id={categoryListId}>
                {categories.map((name) => (
                  <option key={name} value={name} />
                ))}
              </datalist>
            </>
          )}
        </FormField>
        <FormField
          label="Tags"
          error={issueAt(issues, "tags")}
          hint={
            readOnly ? undefined : (
              <>
                Comma-separated, each at most 50 characters.{" "}
                <CharacterCount count={tagCount(form.tags)} max={MAX_TAGS} unit="tags" />
              </>
            )
          }
          className="lg:col-span-3"
        >
          {(control) => (
            <Input
              {...control}
              value={form.tags}
              onChange={(event) => onChange({ tags: event.target.value })}
              readOnly={readOnly}
              autoComplete="off"
              placeholder={readOnly ? undefined : "shipping, tracking"}
            />
          )}
        </FormField>
        <FormField label="Language" error={issueAt(issues, "language")} className="lg:col-span-1">
          {(control) => (
            <>
              <Input
                {...control}
                list={languageListId}
                value={form.language}
                onChange={(event) => onChange({ language: event.target.value })}
                readOnly={readOnly}
                autoComplete="off"
                spellCheck={false}
              />
              <datalist id={languageListId}>
                {commonLanguages.map((tag) => (
                  <option key={tag} value={tag} />
                ))}
              </datalist>
            </>
          )}
        </FormField>
      </CardBody>
    </Card>
  );
}
