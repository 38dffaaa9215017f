import { pinyin } from "pinyin-pro";
import type { EntityManager } from "typeorm";
import { AgencyEntity } from "../entities";

/** After these characters a place name ends (广州市 | 越秀区 | 应急管理局): a hyphen there keeps a code readable. */
const PLACE_ENDS = new Set(["省", "市", "区", "县", "盟", "旗", "镇", "乡"]);
const MAX_CODE_LENGTH = 64;

/**
 * A readable code (the public URL part /reports/CODE/YEAR) for an agency known by its Chinese name: its pinyin,
 * a hyphen after each place name — 广州市越秀区应急管理局 → guangzhoushi-yuexiuqu-yingjiguanliju. Under a
 * supervising office the shared start of the two names is left out and the office's code put first
 * (yuexiu-gov-yingjiguanliju). A code already taken gets -2, -3, …
 */
export async function readableAgencyCode(manager: EntityManager, name: string, parent?: AgencyEntity | null): Promise<string> {
  const base = codeFromName(name, parent ?? null);
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : `-${n}`;
    const code = `${base.slice(0, MAX_CODE_LENGTH - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!(await manager.existsBy(AgencyEntity, { code }))) return code;
  }
}

/** Given a name (and its supervising office), the code before any de-duplication. */
export function codeFromName(name: string, parent: Pick<AgencyEntity, "name" | "code"> | null): string {
  const trimmed = name.trim();
  let shared = 0;
  while (parent && shared < trimmed.length - 1 && trimmed[shared] === parent.name[shared]) shared++;
  // Note: only a whole place name is shared (广州市越秀区), never half of one (广州市越秀区人民政府 vs 广州市越秀区应急管理局 share 广州市越秀区).
  while (shared > 0 && !PLACE_ENDS.has(trimmed[shared - 1])) shared--;
  const own = slug(trimmed.slice(shared));
  const code = parent && shared > 0 ? `${parent.code}-${own}` : own;
  return code.replace(/^[^a-z0-9]+/, "") || "agency";
}

function slug(name: string): string {
  const parts: string[] = [];
  let chunk = "";
  for (const char of name) {
    if (/[A-Za-z0-9]/.test(char)) chunk += char.toLowerCase();
    else if (/\p{Script=Han}/u.test(char)) chunk += pinyin(char, { toneType: "none", type: "array" })[0] ?? "";
    else if (chunk) chunk += "-";
    if (PLACE_ENDS.has(char) && chunk) {
      parts.push(chunk);
      chunk = "";
    }
  }
  if (chunk) parts.push(chunk);
  return parts
    .join("-")
    .replace(/[^a-z0-9-]/g, "")
    .replace(/-{2,}/g, "-")
    .replace(/-$/, "");
}
