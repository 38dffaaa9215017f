import type { Database } from "../db";
import { EventStream } from "../live/event-stream";
import { InboxRecipients } from "../live/inbox";
import { AcknowledgementService } from "./acknowledgement.service";
import { ActorCache } from "./actor-cache";
import { AgencyService } from "./agency.service";
import { ContentCache } from "./content-cache";
import { DeliveryService } from "./delivery.service";
import { HistoryCache } from "./history-cache";
import { ImportService } from "./import.service";
import { ReportService } from "./report.service";
import { ScheduleService } from "./schedule.service";
import { SignInService } from "./sign-in.service";
import { UserService } from "./user.service";
import { WorkflowService } from "./workflow.service";

export * from "./actor";
export * from "./errors";
export { AcknowledgementService, AgencyService, ImportService, ReportService, ScheduleService, SignInService, UserService, WorkflowService };
export { createLoaders } from "./loaders";
export type { Loaders, StoredReports } from "./loaders";
export { listReports } from "./report-query";

/** The service layer: the only code that writes. */
export interface Services {
  db: Database;
  agencies: AgencyService;
  reports: ReportService;
  imports: ImportService;
  users: UserService;
  signIn: SignInService;
  workflow: WorkflowService;
  /** Scheduled publication: setting and cancelling schedules, and carrying out a claimed one. */
  schedule: ScheduleService;
  acknowledgements: AcknowledgementService;
  /** Webhook endpoints, SMTP settings and e-mail addresses (outbound delivery). */
  delivery: DeliveryService;
  /** Version-keyed content and validation caches shared by this process's requests. */
  contentCache: ContentCache;
  /** Each report's audit records, brought up to date by one statement a read (see HistoryCache). */
  histories: HistoryCache;
  /** Bearer tokens' users, kept until any user changes (see ActorCache). */
  actors: ActorCache;
  /** The stream of committed audit records (started on first use) and who each concerns (src/live). */
  events: EventStream;
  inbox: InboxRecipients;
}

export function createServices(db: Database): Services {
  const contentCache = new ContentCache();
  return {
    db,
    agencies: new AgencyService(db),
    reports: new ReportService(db),
    imports: new ImportService(db, contentCache),
    users: new UserService(db),
    signIn: new SignInService(db),
    workflow: new WorkflowService(db, contentCache),
    schedule: new ScheduleService(db, contentCache),
    acknowledgements: new AcknowledgementService(db),
    delivery: new DeliveryService(db),
    contentCache,
    histories: new HistoryCache(),
    actors: new ActorCache(db),
    events: new EventStream(db),
    inbox: new InboxRecipients(db),
  };
}
