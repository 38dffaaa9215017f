import { Brackets } from "typeorm";
import type { Database } from "../db";
import { ReportEntity } from "../entities";
import { isPublic } from "../workflow";
import type { ApprovalState } from "../workflow";
import { liveAgencies, subtreeQuery } from "./access";
import type { LiveAgencies, ReadScope } from "./access";
import { UserErrorCode, problem } from "./errors";

export interface ReportFilter {
  agencyId?: number | null;
  year?: number | null;
  state?: ApprovalState | null;
}

export interface Page<T> {
  nodes: T[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

export const MAX_PAGE_SIZE = 100;

/** Reports newest year first, then in creation order; keyset-paginated so deep pages stay cheap. */
export async function listReports(db: Database, scope: ReadScope, filter: ReportFilter, first: number, after?: string | null): Promise<Page<ReportEntity>> {
  const visible = liveAgencies(scope.actor);
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw problem(UserErrorCode.INVALID_INPUT, `first must be between 1 and ${MAX_PAGE_SIZE}.`, ["first"]);
  }
  const position = after ? decodeCursor(after) : null;
  const page = await db.read(async manager => {
    const query = manager.createQueryBuilder(ReportEntity, "report");
    if (filter.agencyId != null) query.andWhere("report.agency_id = :agencyId", { agencyId: filter.agencyId });
    if (filter.year != null) query.andWhere("report.year = :year", { year: filter.year });
    query.andWhere(asSeen(visible, filter.state ?? null));
    const totalCount = await query.clone().getCount();
    if (position) {
      query.andWhere(
        new Brackets(where =>
          where
            .where("report.year < :cursorYear", { cursorYear: position.year })
            .orWhere("report.year = :cursorYear AND report.id > :cursorId", { cursorId: position.id }),
        ),
      );
    }
    const rows = await query
      .orderBy("report.year", "DESC")
      .addOrderBy("report.id", "ASC")
      .take(first + 1)
      .getMany();
    const nodes = rows.slice(0, first);
    const last = nodes.at(-1);
    return { nodes, totalCount, hasNextPage: rows.length > first, endCursor: last ? encodeCursor(last) : null };
  });
  // Note: every row passed the filter above, so the scope sees each of them (live or as published).
  return { ...page, nodes: (await scope.view(page.nodes)) as ReportEntity[] };
}

/**
 * Reports as the reader sees them (ReadScope): insiders by their live state;
 * everyone else's only once published, and then as PUBLISHED whatever their
 * live state (a correction in progress stays published to outsiders). Filters
 * and totalCount both use it, so others' drafts are never listed nor counted.
 */
function asSeen(insiders: LiveAgencies, state: ApprovalState | null): Brackets {
  return new Brackets(where => {
    if ("all" in insiders) {
      where.where(state === null ? "1 = 1" : "report.state = :state", { state });
      return;
    }
    const { inside, outside, parameters } = insiderCondition(insiders);
    where.where(`(${inside}${state === null ? "" : " AND report.state = :state"})`, { ...parameters, state });
    if (state === null || isPublic(state)) {
      where.orWhere(`(${outside} AND report.published_at IS NOT NULL)`, parameters);
    }
  });
}

/** Whether a report's agency is (`inside`) or is not (`outside`) one whose reports the reader reads live. */
function insiderCondition(insiders: { subtreeOf: number } | { ids: number[] }) {
  if ("subtreeOf" in insiders) {
    const subtree = subtreeQuery("insiderRoot");
    const parameters = { insiderRoot: insiders.subtreeOf };
    return { inside: `report.agency_id IN (${subtree})`, outside: `report.agency_id NOT IN (${subtree})`, parameters };
  }
  const { ids } = insiders;
  return {
    inside: ids.length ? "report.agency_id IN (:...insiderAgencies)" : "1 = 0",
    outside: ids.length ? "report.agency_id NOT IN (:...insiderAgencies)" : "1 = 1",
    parameters: { insiderAgencies: ids },
  };
}

export function encodeCursor(report: ReportEntity): string {
  return Buffer.from(JSON.stringify([report.year, report.id])).toString("base64url");
}

function decodeCursor(cursor: string): { year: number; id: number } {
  try {
    const [year, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (Number.isInteger(year) && Number.isInteger(id)) {
      return { year: year as number, id: id as number };
    }
  } catch {
    // fall through to the user-facing error below
  }
  throw problem(UserErrorCode.INVALID_INPUT, "The cursor is not valid; use an endCursor returned by reports.", ["after"]);
}
