/**
 * HTML to plain text, safely: scripts, styles and comments go with their content, then the
 * interchange converter turns blocks into line breaks, drops tags and decodes entities.
 * Regexes are written to stay linear on hostile input ([^<>], no nested quantifiers).
 */
import { htmlToText as blocksToText } from "@/server/templates/interchange/html-to-text";

const MORE_ENTITIES: Record<string, string> = {
  rarr: "→",
  larr: "←",
  mdash: "—",
  ndash: "–",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  euro: "€",
  pound: "£",
  copy: "©",
  reg: "®",
  trade: "™",
  middot: "·",
  bull: "•",
};

export function htmlToText(html: string): string {
  return blocksToText(
    html
      .replace(
        /&(rarr|larr|mdash|ndash|hellip|lsquo|rsquo|ldquo|rdquo|euro|pound|copy|reg|trade|middot|bull);/g,
        (_, name: string) => MORE_ENTITIES[name] ?? "",
      )
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<(script|style|template|noscript)\b[^<>]*>[\s\S]*?<\/\1\s*>/gi, ""),
  );
}
