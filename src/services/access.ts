import type { EntityManager } from "typeorm";
import { AuthenticationError } from "../auth/auth-errors";
import { placeholder } from "../db/placeholder";
import type { ReportEntity, ReportRevisionEntity } from "../entities";
import type { Role } from "../workflow";
import { isTrusted } from "./actor";
import type { Actor, UserActor } from "./actor";
import { UserErrorCode, problem } from "./errors";
import { publicView, publishedVersions } from "./public-view";
import { latestPublishedRevisions } from "./published-content";

/** Throws UNAUTHENTICATED for anonymous actors; returns the user (or null for trusted operators). */
export function requireSignedIn(actor: Actor): UserActor | null {
  if (actor.kind === "anonymous") {
    throw new AuthenticationError();
  }
  return actor.kind === "user" ? actor : null;
}

// Note: placeholder() lives in src/db (audit and the demo need it too); re-exported for existing callers.
export { placeholder };

/**
 * The agency and every agency under it (supervising offices see their
 * sub-agencies). Agencies are only ever added, never moved or removed, so a
 * subtree stays right until a newer agency exists: the cache is checked
 * against the highest agency id, one primary-key lookup — or not at all when
 * the caller read the audit chain's head (`dataVersion`) and it is the one the
 * subtree was last checked at: adding an agency writes an audit record, so an
 * unchanged head means no agency was added since.
 */
export async function agencyWithDescendants(manager: EntityManager, agencyId: number, dataVersion?: number): Promise<number[]> {
  const cache = subtrees.get(manager.connection) ?? new Map<number, Subtree>();
  subtrees.set(manager.connection, cache);
  const hit = cache.get(agencyId);
  if (hit && dataVersion !== undefined && hit.checkedAt === dataVersion) return hit.ids;
  const [{ newest }] = await manager.query<Array<{ newest: number }>>("SELECT MAX(id) AS newest FROM agency");
  // Note: the head was read before MAX(id), so the subtree checked now holds every agency of that head.
  if (hit && hit.newest === Number(newest)) {
    hit.checkedAt = dataVersion ?? hit.checkedAt;
    return hit.ids;
  }
  const ids = await queryDescendants(manager, agencyId);
  cache.set(agencyId, { newest: Number(newest), ids, checkedAt: dataVersion });
  return ids;
}

/** A cached subtree: valid while `newest` is the highest agency id; last found so at chain head `checkedAt`. */
interface Subtree {
  newest: number;
  ids: number[];
  checkedAt?: number;
}

const subtrees = new WeakMap<object, Map<number, Subtree>>();

async function queryDescendants(manager: EntityManager, agencyId: number): Promise<number[]> {
  const rows: Array<{ id: number | string }> = await manager.query(
    `WITH RECURSIVE sub(id) AS (SELECT id FROM agency WHERE id = ${placeholder(manager, 1)}
       UNION ALL SELECT a.id FROM agency a JOIN sub ON a.parent_id = sub.id) SELECT id FROM sub`,
    [agencyId],
  );
  return rows.map(row => Number(row.id));
}

/**
 * The agencies whose unpublished reports an actor may read: its own, plus for
 * an AUDITOR every agency under it. Null means all (trusted operators); an
 * empty list means only published reports.
 */
export async function readableAgencyIds(manager: EntityManager, actor: Actor, dataVersion?: number): Promise<number[] | null> {
  if (isTrusted(actor)) return null;
  if (actor.kind === "anonymous") return [];
  return actor.roles.includes("AUDITOR") ? agencyWithDescendants(manager, actor.agencyId, dataVersion) : [actor.agencyId];
}

/**
 * The same agencies as readableAgencyIds, as a list's SQL restricts to them: all (trusted operators), an
 * AUDITOR's agency and every agency under it as a query (`subtreeQuery`), or a few ids (own agency; none).
 */
export type LiveAgencies = { all: true } | { subtreeOf: number } | { ids: number[] };

export function liveAgencies(actor: Actor): LiveAgencies {
  if (isTrusted(actor)) return { all: true };
  if (actor.kind === "anonymous") return { ids: [] };
  return actor.roles.includes("AUDITOR") ? { subtreeOf: actor.agencyId } : { ids: [actor.agencyId] };
}

/**
 * SQL selecting the id of the agency the named query-builder parameter holds and of every agency under it (what
 * agencyWithDescendants lists), for `column IN (…)`: a supervising office's few hundred agencies are one query
 * to the engine, not as many bound parameters (PostgreSQL plans each distinct statement again).
 */
export function subtreeQuery(rootParameter: string): string {
  return `WITH RECURSIVE sub(id) AS (SELECT id FROM agency WHERE id = :${rootParameter}
    UNION ALL SELECT a.id FROM agency a JOIN sub ON a.parent_id = sub.id) SELECT id FROM sub`;
}

/** Anyone may read a report once it has been published; its current draft only insiders may. */
export function canReadReport(manager: EntityManager, actor: Actor, report: ReportEntity): Promise<boolean> {
  return new ReadScope(work => work(manager), actor).canRead(report);
}

/**
 * For workflow steps: only insiders act on a report. An outsider gets NOT_FOUND
 * for a report they cannot see, and FORBIDDEN for a published one — before any
 * version check or machine refusal, whose messages name the live state and version.
 */
export async function assertInsider(manager: EntityManager, actor: Actor, report: ReportEntity): Promise<void> {
  const reading = await new ReadScope(work => work(manager), actor).reading(report);
  if (reading === null) throw reportNotFound();
  if (reading === "published") {
    throw problem(UserErrorCode.FORBIDDEN, "Only users of the report's agency take its workflow steps; ask one of them.");
  }
}

