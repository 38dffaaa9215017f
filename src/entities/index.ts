import { AgencyEntity } from "./agency.entity";
import { ReportCellEntity } from "./report-cell.entity";
import { ReportSectionEntity } from "./report-section.entity";
import { ReportEntity } from "./report.entity";

export { AgencyEntity, ReportCellEntity, ReportEntity, ReportSectionEntity };

export const entities = [AgencyEntity, ReportEntity, ReportSectionEntity, ReportCellEntity];
