import { useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { TemplateVariable, VariableType } from "@/server/templates/language/variable-schema";

function CalendarIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      className="size-4"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.75"
      strokeLinecap="round"
      aria-hidden="true"
    >
      <rect x="3.5" y="5" width="17" height="15" rx="2" />
      <path d="M3.5 10h17M8 3v4M16 3v4" />
    </svg>
  );
}

type SampleInputProps = {
  variable: TemplateVariable;
  value: string;
  onChange: (value: string) => void;
  /** The renderer's message when the value fails its type, options or pattern. */
  invalid?: string;
  missing: boolean;
};

function typedAttributes(type: VariableType) {
  switch (type) {
    case "email":
      return { type: "email", inputMode: "email" } as const;
    case "url":
      return { type: "url", inputMode: "url" } as const;
    case "number":
      return { type: "number", step: "any", inputMode: "decimal" } as const;
    case "currency":
      return { type: "number", step: "0.01", inputMode: "decimal" } as const;
    default:
      return { type: "text" } as const;
  }
}

/**
 * A sample value for one variable, with the control its type calls for. Dates are typed as
 * text (with a picker beside them) so a wrong date can be entered and seen flagged, as an
 * agent's or an API caller's could be.
 */
export function SampleInput({ variable, value, onChange, invalid, missing }: SampleInputProps) {
  const id = useId();
  const messageId = `${id}-message`;
  const pickerRef = useRef<HTMLInputElement>(null);
  const message = invalid ?? (missing ? "Required" : undefined);
  const control = {
    id,
    "aria-invalid": invalid ? (true as const) : undefined,
    "aria-describedby": message ? messageId : undefined,
    "aria-required": variable.required || undefined,
  };
  const hint =
    variable.fallback !== undefined && variable.fallback !== ""
      ? `Falls back to “${variable.fallback}”`
      : undefined;

  return (
    <div className="space-y-1">
      <Label htmlFor={id} className="font-mono text-xs font-normal text-zinc-600">
        <span className="sr-only">Sample </span>
        {variable.name}
        {variable.required ? (
          <span aria-hidden="true" className="text-red-600">
            {" "}
            *
          </span>
        ) : null}
      </Label>
      {variable.type === "select" ? (
        <Select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">— none —</option>
          {(variable.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </Select>
      ) : variable.type === "date" ? (
        <div className="relative flex gap-2">
          <Input
            {...control}
            value={value}
            onChange={(event) => onChange(event.target.value)}
            placeholder="YYYY-MM-DD"
            autoComplete="off"
            spellCheck={false}
          />
          <input
            ref={pickerRef}
            type="date"
            tabIndex={-1}
            aria-hidden="true"
            className="pointer-events-none absolute size-px opacity-0"
            value={/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : ""}
            onChange={(event) => onChange(event.target.value)}
          />
          <Button
            variant="secondary"
            className="shrink-0 px-3"
            title="Pick a date"
            onClick={() => {
              try {
                pickerRef.current?.showPicker();
              } catch {
                pickerRef.current?.focus();
              }
            }}
          >
            <CalendarIcon />
            <span className="sr-only">Pick a date for {variable.name}</span>
          </Button>
        </div>
      ) : (
        <Input
          {...control}
          {...typedAttributes(variable.type)}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          placeholder={variable.description}
          autoComplete="off"
        />
      )}
      {message ? (
        <p id={messageId} className={invalid ? "text-xs text-red-600" : "text-xs text-amber-700"}>
          {message}
        </p>
      ) : hint ? (
        <p className="text-xs text-zinc-500">{hint}</p>
      ) : null}
    </div>
  );
}