/** A report the actor may not see answers exactly like a report that does not exist. */
export function reportNotFound(field: string[] = ["input", "reportId"]) {
  return problem(UserErrorCode.NOT_FOUND, "No report has this id; query reports to find it.", field);
}

/**
 * The roles a user holds for an agency's business: their roles in their own agency, none anywhere else (an
 * AUDITOR of a supervising office reads sub-agencies but takes no step and holds no role there). The one place
 * this rule lives; the workflow, its view, acknowledgements and assertRole all ask it.
 */
export function rolesIn(user: UserActor | null, agencyId: number): readonly Role[] {
  return user && user.agencyId === agencyId ? user.roles : [];
}

/** The actor must hold `role` in `agencyId`; trusted operators always may. */
export function assertRole(actor: Actor, agencyId: number, role: Role, doing: string): void {
  const user = requireSignedIn(actor);
  if (user && !rolesIn(user, agencyId).includes(role)) {
    throw problem(UserErrorCode.FORBIDDEN, `Only a ${role} of this agency may ${doing}; ask your agency's ADMIN for the role.`);
  }
}

/** For content changes: the report must be visible to the actor, and the actor a DRAFTER of its agency. */
export async function assertCanEdit(manager: EntityManager, actor: Actor, report: ReportEntity): Promise<void> {
  requireSignedIn(actor);
  if (!(await canReadReport(manager, actor, report))) {
    throw reportNotFound();
  }
  assertRole(actor, report.agencyId, "DRAFTER", "edit this report");
}

/**
 * How a reader sees a report: `live` — its current state and content, the
 * internal workflow included (the agency's own users, and an AUDITOR of a
 * supervising office); `published` — only its latest published revision (the
 * public and other agencies). Null: not at all (never published).
 */
export type Reading = "live" | "published";

/**
 * What one request may read, worked out once per request. The one place that
 * decides who sees what of a report: every read of a report, list, count and
 * field goes through `reading`/`view`.
 */
export class ReadScope {
  private agencies?: Promise<number[] | null>;
  private covered?: Promise<Set<number> | null>;
  private readonly revisions = new Map<number, ReportRevisionEntity | null>();

  /** `dataVersion`: the audit chain's head as this request read it before anything else, if it did. */
  constructor(
    private readonly run: <T>(work: (manager: EntityManager) => Promise<T>) => Promise<T>,
    readonly actor: Actor,
    private readonly dataVersion?: number,
  ) {}

  /** Agencies whose reports are read live; null means all. */
  agencyIds(): Promise<number[] | null> {
    this.agencies ??= this.run(manager => readableAgencyIds(manager, this.actor, this.dataVersion));
    return this.agencies;
  }

  /** Whether the actor is an insider of the agency: its own, or (AUDITOR) one under it. */
  async coversAgency(agencyId: number): Promise<boolean> {
    // Note: a Set, once a request: a supervising office's AUDITOR covers thousands of agencies (1,250 in the bench),
    // and a 100-report page asks once per report.
    this.covered ??= this.agencyIds().then(ids => (ids === null ? null : new Set(ids)));
    const covered = await this.covered;
    return covered === null || covered.has(agencyId);
  }

  /**
   * Whether a user (name, roles, whether active) is visible: to the users of their own agency and an AUDITOR of
   * a supervising office — the readers who already see their names in the workflow history and audit trail.
   */
  canSeeUser(user: { agencyId: number }): Promise<boolean> {
    return this.coversAgency(user.agencyId);
  }

  /** How this reader sees the report (see Reading); a never-published report of another agency: null. */
  async reading(report: ReportEntity): Promise<Reading | null> {
    if (await this.coversAgency(report.agencyId)) return "live";
    return report.publishedAt ? "published" : null;
  }

  async canRead(report: ReportEntity): Promise<boolean> {
    return (await this.reading(report)) !== null;
  }

  /** Whether the live state is visible (drafts, the internal workflow), not just the published revision. */
  async canReadDraft(report: ReportEntity): Promise<boolean> {
    return (await this.reading(report)) === "live";
  }

  /**
   * The reports as this reader sees them, in order: the row itself for
   * insiders, the latest published revision for outsiders (see publicView),
   * null where the reader may not see the report at all.
   */
  async view(reports: ReportEntity[]): Promise<Array<ReportEntity | null>> {
    const readings = await Promise.all(reports.map(report => this.reading(report)));
    const correcting = reports.filter((report, i) => readings[i] === "published" && report.state !== "published").map(r => r.id);
    const [revisions, versions] = correcting.length
      ? await Promise.all([this.publishedRevisions(correcting), this.run(manager => publishedVersions(manager, correcting))])
      : [new Map<number, ReportRevisionEntity>(), new Map<number, number>()];
    return reports.map((report, i) =>
      readings[i] === "live" ? report : readings[i] === "published" ? publicView(report, revisions.get(report.id), versions.get(report.id)) : null,
    );
  }

  /** The latest published revision of each report, remembered for the rest of the request. */
  async publishedRevisions(reportIds: number[]): Promise<Map<number, ReportRevisionEntity>> {
    const missing = reportIds.filter(id => !this.revisions.has(id));
    if (missing.length) {
      const loaded = await this.run(manager => latestPublishedRevisions(manager, missing));
      for (const id of missing) this.revisions.set(id, loaded.get(id) ?? null);
    }
    const found = new Map<number, ReportRevisionEntity>();
    for (const id of reportIds) {
      const revision = this.revisions.get(id);
      if (revision) found.set(id, revision);
    }
    return found;
  }
}
