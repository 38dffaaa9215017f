import type { EntityManager } from "typeorm";
import { ReportChannelEntity } from "../entities";
import type { ChannelCount } from "../formats/report-content";
import { UserErrorCode } from "./errors";
import type { Problem } from "./errors";

export type { ChannelCount } from "../formats/report-content";

/** A chart of more than a few dozen bars is no longer a chart; the form's own tables hold the statistics. */
export const MAX_CHANNELS = 30;
export const MAX_CHANNEL_LABEL = 100;
/** Counts are whole items; a billion leaves room for any agency and keeps within a 32-bit integer column. */
export const MAX_CHANNEL_COUNT = 1_000_000_000;

/** Checks a channel list; returns it trimmed, or the problems (all of them), each naming its field. */
export function checkChannels(input: readonly ChannelCount[], path: string[] = ["input", "channels"]) {
  const problems: Problem[] = [];
  if (input.length > MAX_CHANNELS) {
    problems.push({ code: UserErrorCode.INVALID_INPUT, message: `At most ${MAX_CHANNELS} channels; you gave ${input.length}.`, field: path });
  }
  const seen = new Set<string>();
  const channels = input.map((channel, index) => {
    const label = channel.label.trim();
    const field = [...path, String(index)];
    if (!label) {
      problems.push({
        code: UserErrorCode.INVALID_INPUT,
        message: `Channel ${index + 1} has no label; name the channel (e.g. 政府门户网站).`,
        field: [...field, "label"],
      });
    } else if (label.length > MAX_CHANNEL_LABEL) {
      problems.push({
        code: UserErrorCode.TOO_LONG,
        message: `Channel label “${label.slice(0, 20)}…” is ${label.length} characters; the limit is ${MAX_CHANNEL_LABEL}.`,
        field: [...field, "label"],
      });
    } else if (seen.has(label)) {
      problems.push({ code: UserErrorCode.DUPLICATE, message: `Channel “${label}” is listed twice; give each channel once.`, field: [...field, "label"] });
    }
    seen.add(label);
    if (!Number.isInteger(channel.count) || channel.count < 0 || channel.count > MAX_CHANNEL_COUNT) {
      problems.push({
        code: UserErrorCode.INVALID_VALUE,
        message: `The count of “${label}” must be a whole number from 0 to ${MAX_CHANNEL_COUNT}; got ${channel.count}.`,
        field: [...field, "count"],
      });
    }
    return { label, count: channel.count };
  });
  return { channels, problems };
}

/** Replaces a report's channel list. */
export async function writeChannels(manager: EntityManager, reportId: number, channels: readonly ChannelCount[]): Promise<void> {
  await manager.delete(ReportChannelEntity, { reportId });
  if (channels.length) {
    await manager.insert(
      ReportChannelEntity,
      channels.map((channel, position) => ({ reportId, position, label: channel.label, count: channel.count })),
    );
  }
}
