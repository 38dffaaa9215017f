import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { In } from "typeorm";
import { appendAudit } from "../audit/append";
import { hashPassword } from "../auth/password";
import { UserEntity } from "../entities";
import { getFormat } from "../formats";
import type { Services } from "../services";
import { SYSTEM_ACTOR } from "../services";
import type { UserActor } from "../services/actor";
import { createAgency } from "../services/agency.service";
import { importParsed, parseOrFail } from "../services/import.service";
import { createReportAudited, setCellsIn, updateSectionIn } from "../services/report.service";
import { createUser, userActor } from "../services/user.service";
import { ROLES } from "../workflow";
import type { Role } from "../workflow";
import { JUSTICE_2021_CELLS, JUSTICE_2021_SECTIONS } from "./justice-2021";

export const DEMO_SUPERVISOR = { code: "yuexiu-gov", name: "广州市越秀区人民政府", kind: "GOVERNMENT", level: "COUNTY" } as const;
export const DEMO_SEED_AGENCY = { code: "yuexiu-emergency", name: "广州市越秀区应急管理局", kind: "DEPARTMENT", level: "COUNTY" } as const;
export const DEMO_SECOND_AGENCY = { code: "yuexiu-justice", name: "广州市越秀区司法局", kind: "DEPARTMENT", level: "COUNTY" } as const;

/** Demo users are named <agency code>.<role>, e.g. yuexiu-emergency.drafter: one per role in each demo agency. */
export function demoUserName(agencyCode: string, role: Role): string {
  return `${agencyCode}.${role.toLowerCase().replace(/_/g, "-")}`;
}

/**
 * The seed report was published by the agency on its portal before this system existed; the demo records that
 * publication (RECORD_PUBLISHED) on this date, so it is on time (due 2021-01-31), not 逾期 as it would be if
 * taken through the workflow today. The seed text carries no portal date: this is the recorded demo date.
 */
export const DEMO_SEED_PUBLISHED_AT = "2021-01-29";

/** The seed report (a real 2020 report in the 2019 format), carried as demo data. */
export function seedReportText(): string {
  // Note: tsc does not copy .txt files to dist/, so resolve from the project root (same depth from src/ and dist/).
  return fs.readFileSync(path.resolve(__dirname, "../../src/demo/data/yuexiu-emergency-2020.txt"), "utf8");
}

/**
 * Loads the demo once: a supervising office and two agencies under it, one
 * user per role in each, and three reports that let every README example run
 * as written on a fresh database —
 *   1. 司法局 2021: a complete draft (made-up numbers that add up), at version 5,
 *      for walking through the workflow;
 *   2. 应急管理局 2020: the real seed report, imported by the agency's demo PUBLISHER
 *      as what it is — already published, on its date (RECORD_PUBLISHED) — so it is public and on time;
 *   3. 区人民政府 2021: an empty draft at version 1, for the editing examples.
 * Returns false when the demo was already there.
 */
export async function loadDemoData(services: Services): Promise<boolean> {
  if (await services.agencies.findByCode(DEMO_SUPERVISOR.code)) {
    return false;
  }
  await services.db.transaction(async manager => {
    const supervisor = await createAgency(manager, SYSTEM_ACTOR, DEMO_SUPERVISOR);
    await createAgency(manager, SYSTEM_ACTOR, { ...DEMO_SEED_AGENCY, parentCode: DEMO_SUPERVISOR.code });
    const justice = await createAgency(manager, SYSTEM_ACTOR, { ...DEMO_SECOND_AGENCY, parentCode: DEMO_SUPERVISOR.code });
    const report = await createReportAudited(manager, SYSTEM_ACTOR, { agencyId: justice.id, year: 2021, format: getFormat("gb2021") });
    const cells = getFormat("gb2021").cellKeys.map(key => ({ key, value: JUSTICE_2021_CELLS[key] ?? "0" }));
    await setCellsIn(manager, SYSTEM_ACTOR, { reportId: report.id, cells });
    for (const [sectionId, body] of Object.entries(JUSTICE_2021_SECTIONS)) {
      await updateSectionIn(manager, SYSTEM_ACTOR, { reportId: report.id, sectionId, body });
    }
    const users = new Map<string, UserActor>();
    for (const agency of [DEMO_SUPERVISOR, DEMO_SEED_AGENCY, DEMO_SECOND_AGENCY]) {
      for (const role of ROLES) {
        const name = demoUserName(agency.code, role);
        users.set(name, userActor(await createUser(manager, SYSTEM_ACTOR, { name, agencyCode: agency.code, roles: [role] })));
      }
    }
    const text = seedReportText();
    const file = {
      name: "yuexiu-emergency-2020.txt",
      kind: "text",
      sha256: createHash("sha256").update(text, "utf8").digest("hex"),
      bytes: Buffer.byteLength(text),
    };
    const seedInput = { text, file, agencyCode: DEMO_SEED_AGENCY.code, publication: { publishedAt: DEMO_SEED_PUBLISHED_AT } };
    await importParsed(manager, users.get(demoUserName(DEMO_SEED_AGENCY.code, "PUBLISHER"))!, seedInput, parseOrFail(seedInput), services.contentCache);
    await createReportAudited(manager, SYSTEM_ACTOR, { agencyId: supervisor.id, year: 2021, format: getFormat("gb2021") });
  });
  return true;
}

/** The one password every demo user shares; stated in the README, printed by `gongkai serve --demo`, never set without --demo. */
export const DEMO_PASSWORD = "gongkai-demo-2026";

/**
 * Gives the demo users who have no password yet the demo password (one hash,
 * one transaction, one audit record per user). Returns how many were set.
 */
export async function ensureDemoPasswords(services: Services): Promise<number> {
  const names = [DEMO_SUPERVISOR, DEMO_SEED_AGENCY, DEMO_SECOND_AGENCY].flatMap(agency => ROLES.map(role => demoUserName(agency.code, role)));
  const hash = await hashPassword(DEMO_PASSWORD);
  return services.db.transaction(async manager => {
    let set = 0;
    for (const user of await manager.find(UserEntity, { where: { name: In(names) }, order: { id: "ASC" } })) {
      if (user.passwordHash) continue;
      await manager.update(UserEntity, { id: user.id }, { passwordHash: hash, passwordTemporary: false });
      await appendAudit(manager, SYSTEM_ACTOR, {
        action: "user.password.set",
        agencyId: user.agencyId,
        diff: { name: user.name, userId: user.id, temporary: false, demo: true },
      });
      set++;
    }
    return set;
  });
}
