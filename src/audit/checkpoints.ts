import type { Database } from "../db";
import { AuditCheckpointEntity, AuditSignedCheckpointEntity } from "../entities";
import { checkpointSignatureValid } from "./signing";
import type { CheckpointVerifier } from "./signing";

/** A point of the chain someone outside the database vouches for. */
export interface Anchor {
  seq: number;
  hash: string;
  /** Says who vouches, for messages: "the checkpoint at record 38 signed with audit key 1a2b… at …". */
  label: string;
}

export interface CheckpointsSeen {
  /** Signed with the configured key, signature valid: trust anchors, oldest first. */
  trusted: Anchor[];
  /** Claiming the configured key but failing its signature: someone wrote them without the key. */
  forged: number[];
  /** Why other checkpoints were not trusted (unsigned, another key, no key configured). */
  notes: string[];
}

/** Sorts the stored checkpoints into trusted anchors, forgeries and ones that vouch for nothing. */
export async function classifyCheckpoints(db: Database, verifier: CheckpointVerifier | null): Promise<CheckpointsSeen> {
  const [signed, unsigned] = await db.read(
    async m => [await m.find(AuditSignedCheckpointEntity, { order: { seq: "ASC" } }), await m.count(AuditCheckpointEntity)] as const,
  );
  const seen: CheckpointsSeen = { trusted: [], forged: [], notes: [] };
  if (unsigned) {
    seen.notes.push(`${unsigned} unsigned checkpoint(s) ignored: a checkpoint kept in the database without a signature vouches for nothing.`);
  }
  if (!verifier) {
    if (signed.length) {
      seen.notes.push(`${signed.length} signed checkpoint(s) not trusted: no audit public key is configured (--public-key or GONGKAI_AUDIT_PUBLIC_KEY).`);
    }
    return seen;
  }
  let otherKey = 0;
  for (const checkpoint of signed) {
    const seq = Number(checkpoint.seq);
    if (checkpoint.keyId !== verifier.keyId) {
      otherKey += 1;
    } else if (checkpointSignatureValid(verifier, seq, checkpoint.hash, checkpoint.signature)) {
      const label = `the checkpoint at record ${seq} signed with audit key ${checkpoint.keyId} at ${checkpoint.signedAt}`;
      seen.trusted.push({ seq, hash: checkpoint.hash, label });
    } else {
      seen.forged.push(seq);
    }
  }
  if (seen.forged.length) {
    seen.notes.push(
      `The checkpoint(s) at record ${seen.forged.join(", ")} claim audit key ${verifier.keyId} but their signature does not verify: refused as a trust anchor (written without the key).`,
    );
  }
  if (otherKey) {
    seen.notes.push(`${otherKey} checkpoint(s) signed with another key than ${verifier.keyId} ignored.`);
  }
  return seen;
}
