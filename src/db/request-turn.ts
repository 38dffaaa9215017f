import { AsyncLocalStorage } from "node:async_hooks";

/** The admission turn of the request being served (src/server/admission.ts). */
export interface RequestTurn {
  /** Lets the next waiting request start: this one only waits now. Does nothing if the turn is already lent. */
  lend(): void;
  /** Takes a turn again, before any request not yet started; at once if this one holds its own. Never refuses. */
  takeBack(): Promise<void>;
}

const turns = new AsyncLocalStorage<RequestTurn>();

export function runWithTurn<T>(turn: RequestTurn, work: () => T): T {
  return turns.run(turn, work);
}

/**
 * Waits for `waiting` with the current request's turn lent to the next request, and takes a turn back before the
 * request goes on. For waits in which the request does no work of its own: a change queued for the writer's next
 * group (src/db/group-commit.ts). Holding the turn there left the writer groups of one or two changes while the
 * requests that would have joined them waited for a turn (PostgreSQL: 1.6 steps a group at 50 clients).
 */
export async function whileTurnLent<T>(waiting: Promise<T>): Promise<T> {
  const turn = turns.getStore();
  if (!turn) return waiting;
  turn.lend();
  try {
    return await waiting;
  } finally {
    await turn.takeBack();
  }
}
