import type { AgencyClass, Role } from "../workflow";
import type { Rng } from "./generate-rng";

/** province → city → county; a government (人民政府) at each level and its departments under it. */
export type AgencyLevel = "province" | "city" | "county";

export interface PlannedAgency {
  code: string;
  name: string;
  /** Index into the planned list of the supervising office; parents always come first. */
  parent: number | null;
  level: AgencyLevel;
  /** True for 人民政府 (the supervising office of its level). */
  government: boolean;
  /** Rough size of the agency's disclosure work: scales its counts. */
  scale: number;
  depth: number;
}

/** A planned agency once written: its id, its one user per role, and the address its people work from. */
export interface AgencyRecord extends PlannedAgency {
  id: number;
  users: Record<Role, { id: number; name: string }>;
  address: string;
}

const CLASS_LEVELS = { province: "PROVINCIAL", city: "CITY", county: "COUNTY" } as const;

/** The kind and level recorded on the agency, which set its 条例 第四十九条 deadline. */
export function agencyClassOf(agency: Pick<PlannedAgency, "government" | "level">): AgencyClass {
  return { kind: agency.government ? "GOVERNMENT" : "DEPARTMENT", level: CLASS_LEVELS[agency.level] };
}

const PROVINCES = ["江南省", "岭东省", "河西省", "湖中省", "云岭省", "海滨省", "燕山省", "淮北省"];
const FIRST = "安宁平清新长永兴丰泰和华吉康瑞嘉明德阳东南西北宝广福昌汉临金玉".split("");
const SECOND = "江河山川阳宁平安州源城溪林湖原丘泉水港岭桥台门口".split("");

/** [province-level name, city/county-level name, workload factor] */
const DEPARTMENTS: ReadonlyArray<readonly [string, string, number]> = [
  ["人民政府办公厅", "人民政府办公室", 1.5],
  ["发展和改革委员会", "发展和改革局", 1.2],
  ["教育厅", "教育局", 1.3],
  ["科学技术厅", "科学技术局", 0.6],
  ["工业和信息化厅", "工业和信息化局", 0.8],
  ["公安厅", "公安局", 2.0],
  ["民政厅", "民政局", 1.0],
  ["司法厅", "司法局", 0.9],
  ["财政厅", "财政局", 1.0],
  ["人力资源和社会保障厅", "人力资源和社会保障局", 1.4],
  ["自然资源厅", "自然资源局", 2.5],
  ["生态环境厅", "生态环境局", 1.2],
  ["住房和城乡建设厅", "住房和城乡建设局", 2.2],
  ["交通运输厅", "交通运输局", 1.0],
  ["水利厅", "水利局", 0.7],
  ["农业农村厅", "农业农村局", 0.9],
  ["商务厅", "商务局", 0.6],
  ["文化和旅游厅", "文化广电旅游局", 0.6],
  ["卫生健康委员会", "卫生健康局", 1.3],
  ["退役军人事务厅", "退役军人事务局", 0.5],
  ["应急管理厅", "应急管理局", 0.8],
  ["审计厅", "审计局", 0.5],
  ["市场监督管理局", "市场监督管理局", 1.6],
  ["统计局", "统计局", 0.4],
  ["医疗保障局", "医疗保障局", 0.8],
  ["林业局", "林业局", 0.4],
  ["信访局", "信访局", 0.6],
  ["体育局", "体育局", 0.3],
];

const LEVEL_SCALE: Record<AgencyLevel, number> = { province: 4, city: 2, county: 1 };

/**
 * Plans `count` agencies as a tree: a province government, its departments,
 * then cities (a government, its departments, counties with theirs). Bigger
 * trees get more departments per government. Codes start with `prefix`.
 */
export function planAgencies(count: number, prefix: string, rng: Rng): PlannedAgency[] {
  const perGovernment = Math.max(2, Math.min(DEPARTMENTS.length, Math.round(Math.sqrt(count) / 2)));
  const countiesPerCity = Math.max(2, Math.min(12, Math.round(Math.sqrt(count) / 4)));
  const out: PlannedAgency[] = [];
  const usedPlaces = new Set<string>();
  const province = rng.pick(PROVINCES);
  const add = (agency: Omit<PlannedAgency, "scale">, factor: number): number => {
    if (out.length >= count) return -1;
    const scale = LEVEL_SCALE[agency.level] * factor * (0.5 + rng.next());
    out.push({ ...agency, scale });
    return out.length - 1;
  };
  const government = (code: string, place: string, level: AgencyLevel, parent: number | null, depth: number) =>
    add({ code, name: `${place}人民政府`, parent, level, government: true, depth }, 1.5);
  const departments = (codeBase: string, place: string, level: AgencyLevel, parent: number, depth: number) => {
    const chosen = shuffled(DEPARTMENTS.slice(1), rng).slice(0, perGovernment - 1);
    const list = [DEPARTMENTS[0], ...chosen];
    list.forEach(([provincial, local, factor], index) => {
      const name = `${place}${level === "province" ? provincial : local}`;
      add({ code: `${codeBase}-d${String(index + 1).padStart(2, "0")}`, name, parent, level, government: false, depth }, factor);
    });
  };
  const top = government(`${prefix}-p`, province, "province", null, 0);
  departments(`${prefix}-p`, province, "province", top, 1);
  for (let city = 1; out.length < count; city++) {
    const cityName = `${placeName(rng, usedPlaces)}市`;
    const cityCode = `${prefix}-c${String(city).padStart(2, "0")}`;
    const cityGov = government(cityCode, cityName, "city", top, 1);
    if (cityGov < 0) break;
    departments(cityCode, cityName, "city", cityGov, 2);
    for (let county = 1; county <= countiesPerCity && out.length < count; county++) {
      const countyName = `${placeName(rng, usedPlaces)}${rng.chance(0.7) ? "县" : "区"}`;
      const countyCode = `${cityCode}-x${String(county).padStart(2, "0")}`;
      // Note: a county department's full name is the county's, as printed on its reports (e.g. 安平县教育局).
      const countyGov = government(countyCode, `${cityName}${countyName}`, "county", cityGov, 2);
      if (countyGov < 0) break;
      out[countyGov].name = `${countyName}人民政府`;
      departments(countyCode, countyName, "county", countyGov, 3);
    }
  }
  return out;
}

function placeName(rng: Rng, used: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const name = rng.pick(FIRST) + rng.pick(SECOND) + (attempt > 50 ? rng.pick(SECOND) : "");
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
