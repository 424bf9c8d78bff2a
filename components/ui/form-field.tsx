import { type ReactNode, useId } from "react";
import { classNames } from "@/lib/class-names";
import { Label } from "./label";

/** What a FormField hands to its control so the label, hint and error are linked to it. */
export type FieldControlProps = {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
};

type FormFieldProps = {
  label: string;
  /** One message or a list (zod's flattened field errors); empty means valid. */
  error?: string | readonly string[] | null;
  hint?: ReactNode;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
};

/**
 * A labelled control with its hint and error text. The error is rendered inside the field and
 * referenced by aria-describedby, so screen readers read it with the control.
 */
export function FormField({ label, error, hint, className, children }: FormFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const errorText = typeof error === "string" ? error : error?.join(" ");
  const describedBy = [hint ? hintId : null, errorText ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className={classNames("space-y-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children({
        id,
        "aria-describedby": describedBy || undefined,
        "aria-invalid": errorText ? true : undefined,
      })}
      {hint ? (
        <p id={hintId} className="text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
      {errorText ? (
        <p id={errorId} className="text-sm text-red-600">
          {errorText}
        </p>
      ) : null}
    </div>
  );
}
