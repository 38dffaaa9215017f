import { AgencyResolver } from "./agency.resolver";
import { FormatResolver } from "./format.resolver";
import { ReportMutationResolver } from "./report-mutation.resolver";
import { ReportResolver } from "./report.resolver";

export type { GraphQLContext } from "./context";

export const resolvers = [FormatResolver, AgencyResolver, ReportResolver, ReportMutationResolver] as const;
