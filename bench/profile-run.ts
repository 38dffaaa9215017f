import fs from "node:fs";
import path from "node:path";
import { DATA } from "./config";
import type { Options } from "./config";
import { load } from "./load";
import type { Scenario } from "./load";
import { summariseProfile } from "./profile";
import type { ProfileSummary } from "./profile";
import { startServer } from "./server-process";
import type { ServerSettings } from "./server-process";

/** Re-runs a scenario against a server started with --cpu-prof (one worker) and sums its profile. */
export async function profileScenario(scenario: Scenario, settings: ServerSettings, options: Options): Promise<ProfileSummary> {
  const dir = path.join(DATA, "profiles", scenario.key);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const server = await startServer(scenario.server, { ...settings, workers: 1, nodeArgs: ["--cpu-prof", "--cpu-prof-dir", dir] });
  try {
    await load(server.url, scenario, Math.min(options.warmup, 2), options.connections);
    await load(server.url, scenario, Math.min(options.duration, 8), options.connections);
  } finally {
    await server.stop();
  }
  const file = fs.readdirSync(dir).find(name => name.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no profile written in ${dir}`);
  return summariseProfile(path.join(dir, file));
}
