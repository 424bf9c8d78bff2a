"use client";

import {
  type KeyboardEvent,
  type Ref,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { Label } from "@/components/ui/label";
import { classNames } from "@/lib/class-names";
import { formatCount } from "@/lib/format";
import type { ContentDiagnostic } from "@/server/templates/language/ast";
import { MAX_CONTENT_LENGTH } from "@/server/templates/language/limits";
import { caretCoordinates } from "./caret-coordinates";
import { ContentDiagnostics } from "./content-diagnostics";
import { ContentOverlay } from "./content-overlay";
import { applyEdit, type FormatKind, formatEdit } from "./format-edit";
import { FormatToolbar } from "./format-toolbar";
import { filterNames, type PlaceholderContext, placeholderAt } from "./placeholder-context";
import { PlaceholderMenu, placeholderOptionId } from "./placeholder-menu";

/** Shared by the textarea and the overlay behind it: any difference misplaces the marks. */
const TEXT_LAYOUT =
  "px-3 py-2 font-mono text-sm leading-6 whitespace-pre-wrap break-words [tab-size:4]";

export type ContentEditorHandle = { focusAt: (offset: number, length?: number) => void };

type ContentEditorProps = {
  value: string;
  onChange: (value: string) => void;
  declared: readonly string[];
  errors: readonly ContentDiagnostic[];
  /** Server or schema messages about the content as a whole. */
  fieldError?: string;
  readOnly?: boolean;
  onDeclare?: (name: string) => void;
  handle?: Ref<ContentEditorHandle>;
};

type Menu = {
  context: PlaceholderContext;
  names: string[];
  active: number;
  position: { top: number; left: number };
};

/**
 * The content field: a plain textarea (native editing, undo, IME, spellcheck) over a mirror
 * that tints placeholders and underlines errors; typing `{` offers the declared variables.
 */
export function ContentEditor({
  value,
  onChange,
  declared,
  errors,
  fieldError,
  readOnly = false,
  onDeclare,
  handle,
}: ContentEditorProps) {
  const id = useId();
  const menuId = `${id}-menu`;
  const problemsId = `${id}-problems`;
  const errorId = `${id}-error`;
  const textareaId = `${id}-content`;
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const [menu, setMenu] = useState<Menu | null>(null);
  const declaredSet = useMemo(() => new Set(declared), [declared]);

  function focusAt(offset: number, length = 0) {
    const textarea = textareaRef.current;
    if (!textarea) return;
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(offset, offset + length);
    // The textarea grows instead of scrolling, so bring the caret's line into the window.
    const caretTop = textarea.getBoundingClientRect().top + caretCoordinates(textarea, offset).top;
    if (caretTop < 80 || caretTop > window.innerHeight - 80) {
      window.scrollBy({ top: caretTop - window.innerHeight / 3 });
    }
  }

  useImperativeHandle(handle, () => ({ focusAt }));

  // Grow with the text, so the textarea never scrolls and the overlay never needs to follow.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the height depends on the value
  useLayoutEffect(() => {
    const textarea = textareaRef.current;
    if (!textarea) return;
    textarea.style.height = "auto";
    const borders = textarea.offsetHeight - textarea.clientHeight;
    textarea.style.height = `${textarea.scrollHeight + borders}px`;
  }, [value]);

  /** Opens the menu when typing inside a placeholder; follows or closes it as the caret moves. */
  function refreshMenu(textarea: HTMLTextAreaElement, opening: boolean) {
    const context =
      textarea.selectionStart === textarea.selectionEnd
        ? placeholderAt(textarea.value, textarea.selectionStart)
        : null;
    const names = context ? filterNames(declared, context.query) : [];
    if (!context || names.length === 0) {
      setMenu(null);
      return;
    }
    const caret = caretCoordinates(textarea, context.from);
    const position = { top: caret.top + caret.height, left: Math.max(0, caret.left - 8) };
    setMenu((current) =>
      current || opening
        ? { context, names, position, active: Math.min(current?.active ?? 0, names.length - 1) }
        : null,
    );
  }

  function insert(name: string) {
    const textarea = textareaRef.current;
    if (!textarea || !menu) return;
    const { from, to, closed } = menu.context;
    const text = closed ? name : `${name}}`;
    textarea.focus();
    textarea.setSelectionRange(from, to);
    // execCommand keeps the browser's undo history; the fallback is a plain state update.
    const inserted = document.execCommand("insertText", false, text);
    if (!inserted) {
      onChange(value.slice(0, from) + text + value.slice(to));
    }
    const caret = from + name.length + 1;
    requestAnimationFrame(() => textarea.setSelectionRange(caret, caret));
    setMenu(null);
  }

  function format(kind: FormatKind) {
    const textarea = textareaRef.current;
    if (!textarea || readOnly) return;
    const edit = formatEdit(value, textarea.selectionStart, textarea.selectionEnd, kind);
    textarea.focus();
    textarea.setSelectionRange(edit.from, edit.to);
    // execCommand keeps the browser's undo history; the fallback is a plain state update.
    const inserted = edit.text !== "" && document.execCommand("insertText", false, edit.text);
    if (!inserted) onChange(applyEdit(value, edit));
    requestAnimationFrame(() => textarea.setSelectionRange(edit.selectionStart, edit.selectionEnd));
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const shortcut = event.ctrlKey || event.metaKey;
    if (shortcut && !event.altKey && !event.shiftKey && /^[bi]$/i.test(event.key)) {
      event.preventDefault();
      format(event.key.toLowerCase() === "b" ? "bold" : "italic");
      return;
    }
    if (!menu) return;
    const count = menu.names.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setMenu({ ...menu, active: (menu.active + step + count) % count });
    } else if (event.key === "Enter" || event.key === "Tab") {
      const name = menu.names[menu.active];
      if (name === undefined) return;
      event.preventDefault();
      insert(name);
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      setMenu(null);
    }
  }

  const describedBy = [problemsId, fieldError ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Label htmlFor={textareaId}>Content</Label>
        {readOnly ? null : <FormatToolbar onFormat={format} />}
        <span className="text-xs text-zinc-500">
          {formatCount(value.length)} / {formatCount(MAX_CONTENT_LENGTH)} characters
        </span>
      </div>
      <div className="relative rounded-md bg-white">
        <ContentOverlay
          content={value}
          declared={declaredSet}
          errors={errors}
          className={classNames(
            TEXT_LAYOUT,
            "pointer-events-none absolute inset-0 overflow-hidden border border-transparent text-transparent",
          )}
        />
        <textarea
          ref={textareaRef}
          id={textareaId}
          value={value}
          readOnly={readOnly}
          rows={8}
          spellCheck
          aria-invalid={errors.length > 0 || fieldError ? true : undefined}
          aria-describedby={describedBy}
          aria-autocomplete="list"
          aria-controls={menu ? menuId : undefined}
          aria-activedescendant={menu ? placeholderOptionId(menuId, menu.active) : undefined}
          onChange={(event) => {
            onChange(event.target.value);
            refreshMenu(event.target, true);
          }}
          onSelect={(event) => refreshMenu(event.currentTarget, false)}
          onKeyDown={onKeyDown}
          onBlur={() => setMenu(null)}
          className={classNames(
            TEXT_LAYOUT,
            "relative block min-h-48 w-full resize-none overflow-hidden rounded-md border border-zinc-300 bg-transparent text-zinc-900 shadow-sm",
            "focus-visible:border-accent-500 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent-500/40",
            "aria-invalid:border-red-400 read-only:bg-zinc-50/60",
          )}
        />
        {menu ? (
          <PlaceholderMenu
            id={menuId}
            names={menu.names}
            active={menu.active}
            position={menu.position}
            onPick={insert}
            onHover={(active) => setMenu({ ...menu, active })}
          />
        ) : null}
      </div>
      {fieldError ? (
        <p id={errorId} className="text-sm text-red-600">
          {fieldError}
        </p>
      ) : null}
      <ContentDiagnostics
        id={problemsId}
        errors={errors}
        onJump={(diagnostic) => focusAt(diagnostic.offset, diagnostic.length)}
        onDeclare={readOnly ? undefined : onDeclare}
      />
    </div>
  );
}
