import { ConfigError } from "../db";
import { DEFAULT_DELIVERY_POLICY } from "../live/delivery-store";
import type { OutboundOptions } from "../live/outbound";
import type { ReminderOptions } from "../live/reminders";
import { DEFAULT_REMINDER_TIMES } from "../workflow/deadline";

export interface OutboundConfig {
  delivery: OutboundOptions;
  /** False: no deadline reminders from this process. */
  reminders: ReminderOptions | false;
}

/** Outbound delivery and reminder settings from the environment (README, "Outbound delivery"). */
export function outboundConfigFromEnv(env: NodeJS.ProcessEnv): OutboundConfig {
  const read = (name: string, fallback: number, min: number, max = 999_999_999) => {
    const text = env[name];
    if (text === undefined || text === "") return fallback;
    if (!/^\d{1,9}$/.test(text.trim()) || Number(text) < min || Number(text) > max) {
      throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${text}").`);
    }
    return Number(text);
  };
  const days = (env.REMINDER_DAYS_BEFORE ?? "").trim();
  const match = /^(\d{1,3}),(\d{1,3})$/.exec(days.replace(/\s/g, ""));
  if (days && (!match || Number(match[1]) <= Number(match[2]))) {
    throw new ConfigError(`REMINDER_DAYS_BEFORE is two numbers of days before the due date, the larger first, e.g. "16,6" (got "${days}").`);
  }
  const reminders = env.REMINDERS === "off" ? false : null;
  return {
    delivery: {
      maxAttempts: read("WEBHOOK_MAX_ATTEMPTS", DEFAULT_DELIVERY_POLICY.maxAttempts, 1, 100),
      baseDelayMs: read("WEBHOOK_RETRY_BASE_MS", DEFAULT_DELIVERY_POLICY.baseDelayMs, 1),
      disableAfter: read("WEBHOOK_DISABLE_AFTER", DEFAULT_DELIVERY_POLICY.disableAfter, 1, 1000),
      timeoutMs: read("WEBHOOK_TIMEOUT_MS", 10_000, 100),
    },
    reminders: reminders ?? {
      times: {
        daysBefore: match ? [Number(match[1]), Number(match[2])] : DEFAULT_REMINDER_TIMES.daysBefore,
        hour: read("REMINDER_HOUR", DEFAULT_REMINDER_TIMES.hour, 0, 23),
        overdueDays: read("REMINDER_OVERDUE_DAYS", DEFAULT_REMINDER_TIMES.overdueDays, 1, 365),
      },
    },
  };
}
