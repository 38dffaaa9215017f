/** A lifetime such as `30m`, `8h`, `1d` or `90s`, in seconds; null for anything else (e.g. `1x`, `8`, `-1h`). */
export function parseDuration(text: string): number | null {
  const match = /^(\d{1,6})\s*(s|m|h|d)$/.exec(text.trim());
  if (!match) return null;
  const seconds = Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as "s" | "m" | "h" | "d"];
  return seconds > 0 ? seconds : null;
}

export const DEFAULT_MAX_TOKEN_LIFETIME = "24h";
