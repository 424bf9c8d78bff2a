import { CheckboxField } from "@/components/ui/checkbox-field";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { MAX_TRIGGER_WEIGHT } from "@/server/templates/language/limits";
import { TRIGGER_KINDS, type TriggerKind } from "@/server/templates/language/trigger-schema";
import type { TriggerForm } from "./editor-form";
import { EditorRow } from "./editor-row";
import { type IssueMap, issueAt } from "./field-issues";

const kindLabels: Record<TriggerKind, string> = {
  keyword: "Keyword",
  phrase: "Phrase",
  regex: "Regex",
  intent: "Intent",
  sentiment: "Sentiment",
};

const kindHints: Record<TriggerKind, string> = {
  keyword: "A word the customer's message contains.",
  phrase: "Words that appear together, in this order.",
  regex: "Matched case-insensitively against the message.",
  intent:
    "An intent the model predicts: a label from the training data, or a template's name. Fires when it is the model's first guess, as confident as the model is.",
  sentiment: "positive, neutral or negative.",
};

const kindPlaceholders: Record<TriggerKind, string> = {
  keyword: "refund",
  phrase: "where is my order",
  regex: "order\\s*#?\\d{5,}",
  intent: "track_order",
  sentiment: "negative",
};

const kindOptions = TRIGGER_KINDS.map((value) => ({ value, label: kindLabels[value] }));

type TriggerRowProps = {
  index: number;
  count: number;
  trigger: TriggerForm;
  issues: IssueMap;
  readOnly: boolean;
  onChange: (patch: Partial<TriggerForm>) => void;
  onRemove: () => void;
  onMove: (direction: -1 | 1) => void;
};

export function TriggerRow({
  index,
  count,
  trigger,
  issues,
  readOnly,
  onChange,
  onRemove,
  onMove,
}: TriggerRowProps) {
  const at = (field: string) => issueAt(issues, `triggers.${index}.${field}`);
  const label = `Trigger ${index + 1}`;
  return (
    <EditorRow
      label={label}
      index={index}
      count={count}
      readOnly={readOnly}
      onMove={onMove}
      onRemove={onRemove}
    >
      <div className="grid gap-3 sm:grid-cols-[10rem_minmax(0,1fr)_6rem_auto] sm:items-start">
        <FormField label="Trigger kind" error={at("kind")}>
          {(control) => (
            <Select
              {...control}
              value={trigger.kind}
              disabled={readOnly}
              onChange={(event) => onChange({ kind: event.target.value as TriggerKind })}
              options={kindOptions}
            />
          )}
        </FormField>
        <FormField label="Trigger value" error={at("value")} hint={kindHints[trigger.kind]}>
          {(control) => (
            <Input
              {...control}
              value={trigger.value}
              onChange={(event) => onChange({ value: event.target.value })}
              readOnly={readOnly}
              spellCheck={trigger.kind === "regex" ? false : undefined}
              autoComplete="off"
              placeholder={readOnly ? undefined : kindPlaceholders[trigger.kind]}
              className={trigger.kind === "regex" ? "font-mono" : undefined}
            />
          )}
        </FormField>
        <FormField label="Weight" error={at("weight")}>
          {(control) => (
            <Input
              {...control}
              type="number"
              inputMode="decimal"
              min={0}
              max={MAX_TRIGGER_WEIGHT}
              step={0.1}
              value={trigger.weight}
              onChange={(event) => onChange({ weight: event.target.value })}
              readOnly={readOnly}
            />
          )}
        </FormField>
        <CheckboxField
          label="Active"
          checked={trigger.active}
          disabled={readOnly}
          onChange={(active) => onChange({ active })}
          className="sm:mt-7"
        />
      </div>
    </EditorRow>
  );
}
