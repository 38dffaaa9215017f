import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { Connection } from "./connection.type";
import { ActorKind, RevisionKind } from "./enums";
import { Node } from "./node.type";

@ObjectType({ implements: Node, description: "One record of the tamper-evident audit trail." })
export class AuditEvent implements Node {
  @Field(_type => ID, { description: "Opaque global id; pass it to node or nodes (seq is the record's number in the chain)." })
  id!: string;

  @Field(_type => Int, { description: "Position in the hash chain: 1, 2, 3 … without gaps." })
  seq!: number;

  @Field(_type => Date, { description: "When the change was committed." })
  at!: Date;

  @Field(_type => ActorKind, { description: "A signed-in USER, the CLI or the SYSTEM." })
  actorKind!: ActorKind;

  @Field({ description: "The actor's name as recorded (a user's name then, or cli / system)." })
  actorName!: string;

  /** The acting user's database id (null for cli and system); read by the actor field, never exposed. */
  actorUserId!: number | null;

  @Field(_type => String, { nullable: true, description: "The actor's roles at the time (comma-separated)." })
  actorRoles!: string | null;

  @Field(_type => ID, { nullable: true })
  agencyId!: string | null;

  @Field(_type => ID, { nullable: true })
  reportId!: string | null;

  @Field({ description: "e.g. report.cells.set, report.section.update, report.workflow.submit, user.create." })
  action!: string;

  @Field({ description: "What changed, as canonical JSON (before → after)." })
  diff!: string;

  @Field(_type => String, { nullable: true })
  requestId!: string | null;

  @Field(_type => String, { nullable: true })
  clientAddress!: string | null;

  @Field({ description: "SHA-256 of the previous record." })
  prevHash!: string;

  @Field({ description: "SHA-256 of this record's canonical form (see README)." })
  hash!: string;
}

@ObjectType()
export class AuditEventConnection extends Connection(AuditEvent, "AuditEvent") {}

@InputType({ description: "Narrows auditEvents; every field optional." })
export class AuditEventFilter {
  @Field(_type => ID, { nullable: true })
  reportId?: string | null;

  @Field(_type => ID, { nullable: true })
  agencyId?: string | null;

  @Field(_type => ID, { nullable: true, description: "Records of this user (a User.id)." })
  actorId?: string | null;

  @Field(_type => String, { nullable: true })
  action?: string | null;

  @Field(_type => Date, { nullable: true, description: "Records at or after this time." })
  from?: Date | null;

  @Field(_type => Date, { nullable: true, description: "Records at or before this time." })
  to?: Date | null;
}

@ObjectType({ description: "What one verification request checked, and what it trusted without checking." })
export class AuditVerification {
  @Field({ description: "GLOBAL: the whole chain (operator, or an AUDITOR of the agency above all others); AGENCY: your agencies' own records." })
  scope!: string;

  @Field({ description: "False when a record (or a checkpoint) was found wrong: see brokenAt and problem." })
  ok!: boolean;

  @Field(_type => Int, { description: "Records in scope: the whole chain (GLOBAL) or your agencies' records (AGENCY)." })
  total!: number;

  @Field(_type => Int, { description: "Records checked by this request (at most limit)." })
  checked!: number;

  @Field(_type => Int, { nullable: true, description: "First record checked by this request." })
  checkedFrom!: number | null;

  @Field(_type => Int, { nullable: true, description: "Last record checked by this request." })
  checkedTo!: number | null;

  @Field({ description: "True when every record in scope after the starting point has been checked." })
  complete!: boolean;

  @Field(_type => String, { nullable: true, description: "Pass as after to check the next records; null when complete or broken." })
  cursor!: string | null;

  @Field(_type => Int, { nullable: true, description: "GLOBAL only: the last record reached (the head when complete)." })
  headSeq!: number | null;

  @Field(_type => String, { nullable: true, description: "GLOBAL only: the hash of headSeq." })
  headHash!: string | null;

  @Field(_type => Int, { nullable: true, description: "GLOBAL: the signed checkpoint this run started from (records up to it trusted, not checked)." })
  resumedFrom!: number | null;

  @Field(_type => String, { nullable: true, description: "What was trusted instead of checked, in words; null when nothing was." })
  trusted!: string | null;

  @Field(_type => [String], { description: "Checkpoints not trusted and why, and the limits of this kind of check." })
  notes!: string[];

  @Field(_type => Int, { nullable: true, description: "The first broken record." })
  brokenAt!: number | null;

  @Field(_type => String, { nullable: true })
  problem!: string | null;
}

@ObjectType({ description: "Where a report recorded as already published (RECORD_PUBLISHED) was published." })
export class PublicationSource {
  @Field(_type => String, { nullable: true })
  url!: string | null;

  @Field(_type => String, { nullable: true })
  fileName!: string | null;

  @Field(_type => String, { nullable: true })
  sha256!: string | null;
}

@ObjectType({
  implements: Node,
  description: "An immutable snapshot of a report's content, taken at submission, sign-off or publication.",
})
export class ReportRevision implements Node {
  @Field(_type => ID)
  id!: string;

  @Field(_type => Int, { description: "The workflow revision (1, then +1 per correction)." })
  revision!: number;

  @Field(_type => RevisionKind, { description: "The step that took the snapshot: SUBMITTED, SIGNED or PUBLISHED." })
  kind!: RevisionKind;

  @Field({ description: "SHA-256 of the canonical content." })
  contentHash!: string;

  @Field(_type => String, { nullable: true })
  correctionReason!: string | null;

  @Field()
  createdAt!: Date;

  @Field(_type => Date, { nullable: true })
  publishedAt!: Date | null;

  @Field(_type => PublicationSource, { nullable: true })
  source!: PublicationSource | null;
}

@ObjectType()
export class CellChange {
  @Field()
  key!: string;

  @Field(_type => String, { nullable: true })
  before!: string | null;

  @Field(_type => String, { nullable: true })
  after!: string | null;
}

@ObjectType()
export class SectionChange {
  @Field()
  sectionId!: string;

  @Field(_type => String, { nullable: true })
  before!: string | null;

  @Field(_type => String, { nullable: true })
  after!: string | null;
}

@ObjectType({ description: "Differences between two revisions, or a revision and the current draft." })
export class ReportDiff {
  @Field(_type => [CellChange])
  cells!: CellChange[];

  @Field(_type => [SectionChange])
  sections!: SectionChange[];
}

@ObjectType({ description: "The leader's signature checked against the published content." })
export class SignatureCheck {
  @Field(_type => Int)
  revision!: number;

  @Field({ description: "The content hash recorded at sign-off." })
  signedHash!: string;

  @Field({ description: "SHA-256 recomputed from the published revision's stored content." })
  publishedHash!: string;

  @Field({ description: "True when the two are equal: the public sees exactly what was signed." })
  matches!: boolean;
}
