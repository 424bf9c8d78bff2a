import { classNames } from "@/lib/class-names";

type PlaceholderMenuProps = {
  id: string;
  names: readonly string[];
  active: number;
  position: { top: number; left: number };
  onPick: (name: string) => void;
  onHover: (index: number) => void;
};

export const placeholderOptionId = (menuId: string, index: number) => `${menuId}-option-${index}`;

/** The autocomplete list under the caret. Focus stays in the textarea (aria-activedescendant). */
export function PlaceholderMenu({
  id,
  names,
  active,
  position,
  onPick,
  onHover,
}: PlaceholderMenuProps) {
  return (
    <div
      id={id}
      role="listbox"
      aria-label="Variables"
      className="absolute z-20 max-h-56 w-64 max-w-[calc(100%-1rem)] overflow-y-auto rounded-md border border-zinc-200 bg-white py-1 text-sm shadow-lg"
      style={{ top: position.top, left: position.left }}
    >
      {names.map((name, index) => (
        <div
          key={name}
          id={placeholderOptionId(id, index)}
          role="option"
          aria-selected={index === active}
          tabIndex={-1}
          // Keep focus (and the caret) in the textarea while clicking.
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(name);
          }}
          onMouseEnter={() => onHover(index)}
          className={classNames(
            "cursor-pointer truncate px-3 py-1.5 font-mono text-xs",
            index === active ? "bg-accent-50 text-accent-700" : "text-zinc-700",
          )}
        >
          {name}
        </div>
      ))}
    </div>
  );
}
