import { classNames } from "@/lib/class-names";
import { formatCount } from "@/lib/format";

/**
 * "42 / 200" beside a field with a limit, red once over it. Fields never cut text silently:
 * what is over the limit stays visible and the field says so.
 */
export function CharacterCount({
  count,
  max,
  unit = "characters",
}: {
  count: number;
  max: number;
  unit?: string;
}) {
  const over = count > max;
  return (
    <span
      className={classNames("tabular-nums", over ? "font-medium text-red-600" : "text-zinc-500")}
      data-testid="character-count"
    >
      {formatCount(count)} / {formatCount(max)} {unit}
      {over ? ` (${formatCount(count - max)} too many)` : ""}
    </span>
  );
}
