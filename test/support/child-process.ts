import type { ChildProcess } from "node:child_process";

/** Sends `signal` to a spawned process and resolves once it has exited (at once if it already has). */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise(resolve => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}
