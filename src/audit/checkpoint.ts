import crypto from "node:crypto";
import type { Database } from "../db";
import { AuditSignedCheckpointEntity } from "../entities";
import { signCheckpoint } from "./signing";
import type { CheckpointSigner } from "./signing";
import { verifyAuditChain } from "./verify";
import type { VerifyResult } from "./verify";

/**
 * Verifies the chain (from the latest checkpoint this same key signed, else
 * from record 1) and, when intact, signs its head and stores the signature.
 * Nothing is stored when the chain is broken.
 */
export async function checkpointAuditChain(db: Database, signer: CheckpointSigner): Promise<VerifyResult> {
  const verifier = { keyId: signer.keyId, publicKey: crypto.createPublicKey(signer.privateKey) };
  const verified = await verifyAuditChain(db, { verifier });
  if (!verified.ok || verified.headSeq === 0) return verified;
  const row = { seq: verified.headSeq, keyId: signer.keyId, hash: verified.headHash };
  await db.transaction(async m => {
    if (await m.existsBy(AuditSignedCheckpointEntity, { seq: row.seq, keyId: row.keyId })) return;
    const signature = signCheckpoint(signer, row.seq, row.hash);
    await m.insert(AuditSignedCheckpointEntity, { ...row, signature, signedAt: new Date().toISOString() });
  });
  return verified;
}
