import type { OutgoingHttpHeaders } from "node:http";
import { LruCache } from "../services/lru-cache";

/** A kept answer: the exact status, headers and body Apollo sent, and the data version it was computed at. */
export interface KeptAnswer {
  version: number;
  /** The agencies it reads alone (still good while no audit record names them), or null: it may read anything. */
  agencies: readonly number[] | null;
  status: number;
  headers: OutgoingHttpHeaders;
  body: string;
}

/**
 * What waiters are told when the request computing their answer lost its client before the answer was ready: one
 * of them computes it again (the abandoned computation's answer is still kept if it completes).
 */
export const CLIENT_LEFT = "client-left";
/** What a computation ends with: its answer, nothing to keep (an answer with errors, say), or CLIENT_LEFT. */
export type Outcome = KeptAnswer | null | typeof CLIENT_LEFT;

/**
 * What the kept answers may take, as estimated (two bytes a character: Chinese text makes V8 keep a string in
 * two-byte form): 500 full reports of ~14 KB, or a few list pages of ~1 MB; sized with the content and history
 * caches to keep a busy process under ~300 MB RSS.
 */
const BUDGET_BYTES = 24 * 1024 * 1024;
/** At most this many answers, whatever their size (most are small). */
const ANSWERS_KEPT = 5_000;

/**
 * One process's GraphQL answers, each under its key (the reader, the day, the request) and valid only at the data
 * version it was computed at. A request whose answer is being computed for the same key and version waits for
 * that one computation instead of starting its own (50 clients asking for one list page build it once).
 */
export class AnswerCache {
  private readonly answers = new LruCache<string, KeptAnswer>(ANSWERS_KEPT, {
    weightOf: answer => 2 * answer.body.length + 500,
    maxWeight: BUDGET_BYTES,
  });
  private readonly computing = new Map<string, { version: number; done: Promise<Outcome> }>();

  /** The answer kept for this key at exactly this version, if any. */
  get(key: string, version: number): KeptAnswer | undefined {
    const kept = this.answers.get(key);
    return kept?.version === version ? kept : undefined;
  }

  /** The answer kept for this key at whatever version (the caller decides whether it is still good). */
  latest(key: string): KeptAnswer | undefined {
    return this.answers.get(key);
  }

  /** The computation in progress for this key at this version, if one is. */
  inProgress(key: string, version: number): Promise<Outcome> | undefined {
    const running = this.computing.get(key);
    return running?.version === version ? running.done : undefined;
  }

  /**
   * Registers a computation for key at version; the returned `finish` keeps its answer (null: nothing to keep,
   * e.g. an answer with errors) and releases whoever waits for it. It may be called twice: first with CLIENT_LEFT
   * (the waiters are released at once), then with the answer the abandoned computation still completed (kept).
   */
  begin(key: string, version: number): (outcome: Outcome) => void {
    let release!: (outcome: Outcome) => void;
    const done = new Promise<Outcome>(resolve => (release = resolve));
    const entry = { version, done };
    this.computing.set(key, entry);
    return outcome => {
      if (this.computing.get(key) === entry) this.computing.delete(key);
      if (outcome && outcome !== CLIENT_LEFT) {
        const kept = this.answers.get(key);
        if (!kept || kept.version <= outcome.version) this.answers.set(key, outcome);
      }
      release(outcome);
    };
  }

  get size(): { entries: number; weight: number } {
    return this.answers.size;
  }
}
