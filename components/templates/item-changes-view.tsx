import { Badge } from "@/components/ui/badge";
import type { FieldChange, ItemChange } from "./draft-changes";

const tones = { added: "success", removed: "danger", changed: "warning" } as const;

export function FieldChangesView({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0) return null;
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
      {changes.map((change) => (
        <div key={change.field} className="contents">
          <dt className="font-medium text-zinc-700">{change.field}</dt>
          <dd className="break-words text-zinc-600">
            <span className="text-red-700 line-through">{change.from}</span> →{" "}
            <span className="text-emerald-700">{change.to}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function ItemChangesView({ changes, empty }: { changes: ItemChange[]; empty: string }) {
  if (changes.length === 0) return <p className="text-sm text-zinc-500">{empty}</p>;
  return (
    <ul className="space-y-1.5 text-sm">
      {changes.map((change) => (
        <li key={`${change.kind}-${change.label}`} className="flex flex-wrap items-baseline gap-2">
          <Badge tone={tones[change.kind]}>{change.kind}</Badge>
          <code className="font-mono text-xs break-all text-zinc-800">{change.label}</code>
          {change.details.length > 0 ? (
            <span className="text-zinc-600">{change.details.join("; ")}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
