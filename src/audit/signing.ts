import crypto from "node:crypto";
import fs from "node:fs";

/**
 * Ed25519 keys for checkpoints. The private key never enters the database: a
 * checkpoint stores only the head it vouches for and the signature, so someone
 * who can write the database cannot make a checkpoint that verify trusts.
 */
export interface CheckpointSigner {
  keyId: string;
  privateKey: crypto.KeyObject;
}

export interface CheckpointVerifier {
  keyId: string;
  publicKey: crypto.KeyObject;
}

/** The environment variables naming the key files (flags override them). */
export const AUDIT_KEY_ENV = "GONGKAI_AUDIT_KEY";
export const AUDIT_PUBLIC_KEY_ENV = "GONGKAI_AUDIT_PUBLIC_KEY";

export class AuditKeyError extends Error {}

/** What is signed: the chain position and hash, with a purpose prefix so the signature means nothing else. */
export function checkpointMessage(seq: number, hash: string): Buffer {
  return Buffer.from(`gongkai-audit-checkpoint/v1 ${seq} ${hash}`, "utf8");
}

/** SHA-256 of the public key (SPKI DER), first 16 hex digits: names a key in stored checkpoints and messages. */
export function keyIdOf(publicKey: crypto.KeyObject): string {
  return crypto
    .createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
}

/** Writes a new key pair: FILE (private, PKCS#8 PEM, mode 0600) and FILE.pub (SPKI PEM). Never overwrites. */
export function generateAuditKey(file: string): { keyId: string; publicFile: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("ed25519");
  const publicFile = `${file}.pub`;
  for (const target of [file, publicFile]) {
    if (fs.existsSync(target)) throw new AuditKeyError(`${target} exists; choose another path (keys are never overwritten).`);
  }
  fs.writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
  fs.writeFileSync(publicFile, publicKey.export({ type: "spki", format: "pem" }), { flag: "wx" });
  return { keyId: keyIdOf(publicKey), publicFile };
}

function readKeyFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new AuditKeyError(`Cannot read the audit key ${file}: ${reason}.`);
  }
}

function ed25519(key: crypto.KeyObject, file: string): crypto.KeyObject {
  if (key.asymmetricKeyType !== "ed25519") {
    throw new AuditKeyError(`${file} is a ${key.asymmetricKeyType} key; checkpoints are signed with Ed25519 (gongkai audit keygen).`);
  }
  return key;
}

/** The signing key from `file` (or GONGKAI_AUDIT_KEY); null when none is configured. */
export function loadSigner(file: string | undefined, env: NodeJS.ProcessEnv = process.env): CheckpointSigner | null {
  const path = file ?? env[AUDIT_KEY_ENV];
  if (!path) return null;
  let privateKey: crypto.KeyObject;
  try {
    privateKey = crypto.createPrivateKey(readKeyFile(path));
  } catch (error) {
    if (error instanceof AuditKeyError) throw error;
    throw new AuditKeyError(`${path} is not a private key in PEM form (gongkai audit keygen writes one).`);
  }
  ed25519(privateKey, path);
  return { keyId: keyIdOf(crypto.createPublicKey(privateKey)), privateKey };
}

/**
 * The key that checkpoints must be signed with: `file` (or GONGKAI_AUDIT_PUBLIC_KEY),
 * else the public half of GONGKAI_AUDIT_KEY; null when none is configured.
 */
export function loadVerifier(file: string | undefined, env: NodeJS.ProcessEnv = process.env): CheckpointVerifier | null {
  const path = file ?? env[AUDIT_PUBLIC_KEY_ENV];
  if (!path) {
    const signer = loadSigner(undefined, env);
    return signer && { keyId: signer.keyId, publicKey: crypto.createPublicKey(signer.privateKey) };
  }
  let publicKey: crypto.KeyObject;
  try {
    publicKey = crypto.createPublicKey(readKeyFile(path));
  } catch (error) {
    if (error instanceof AuditKeyError) throw error;
    throw new AuditKeyError(`${path} is not a public key in PEM form (gongkai audit keygen writes FILE.pub).`);
  }
  ed25519(publicKey, path);
  return { keyId: keyIdOf(publicKey), publicKey };
}

export function signCheckpoint(signer: CheckpointSigner, seq: number, hash: string): string {
  return crypto.sign(null, checkpointMessage(seq, hash), signer.privateKey).toString("base64");
}

export function checkpointSignatureValid(verifier: CheckpointVerifier, seq: number, hash: string, signature: string): boolean {
  try {
    return crypto.verify(null, checkpointMessage(seq, hash), verifier.publicKey, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}
