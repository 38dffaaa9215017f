import { Kind, OperationTypeNode, TypeInfo, getNamedType, isLeafType, parse, visit, visitWithTypeInfo } from "graphql";
import type { DocumentNode, FieldNode, GraphQLSchema, OperationDefinitionNode } from "graphql";
import { LruCache } from "../services/lru-cache";
import { QUERY_LIMITS } from "./apollo";

/**
 * The root fields whose answers are read only from data that changes together with an audit record, in the
 * change's own transaction (reports and their content, revisions, workflow, acknowledgements, schedules,
 * agencies, users, the audit trail itself, the per-year summaries), or never changes (formats, the workflow's
 * definition). An answer of these can be kept while the audit chain's head stays where it was.
 */
const ROOT_FIELDS = new Set(["agencies", "agency", "auditEvents", "format", "formats", "report", "reportDiff", "reports", "statistics", "workflowDefinition"]);

/**
 * Types read from what changes without an audit record — the inbox, delivery attempts, sessions, signed
 * checkpoints, a chain verification's walk — or that hold secrets: an operation selecting any of them is never kept.
 */
const UNKEPT_TYPES = new Set([
  "AuditVerification",
  "InboxEntry",
  "Notification",
  "NotificationConnection",
  "NotificationEdge",
  "SignatureCheck",
  "SmtpConfig",
  "Viewer",
  "WebhookDelivery",
  "WebhookEndpoint",
]);

/**
 * The types an answer about one report reads from that report's agency alone: the report and its content, its
 * validation (against the same agency's previous report), workflow, revisions and history, its agency (not the
 * agency's parent) and that agency's users, and the formats (which never change). Every change to any of these
 * writes an audit record naming the agency.
 */
const AGENCY_LOCAL_TYPES = new Set([
  "Agency",
  "AuditEvent",
  "AvailableAction",
  "ChannelCount",
  "Format",
  "FormatCarryOver",
  "FormatColumn",
  "FormatRow",
  "FormatRule",
  "FormatSection",
  "FormatTable",
  "PublicationSource",
  "Report",
  "ReportRevision",
  "ReportRow",
  "ReportSection",
  "ReportTable",
  "User",
  "Validation",
  "Violation",
  "ViolationCell",
  "ViolationSuggestion",
  "WarningAcknowledgement",
  "WorkflowRefusal",
  "WorkflowStatus",
  "WorkflowStep",
  "YearRange",
]);

/** A root `report(id:)` field's id: written in the query, or a variable's name. */
export type ReportIdArgument = { literal: string } | { variable: string };

/**
 * Whether an answer may be kept, and what it depends on: `byAgency` lists the `report(id:)` fields of an operation
 * that reads only those reports' agencies (its answer stays good while no audit record names them); null means
 * it may read anything (it stays good only while the chain's head stays where it was).
 */
export type Verdict = { byAgency: ReportIdArgument[] | null } | null;

/** Operations judged per process: the same few documents come again and again. */
const JUDGED_LIMIT = 1_000;

/**
 * Whether a request's answer may be kept and sent again while the data stays as it was: a query (never a
 * mutation or subscription) whose root fields are all in ROOT_FIELDS, selecting no type of UNKEPT_TYPES, with no
 * directive but @include/@skip. Judged from the text alone (the schema's types), once per text and operation name;
 * a text that does not parse is not cacheable (Apollo answers it as always).
 */
export class CacheableOperations {
  private readonly judged = new LruCache<string, { verdict: Verdict }>(JUDGED_LIMIT);

  constructor(private readonly schema: GraphQLSchema) {}

  judge(query: string, operationName: string | undefined): Verdict {
    const key = `${operationName ?? ""}\u0000${query}`;
    let judged = this.judged.get(key);
    if (judged === undefined) {
      judged = { verdict: this.judgeText(query, operationName) };
      this.judged.set(key, judged);
    }
    return judged.verdict;
  }

  private judgeText(query: string, operationName: string | undefined): Verdict {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: QUERY_LIMITS.maxTokens });
    } catch {
      return null;
    }
    const operation = chosenOperation(document, operationName);
    if (!operation || operation.operation !== OperationTypeNode.QUERY || !rootFieldsKept(operation, document)) return null;
    const types = this.selectedTypes(document, operation);
    if (!types) return null;
    const reports = reportIdArguments(operation);
    return { byAgency: reports && types.agencyLocal ? reports : null };
  }

  /** null when the operation selects a type never kept or an unknown directive; else whether it stays in one agency. */
  private selectedTypes(document: DocumentNode, operation: OperationDefinitionNode): { agencyLocal: boolean } | null {
    const typeInfo = new TypeInfo(this.schema);
    let kept = true;
    let agencyLocal = true;
    const fragments = document.definitions.filter(definition => definition.kind === Kind.FRAGMENT_DEFINITION);
    for (const node of [operation, ...fragments]) {
      visit(
        node,
        visitWithTypeInfo(typeInfo, {
          Field(field) {
            const type = typeInfo.getType();
            // Note: an unknown field has no type; validation refuses the request, and no error answer is kept.
            if (!type) return;
            const named = getNamedType(type);
            if (UNKEPT_TYPES.has(named.name)) kept = false;
            const parent = typeInfo.getParentType()?.name;
            if (parent === "Query") return;
            if (!isLeafType(named) && !AGENCY_LOCAL_TYPES.has(named.name)) agencyLocal = false;
            if (parent === "Agency" && field.name.value === "parent") agencyLocal = false;
          },
          Directive(directive) {
            if (directive.name.value !== "include" && directive.name.value !== "skip") kept = false;
          },
        }),
      );
    }
    return kept ? { agencyLocal } : null;
  }
}

/** The ids of an operation whose root fields are all `report(id:)` written directly in it (no fragments); else null. */
function reportIdArguments(operation: OperationDefinitionNode): ReportIdArgument[] | null {
  const ids: ReportIdArgument[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) return null;
    if (selection.name.value === "__typename") continue;
    const id = selection.name.value === "report" ? idArgument(selection) : null;
    if (!id) return null;
    ids.push(id);
  }
  return ids.length ? ids : null;
}

function idArgument(field: FieldNode): ReportIdArgument | null {
  const value = field.arguments?.find(argument => argument.name.value === "id")?.value;
  if (value?.kind === Kind.STRING) return { literal: value.value };
  if (value?.kind === Kind.VARIABLE) return { variable: value.name.value };
  return null;
}

/** The operation a request runs: the named one, or the only one when no name is given. */
function chosenOperation(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (operationName === undefined) return operations.length === 1 ? operations[0] : undefined;
  return operations.find(operation => operation.name?.value === operationName);
}

/** Every root field (through fragments too) is one whose answers may be kept; introspection's are not. */
function rootFieldsKept(operation: OperationDefinitionNode, document: DocumentNode): boolean {
  const fragments = new Map(
    document.definitions.flatMap(definition => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])),
  );
  const seen = new Set<string>();
  const check = (selections: OperationDefinitionNode["selectionSet"]["selections"]): boolean =>
    selections.every(selection => {
      if (selection.kind === Kind.FIELD) return selection.name.value === "__typename" || ROOT_FIELDS.has(selection.name.value);
      if (selection.kind === Kind.INLINE_FRAGMENT) return check(selection.selectionSet.selections);
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) return false;
      seen.add(fragment.name.value);
      return check(fragment.selectionSet.selections);
    });
  return check(operation.selectionSet.selections);
}
