import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONE: Record<string, BadgeTone> = {
  uploading: "accent",
  parsing: "accent",
  ready: "success",
  failed: "danger",
};

export function DatasetStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONE[status] ?? "neutral"}>{status}</Badge>;
}
