import dayjs from "dayjs";
import type { Dayjs } from "dayjs";

// Note: China has kept UTC+8 all year since 1991, so a fixed offset is exact for any date the console offers.
const BEIJING_OFFSET = "+08:00";
const WALL_CLOCK = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

/** A moment as Beijing's wall clock reads it, "YYYY-MM-DD HH:mm:ss", whatever the browser's own time zone. */
export function beijingText(moment: Date | string): string {
  return WALL_CLOCK.format(typeof moment === "string" ? new Date(moment) : moment);
}

/**
 * Beijing's wall clock now, as a Dayjs whose fields (not its instant) are Beijing's: the pickers show and compare
 * wall-clock fields, so "now" must be Beijing's even when the browser runs in another zone.
 */
export function beijingNow(): Dayjs {
  return dayjs(beijingText(new Date()).replace(" ", "T"));
}

/** The instant a picker's wall-clock fields name in Beijing, as ISO 8601 with its offset. */
export function fromBeijingFields(value: Dayjs): string {
  return `${value.format("YYYY-MM-DDTHH:mm:ss")}${BEIJING_OFFSET}`;
}
