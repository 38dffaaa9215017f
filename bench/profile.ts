import fs from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by function, highest first. */
  frames: Array<{ name: string; where: string; ms: number; share: number }>;
  /** Self time by package (node_modules/<name>), project file or node internals, highest first. */
  packages: Array<{ name: string; ms: number; share: number }>;
}

/** Reads a .cpuprofile written by `node --cpu-prof` and sums self time per frame and per package. */
export function summariseProfile(file: string, top = 12): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map(node => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const frames = new Map<string, { name: string; where: string; us: number }>();
  const packages = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)" || functionName === "(program)") continue;
    total += us;
    const where = shortUrl(url, lineNumber);
    const name = functionName || "(anonymous)";
    const key = `${name}@${where}`;
    const entry = frames.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    frames.set(key, entry);
    const pkg = packageOf(url, functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  }
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    totalMs: ms(total),
    frames: [...frames.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map(f => ({ name: f.name, where: f.where, ms: ms(f.us), share: f.us / total })),
    packages: [...packages.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: ms(us), share: us / total })),
  };
}

function shortUrl(url: string, line: number): string {
  if (!url) return "(native)";
  const clean = url.replace(/^file:\/\//, "");
  const modules = clean.lastIndexOf("node_modules/");
  const rel =
    modules >= 0 ? clean.slice(modules + "node_modules/".length) : clean.includes("/dist/") ? `dist/${clean.split("/dist/")[1]}` : path.basename(clean);
  return `${rel}:${line + 1}`;
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName === "(garbage collector)" ? "(garbage collector)" : "(native/V8 builtins)";
  const clean = url.replace(/^file:\/\//, "");
  const modules = clean.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = clean.slice(modules + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (clean.includes("/dist/")) return `gongkai ${clean.split("/dist/")[1].split("/")[0]}/`;
  if (clean.startsWith("node:")) return "node internals";
  return clean;
}
