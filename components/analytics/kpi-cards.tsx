import { formatCount, pluralize } from "@/lib/format";
import { csat, duration, pct } from "./format";

type Totals = {
  uses: number;
  conversations: number;
  acceptanceRate: number | null;
  editRate: number | null;
  resolutionRate: number | null;
  avgCsat: number | null;
  csatCount: number;
  avgResponseMs: number | null;
};

/** The period's headline figures; "—" where there is nothing to divide by. */
export function KpiCards({ totals }: { totals: Totals }) {
  const cards = [
    { label: "Template uses", value: formatCount(totals.uses) },
    { label: "Suggestion acceptance", value: pct(totals.acceptanceRate) },
    { label: "Edit rate", value: pct(totals.editRate) },
    { label: "Resolution rate", value: pct(totals.resolutionRate) },
    { label: `CSAT (${pluralize(totals.csatCount, "rating")})`, value: csat(totals.avgCsat) },
    { label: "Avg first response", value: duration(totals.avgResponseMs) },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      {cards.map((card) => (
        <div key={card.label} className="rounded-lg border border-zinc-200 bg-white px-4 py-3">
          <dt className="text-xs text-zinc-500">{card.label}</dt>
          <dd className="mt-1 text-xl font-semibold text-zinc-900" data-kpi={card.label}>
            {card.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
