import { Arg, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import { toAgency, toReport, toTables } from "../schema/mappers/report.mapper";
import { Statistics } from "../schema/statistics.type";
import { SUMMABLE_TABLES, statistics } from "../services/statistics.service";
import type { Statistics as StatisticsResult } from "../services/statistics.service";
import type { GraphQLContext } from "./context";
import { requireId } from "./payload";

@Resolver()
export class StatisticsResolver {
  @Query(_returns => Statistics, { description: "AUDITOR of a supervising office: totals and lateness over its agencies for a year." })
  async statistics(
    @Arg("year", _type => Int) year: number,
    @Arg("agencyId", _type => ID) agencyId: string,
    @Ctx() { services, actor, loaders }: GraphQLContext,
  ): Promise<Statistics> {
    const id = requireId("Agency", agencyId, ["agencyId"]);
    const result = await statistics(services.db, actor, year, id);
    const translated = translations.get(result) ?? translate(result);
    translations.set(result, translated);
    return { ...translated, agency: toAgency((await loaders.agency.load(id))!) };
  }
}

/** A cached answer (the service keeps the same object while nothing changed) is translated once. */
const translations = new WeakMap<StatisticsResult, Omit<Statistics, "agency">>();

function translate(result: StatisticsResult): Omit<Statistics, "agency"> {
  const content = { format: result.format, year: result.year, cells: result.sums, sections: {} };
  return {
    year: result.year,
    formatId: result.format.id,
    dueDate: result.dueDate,
    summedReports: result.summedReports,
    excludedReports: result.excludedReports,
    tables: toTables(result.format, content).filter(table => SUMMABLE_TABLES.includes(table.id)),
    byState: result.byState.map(s => ({ state: s.state, count: s.count })),
    overdue: result.overdue.map(toReport),
    publishedLate: result.publishedLate.map(toReport),
    missing: result.missing.map(toAgency),
  };
}
