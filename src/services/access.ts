import type { EntityManager } from "typeorm";
import { AuthenticationError } from "../auth/auth-errors";
import type { ReportEntity } from "../entities";
import type { Role } from "../workflow";
import { isTrusted } from "./actor";
import type { Actor, UserActor } from "./actor";
import { UserErrorCode, problem } from "./errors";

/** Throws UNAUTHENTICATED for anonymous actors; returns the user (or null for trusted operators). */
export function requireSignedIn(actor: Actor): UserActor | null {
  if (actor.kind === "anonymous") {
    throw new AuthenticationError();
  }
  return actor.kind === "user" ? actor : null;
}

/** A placeholder for the n-th (1-based) parameter of a raw query on this engine. */
export function placeholder(manager: EntityManager, n: number): string {
  return manager.connection.driver.options.type === "postgres" ? `$${n}` : "?";
}

/**
 * The agency and every agency under it (supervising offices see their
 * sub-agencies). Agencies are only ever added, never moved or removed, so a
 * subtree stays right until a newer agency exists: the cache is checked
 * against the highest agency id, one primary-key lookup.
 */
export async function agencyWithDescendants(manager: EntityManager, agencyId: number): Promise<number[]> {
  const [{ newest }] = await manager.query("SELECT MAX(id) AS newest FROM agency");
  const cache = subtrees.get(manager.connection) ?? new Map<number, { newest: number; ids: number[] }>();
  subtrees.set(manager.connection, cache);
  const hit = cache.get(agencyId);
  if (hit && hit.newest === Number(newest)) return hit.ids;
  const ids = await queryDescendants(manager, agencyId);
  cache.set(agencyId, { newest: Number(newest), ids });
  return ids;
}

const subtrees = new WeakMap<object, Map<number, { newest: number; ids: number[] }>>();

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
export async function readableAgencyIds(manager: EntityManager, actor: Actor): Promise<number[] | null> {
  if (isTrusted(actor)) return null;
  if (actor.kind === "anonymous") return [];
  return actor.roles.includes("AUDITOR") ? agencyWithDescendants(manager, actor.agencyId) : [actor.agencyId];
}

/** Anyone may read a report once it has been published; its current draft only insiders may. */
export function canReadReport(manager: EntityManager, actor: Actor, report: ReportEntity): Promise<boolean> {
  return new ReadScope(work => work(manager), actor).canRead(report);
}

/** A report the actor may not see answers exactly like a report that does not exist. */
export function reportNotFound() {
  return problem(UserErrorCode.NOT_FOUND, "No report has this id; query reports to find it.", ["input", "reportId"]);
}

/** The actor must hold `role` in `agencyId`; trusted operators always may. */
export function assertRole(actor: Actor, agencyId: number, role: Role, doing: string): void {
  const user = requireSignedIn(actor);
  if (user && !(user.agencyId === agencyId && user.roles.includes(role))) {
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

/** What one request may read, worked out once per request. */
export class ReadScope {
  private agencies?: Promise<number[] | null>;

  constructor(
    private readonly run: <T>(work: (manager: EntityManager) => Promise<T>) => Promise<T>,
    readonly actor: Actor,
  ) {}

  /** Agencies whose unpublished reports are visible; null means all. */
  agencyIds(): Promise<number[] | null> {
    this.agencies ??= this.run(manager => readableAgencyIds(manager, this.actor));
    return this.agencies;
  }

  async canRead(report: ReportEntity): Promise<boolean> {
    return Boolean(report.publishedAt) || this.canReadDraft(report);
  }

  /** Whether the actor is an insider of the agency: its own, or (AUDITOR) one under it. */
  async coversAgency(agencyId: number): Promise<boolean> {
    const agencies = await this.agencyIds();
    return agencies === null || agencies.includes(agencyId);
  }

  /** Whether the current (possibly unpublished) content is visible, not just the published revision. */
  async canReadDraft(report: ReportEntity): Promise<boolean> {
    if (report.state === "published") return true;
    const agencies = await this.agencyIds();
    return agencies === null || agencies.includes(report.agencyId);
  }
}
