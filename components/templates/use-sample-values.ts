"use client";

import { useEffect, useState } from "react";

const storageKey = (templateId: string | null) => `parley:template-samples:${templateId ?? "new"}`;

function read(templateId: string | null): Record<string, string> | null {
  try {
    const raw = window.sessionStorage.getItem(storageKey(templateId));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return null;
    return Object.fromEntries(
      Object.entries(parsed).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string",
      ),
    );
  } catch {
    return null;
  }
}

/**
 * The preview's sample values, kept for the browser tab (sessionStorage), so they survive
 * saving a new template, reloading, or a look at the history.
 */
export function useSampleValues(templateId: string | null) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [loaded, setLoaded] = useState(false);

  // Read after mounting: the server render has no sessionStorage.
  useEffect(() => {
    const stored = read(templateId);
    if (stored) setValues(stored);
    setLoaded(true);
  }, [templateId]);

  useEffect(() => {
    if (!loaded) return;
    try {
      window.sessionStorage.setItem(storageKey(templateId), JSON.stringify(values));
    } catch {
      // Storage full or disabled: the samples just do not persist.
    }
  }, [values, loaded, templateId]);

  return [values, setValues] as const;
}

/** A new template got its id: its samples move with it. */
export function carrySampleValues(templateId: string) {
  try {
    const raw = window.sessionStorage.getItem(storageKey(null));
    if (raw) window.sessionStorage.setItem(storageKey(templateId), raw);
    window.sessionStorage.removeItem(storageKey(null));
  } catch {
    // Nothing to carry.
  }
}
