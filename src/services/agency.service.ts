import type { EntityManager } from "typeorm";
import { appendAudit } from "../audit/append";
import type { Database } from "../db";
import { AgencyEntity } from "../entities";
import { AGENCY_KINDS, AGENCY_LEVELS, inferAgencyKind } from "../workflow";
import type { AgencyKind, AgencyLevel } from "../workflow";
import { assertRole, requireSignedIn } from "./access";
import type { Actor } from "./actor";
import { readableAgencyCode } from "./agency-code";
import { UserErrorCode, problem } from "./errors";
import { checkPageSize, pageById } from "./id-pages";
import type { IdPage } from "./id-pages";

export interface AgencyCreateInput {
  /** Omitted: a readable one is derived from the name (its pinyin; see readableAgencyCode). */
  code?: string | null;
  name: string;
  parentCode?: string | null;
  /** Inferred from the name when omitted (…人民政府 is a government). */
  kind?: AgencyKind | null;
  level?: AgencyLevel | null;
}

export const AGENCY_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_NAME_LENGTH = 200;

export class AgencyService {
  constructor(private readonly db: Database) {}

  create(actor: Actor, input: AgencyCreateInput): Promise<AgencyEntity> {
    return this.db.transaction(manager => createAgency(manager, actor, input));
  }

  /** Agencies in creation order, a page at a time (public: agencies and their tree are published facts). */
  page(first: number, afterId: number | null): Promise<IdPage<AgencyEntity>> {
    checkPageSize(first);
    return this.db.read(manager => pageById(manager, AgencyEntity, {}, first, afterId));
  }

  findByCode(code: string): Promise<AgencyEntity | null> {
    return this.db.read(manager => manager.findOneBy(AgencyEntity, { code }));
  }

  findById(id: number): Promise<AgencyEntity | null> {
    return this.db.read(manager => manager.findOneBy(AgencyEntity, { id }));
  }
}

/** Creates an agency inside the caller's transaction. */
export async function createAgency(manager: EntityManager, actor: Actor, input: AgencyCreateInput): Promise<AgencyEntity> {
  const user = requireSignedIn(actor);
  const name = input.name.trim();
  if (!name || name.length > MAX_NAME_LENGTH) {
    throw problem(UserErrorCode.INVALID_INPUT, `Agency name must be 1–${MAX_NAME_LENGTH} characters.`, ["input", "name"]);
  }
  const parent = input.parentCode ? await parentFor(manager, input.parentCode) : null;
  const code = input.code?.trim() || (name ? await readableAgencyCode(manager, name, parent) : "");
  if (!AGENCY_CODE_PATTERN.test(code)) {
    throw problem(UserErrorCode.INVALID_INPUT, "Agency code must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit.", [
      "input",
      "code",
    ]);
  }
  if (await manager.existsBy(AgencyEntity, { code })) {
    throw problem(UserErrorCode.DUPLICATE, `An agency with code "${code}" already exists; choose another code.`, ["input", "code"]);
  }
  const parentId = parent?.id ?? null;
  if (user) {
    // Note: a user may only add agencies under their own; top-level agencies come from the CLI.
    if (parentId === null) {
      throw problem(UserErrorCode.FORBIDDEN, "Give parentCode: you may add agencies only under your own agency.", ["input", "parentCode"]);
    }
    assertRole(actor, parentId, "ADMIN", "add agencies under it");
  }
  const { kind, level } = agencyClassOf(input, name);
  const agency = await manager.save(manager.create(AgencyEntity, { code, name, parentId, kind, level }));
  await appendAudit(manager, actor, {
    action: "agency.create",
    agencyId: agency.id,
    diff: { code, name, parentCode: input.parentCode?.trim() || null, kind, level },
  });
  return agency;
}

function agencyClassOf(input: AgencyCreateInput, name: string): { kind: AgencyKind; level: AgencyLevel | null } {
  const kind = input.kind ?? inferAgencyKind(name);
  const level = input.level ?? null;
  if (!AGENCY_KINDS.includes(kind)) {
    throw problem(UserErrorCode.INVALID_INPUT, `Agency kind must be one of ${AGENCY_KINDS.join(", ")}.`, ["input", "kind"]);
  }
  if (level !== null && !AGENCY_LEVELS.includes(level)) {
    throw problem(UserErrorCode.INVALID_INPUT, `Agency level must be one of ${AGENCY_LEVELS.join(", ")}.`, ["input", "level"]);
  }
  return { kind, level };
}

async function parentFor(manager: EntityManager, parentCode: string): Promise<AgencyEntity> {
  const parent = await manager.findOneBy(AgencyEntity, { code: parentCode.trim() });
  if (!parent) {
    throw problem(UserErrorCode.NOT_FOUND, `No supervising agency has code "${parentCode}"; create it first.`, ["input", "parentCode"]);
  }
  return parent;
}

/**
 * Finds an agency by its exact name, or creates it — with the code given
 * (it becomes the public URL /reports/CODE/YEAR), else a readable one derived from the name (its pinyin).
 */
export async function findOrCreateAgencyByName(
  manager: EntityManager,
  actor: Actor,
  name: string,
  newCode?: string | null,
): Promise<AgencyEntity & { created?: boolean }> {
  const existing = await manager.findOneBy(AgencyEntity, { name: name.trim() });
  if (existing) {
    return existing;
  }
  return Object.assign(await createAgency(manager, actor, { code: newCode?.trim() || null, name }), { created: true });
}
