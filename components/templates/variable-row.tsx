import { CheckboxField } from "@/components/ui/checkbox-field";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { VARIABLE_TYPES, type VariableType } from "@/server/templates/language/variable-schema";
import type { VariableForm } from "./editor-form";
import { EditorRow } from "./editor-row";
import { type IssueMap, issueAt } from "./field-issues";

export const variableTypeLabels: Record<VariableType, string> = {
  text: "Text",
  number: "Number",
  date: "Date",
  select: "Select (options)",
  email: "Email",
  url: "URL",
  currency: "Currency amount",
};

const typeOptions = VARIABLE_TYPES.map((value) => ({ value, label: variableTypeLabels[value] }));

type VariableRowProps = {
  index: number;
  count: number;
  variable: VariableForm;
  issues: IssueMap;
  /** "Declared but never used", from the parser. */
  warning?: string;
  usage: number;
  readOnly: boolean;
  onChange: (patch: Partial<VariableForm>) => void;
  onRemove: () => void;
  onMove: (direction: -1 | 1) => void;
};

export function VariableRow({
  index,
  count,
  variable,
  issues,
  warning,
  usage,
  readOnly,
  onChange,
  onRemove,
  onMove,
}: VariableRowProps) {
  const at = (field: string) => issueAt(issues, `variables.${index}.${field}`);
  const rowError = issueAt(issues, `variables.${index}`);
  const label = `Variable ${index + 1}`;
  return (
    <EditorRow
      label={label}
      note={usage > 0 ? `used ${usage === 1 ? "once" : `${usage} times`}` : undefined}
      index={index}
      count={count}
      readOnly={readOnly}
      onMove={onMove}
      onRemove={onRemove}
    >
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_11rem_auto] sm:items-start">
        <FormField label="Variable name" error={at("name")}>
          {(control) => (
            <Input
              {...control}
              value={variable.name}
              onChange={(event) => onChange({ name: event.target.value })}
              readOnly={readOnly}
              autoComplete="off"
              spellCheck={false}
              placeholder={readOnly ? undefined : "order_id"}
              className="font-mono"
            />
          )}
        </FormField>
        <FormField label="Type" error={at("type")}>
          {(control) => (
            <Select
              {...control}
              value={variable.type}
              disabled={readOnly}
              onChange={(event) => onChange({ type: event.target.value as VariableType })}
              options={typeOptions}
            />
          )}
        </FormField>
        <CheckboxField
          label="Required"
          checked={variable.required}
          disabled={readOnly}
          onChange={(required) => onChange({ required })}
          className="sm:mt-7"
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        {variable.type === "select" ? (
          <FormField label="Options" error={at("options")} hint="Comma-separated.">
            {(control) => (
              <Input
                {...control}
                value={variable.options}
                onChange={(event) => onChange({ options: event.target.value })}
                readOnly={readOnly}
                placeholder={readOnly ? undefined : "shipped, delivered, delayed"}
              />
            )}
          </FormField>
        ) : null}
        <FormField label="Fallback" error={at("fallback")} hint="Used when no value is given.">
          {(control) => (
            <Input
              {...control}
              value={variable.fallback}
              onChange={(event) => onChange({ fallback: event.target.value })}
              readOnly={readOnly}
            />
          )}
        </FormField>
        <FormField
          label="Pattern"
          error={at("pattern")}
          hint="Optional regular expression the whole value must match."
        >
          {(control) => (
            <Input
              {...control}
              value={variable.pattern}
              onChange={(event) => onChange({ pattern: event.target.value })}
              readOnly={readOnly}
              spellCheck={false}
              placeholder={readOnly ? undefined : String.raw`[A-Z]{2}-\d{6}`}
              className="font-mono"
            />
          )}
        </FormField>
        <FormField label="Description" error={at("description")} className="sm:col-span-2">
          {(control) => (
            <Input
              {...control}
              value={variable.description}
              onChange={(event) => onChange({ description: event.target.value })}
              readOnly={readOnly}
              placeholder={readOnly ? undefined : "Shown to agents filling it in"}
            />
          )}
        </FormField>
      </div>
      {rowError ? <p className="text-sm text-red-600">{rowError}</p> : null}
      {warning ? <p className="text-sm text-amber-700">{warning}</p> : null}
    </EditorRow>
  );
}
