import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { MAX_TRIGGERS } from "@/server/templates/language/limits";
import type { TriggerForm } from "./editor-form";
import { type IssueMap, issueAt } from "./field-issues";
import { moveItem } from "./move-item";
import { TriggerRow } from "./trigger-row";

type TriggersPanelProps = {
  triggers: TriggerForm[];
  onChange: (triggers: TriggerForm[]) => void;
  onAdd: () => void;
  issues: IssueMap;
  readOnly: boolean;
};

export function TriggersPanel({ triggers, onChange, onAdd, issues, readOnly }: TriggersPanelProps) {
  const sectionError = issueAt(issues, "triggers");
  const update = (index: number, patch: Partial<TriggerForm>) =>
    onChange(triggers.map((t, i) => (i === index ? { ...t, ...patch } : t)));
  return (
    <Card aria-labelledby="triggers-title">
      <CardHeader
        id="triggers-title"
        title="Triggers"
        description="When to suggest this template for a customer's message; weight ranks it."
        actions={
          readOnly ? null : (
            <Button
              variant="secondary"
              size="sm"
              onClick={onAdd}
              disabled={triggers.length >= MAX_TRIGGERS}
            >
              Add trigger
            </Button>
          )
        }
      />
      <CardBody className="space-y-3 bg-zinc-50/60">
        {sectionError ? <p className="text-sm text-red-600">{sectionError}</p> : null}
        {triggers.length === 0 ? (
          <p className="py-4 text-center text-sm text-zinc-500">
            No triggers: this template is only found by searching for it.
          </p>
        ) : (
          triggers.map((trigger, index) => (
            <TriggerRow
              key={trigger.key}
              index={index}
              count={triggers.length}
              trigger={trigger}
              issues={issues}
              readOnly={readOnly}
              onChange={(patch) => update(index, patch)}
              onRemove={() => onChange(triggers.filter((_, i) => i !== index))}
              onMove={(direction) => onChange(moveItem(triggers, index, index + direction))}
            />
          ))
        )}
      </CardBody>
    </Card>
  );
}
