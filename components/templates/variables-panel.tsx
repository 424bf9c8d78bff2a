import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { MAX_VARIABLES } from "@/server/templates/language/limits";
import type { VariableForm } from "./editor-form";
import { type IssueMap, issueAt } from "./field-issues";
import { moveItem } from "./move-item";
import { VariableRow } from "./variable-row";

type VariablesPanelProps = {
  variables: VariableForm[];
  onChange: (variables: VariableForm[]) => void;
  onAdd: () => void;
  /** Placeholders in the content with no declared variable, in order of first use. */
  undeclared: readonly string[];
  onAddFromContent: () => void;
  /** How many placeholders use each name. */
  usage: ReadonlyMap<string, number>;
  warnings: ReadonlyMap<number, string>;
  issues: IssueMap;
  readOnly: boolean;
};

export function VariablesPanel({
  variables,
  onChange,
  onAdd,
  undeclared,
  onAddFromContent,
  usage,
  warnings,
  issues,
  readOnly,
}: VariablesPanelProps) {
  const sectionError = issueAt(issues, "variables");
  const update = (index: number, patch: Partial<VariableForm>) =>
    onChange(variables.map((v, i) => (i === index ? { ...v, ...patch } : v)));
  return (
    <Card aria-labelledby="variables-title">
      <CardHeader
        id="variables-title"
        title="Variables"
        description="What the placeholders are filled with: typed, checked and formatted."
        actions={
          readOnly ? null : (
            <>
              {undeclared.length > 0 ? (
                <Button variant="secondary" size="sm" onClick={onAddFromContent}>
                  Add from content ({undeclared.length})
                </Button>
              ) : null}
              <Button
                variant="secondary"
                size="sm"
                onClick={onAdd}
                disabled={variables.length >= MAX_VARIABLES}
              >
                Add variable
              </Button>
            </>
          )
        }
      />
      <CardBody className="space-y-3 bg-zinc-50/60">
        {sectionError ? <p className="text-sm text-red-600">{sectionError}</p> : null}
        {undeclared.length > 0 ? (
          <p className="text-sm text-zinc-600">
            Used in the content but not declared:{" "}
            {undeclared.map((name, index) => (
              <span key={name}>
                {index > 0 ? ", " : null}
                <code className="font-mono text-xs text-red-700">{name}</code>
              </span>
            ))}
          </p>
        ) : null}
        {variables.length === 0 ? (
          <p className="py-4 text-center text-sm text-zinc-500">
            No variables yet. Add one, or write placeholders like{" "}
            <code className="font-mono">{"{customer_name}"}</code> in the content and add them from
            there.
          </p>
        ) : (
          variables.map((variable, index) => (
            <VariableRow
              key={variable.key}
              index={index}
              count={variables.length}
              variable={variable}
              issues={issues}
              warning={warnings.get(index)}
              usage={usage.get(variable.name.trim()) ?? 0}
              readOnly={readOnly}
              onChange={(patch) => update(index, patch)}
              onRemove={() => onChange(variables.filter((_, i) => i !== index))}
              onMove={(direction) => onChange(moveItem(variables, index, index + direction))}
            />
          ))
        )}
      </CardBody>
    </Card>
  );
}
