import type { Database } from "../db";
import { placeholder } from "../db/placeholder";

/**
 * Records read at once to bring the log up to the head; a longer gap (a process idle while others wrote) is not
 * read: everything before the head counts as changed.
 */
const MAX_GAP = 5_000;

/**
 * Which agencies the audit trail says changed after a given record, as far as this process has read it: the last
 * record of each agency, and the last record that names none (it may concern anything). Every change writes its
 * record in the change's own transaction and the chain commits in order, so once the head is read, every record up
 * to it can be read and none will appear below it later.
 */
export class AgencyChanges {
  /** Every record after `floor` up to `known` has been read. */
  private known = 0;
  private floor = 0;
  private lastOfAgency = new Map<number, number>();
  private lastUnnamed = 0;
  private reading: Promise<void> | null = null;

  constructor(private readonly db: Database) {}

  /** Reads the records up to `head` not read yet (one statement, shared by the requests waiting for it). */
  async readUpTo(head: number): Promise<void> {
    while (this.known < head) {
      this.reading ??= this.readAfterKnown(head).finally(() => (this.reading = null));
      await this.reading;
    }
  }

  /** Whether no record after `version` (up to what was read) names any of `agencies` or no agency at all. */
  unchangedSince(version: number, agencies: readonly number[]): boolean {
    if (version < this.floor || this.lastUnnamed > version) return false;
    return agencies.every(agency => (this.lastOfAgency.get(agency) ?? 0) <= version);
  }

  private async readAfterKnown(head: number): Promise<void> {
    const from = this.known;
    if (head - from > MAX_GAP) {
      this.floor = this.known = this.lastUnnamed = head;
      this.lastOfAgency = new Map();
      return;
    }
    const records = await this.db.read(manager =>
      manager.query<Array<{ seq: number | string; agency_id: number | string | null }>>(
        `SELECT seq, agency_id FROM audit_event WHERE seq > ${placeholder(manager, 1)} AND seq <= ${placeholder(manager, 2)}`,
        [from, head],
      ),
    );
    for (const record of records) {
      const seq = Number(record.seq);
      if (record.agency_id === null) this.lastUnnamed = Math.max(this.lastUnnamed, seq);
      else this.lastOfAgency.set(Number(record.agency_id), Math.max(this.lastOfAgency.get(Number(record.agency_id)) ?? 0, seq));
    }
    this.known = Math.max(this.known, head);
  }
}
