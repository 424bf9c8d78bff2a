import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { TemplateStatus } from "@/server/templates/language/template-schema";

export const statusLabels: Record<TemplateStatus, string> = {
  draft: "Draft",
  active: "Active",
  archived: "Archived",
};

const statusTones: Record<TemplateStatus, BadgeTone> = {
  draft: "warning",
  active: "success",
  archived: "neutral",
};

export const statusOptions = (["draft", "active", "archived"] as const).map((value) => ({
  value,
  label: statusLabels[value],
}));

export function StatusBadge({ status }: { status: TemplateStatus }) {
  return <Badge tone={statusTones[status]}>{statusLabels[status]}</Badge>;
}
