import { useApolloClient } from "@apollo/client/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { ReportFormCellsSet, ReportFormChannelsSet, ReportFormSectionUpdate } from "./queries";

export type SaveStatus = "saved" | "unsaved" | "saving" | "conflict";

type Channels = Array<{ label: string; count: number }>;

interface UserErrorData {
  code: string;
  field?: readonly string[] | null;
  message: string;
}

interface Outcome {
  version?: number;
  userErrors: readonly UserErrorData[];
}

/** The edits a CONFLICT stopped, kept until the user reloads or re-applies them. */
export interface ConflictState {
  cells: ReadonlyMap<string, string | null>;
  sections: ReadonlyMap<string, string>;
}

export interface Autosave {
  /** Cell values typed but not yet saved, by cell key. */
  pending: ReadonlyMap<string, string | null>;
  status: SaveStatus;
  /** Problems the server found in the last save (not conflicts), in its words. */
  problems: string[];
  conflict: ConflictState | null;
  /** Bumped by reload(), so that local editors drop what they hold and show the saved content again. */
  generation: number;
  editCell(key: string, value: string | null): void;
  editSection(sectionId: string, body: string): void;
  saveChannels(channels: Channels): void;
  /** Sends whatever is pending now (blur, a workflow step, leaving the page). */
  flush(): void;
  reload(): void;
  reapply(currentVersion: number): void;
}

const IDLE_MS = 800;

/**
 * Debounced autosave: cell and section edits collect by key and go out after a
 * pause (or on blur, or when the user leaves) with expectedVersion — one
 * reportCellsSet for all pending cells, one reportSectionUpdate per section.
 * At most one save is in flight; edits made meanwhile go next, with the
 * version the last save returned. A CONFLICT stops the queue and keeps the
 * edits until the user reloads or re-applies them. Mutations go through the
 * client, not a hook, so a save started as the form unmounts still completes.
 */
export function useAutosave(reportId: string, version: number): Autosave {
  const client = useApolloClient();
  const cells = useRef(new Map<string, string | null>());
  const sections = useRef(new Map<string, string>());
  const channels = useRef<Channels | null>(null);
  const busy = useRef(false);
  const stopped = useRef(false);
  const versionRef = useRef(version);
  const timer = useRef<number | undefined>(undefined);
  const [pending, setPending] = useState<ReadonlyMap<string, string | null>>(new Map());
  const [status, setStatus] = useState<SaveStatus>("saved");
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!busy.current) versionRef.current = Math.max(versionRef.current, version);
  }, [version]);

  const hasWork = () => cells.current.size > 0 || sections.current.size > 0 || channels.current !== null;
  const publish = () => setPending(new Map(cells.current));

  /** Sends one batch of what is pending: all cells, else one section, else the channel chart. */
  const sendNext = useCallback(async (): Promise<Outcome> => {
    const expectedVersion = versionRef.current;
    if (cells.current.size) {
      const batch = [...cells.current].map(([key, value]) => ({ key, value }));
      const result = await client.mutate({ mutation: ReportFormCellsSet, variables: { input: { reportId, expectedVersion, cells: batch } } });
      const payload = result.data?.reportCellsSet;
      const errors = payload?.userErrors ?? [];
      // Sent values leave the queue unless retyped meanwhile; a refused value is dropped (its message says why).
      for (const [index, { key, value }] of batch.entries()) {
        const refused = errors.some(error => error.code !== "CONFLICT" && (error.field?.[2] === String(index) || !error.field?.[2]));
        if ((payload?.report || refused) && cells.current.get(key) === value) cells.current.delete(key);
      }
      return { version: payload?.report?.version, userErrors: errors };
    }
    const section = sections.current.entries().next().value;
    if (section) {
      const [sectionId, body] = section;
      const result = await client.mutate({ mutation: ReportFormSectionUpdate, variables: { input: { reportId, expectedVersion, sectionId, body } } });
      const payload = result.data?.reportSectionUpdate;
      const conflicted = payload?.userErrors.some(error => error.code === "CONFLICT");
      if (!conflicted && sections.current.get(sectionId) === body) sections.current.delete(sectionId);
      return { version: payload?.report?.version, userErrors: payload?.userErrors ?? [] };
    }
    const chart = channels.current;
    if (!chart) return { userErrors: [] };
    const result = await client.mutate({ mutation: ReportFormChannelsSet, variables: { input: { reportId, expectedVersion, channels: chart } } });
    const payload = result.data?.reportChannelsSet;
    if (!payload?.userErrors.some(error => error.code === "CONFLICT") && channels.current === chart) channels.current = null;
    return { version: payload?.report?.version, userErrors: payload?.userErrors ?? [] };
  }, [client, reportId]);

  const pump = useCallback(async () => {
    if (busy.current || stopped.current) return;
    busy.current = true;
    setStatus("saving");
    const seen: string[] = [];
    try {
      while (hasWork() && !stopped.current) {
        const outcome = await sendNext();
        publish();
        if (outcome.userErrors.some(error => error.code === "CONFLICT")) {
          stopped.current = true;
          setConflict({ cells: new Map(cells.current), sections: new Map(sections.current) });
          break;
        }
        if (outcome.version !== undefined) versionRef.current = outcome.version;
        seen.push(...outcome.userErrors.map(error => error.message));
      }
      setProblems(seen);
    } catch {
      setProblems(["保存失败：无法连接服务器，修改仍保留在本页，请稍后再试。"]);
    } finally {
      busy.current = false;
      setStatus(stopped.current ? "conflict" : hasWork() ? "unsaved" : "saved");
    }
  }, [sendNext]);

  const flush = useCallback(() => {
    window.clearTimeout(timer.current);
    if (hasWork()) void pump();
  }, [pump]);

  const schedule = useCallback(() => {
    setStatus(stopped.current ? "conflict" : "unsaved");
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(flush, IDLE_MS);
  }, [flush]);

  // Leaving the form (another route) sends what is pending; closing the tab asks first while anything is unsaved.
  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasWork() && !busy.current) return;
      flush();
      event.preventDefault();
    };
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      flush();
    };
  }, [flush]);

  return {
    pending,
    status,
    problems,
    conflict,
    generation,
    editCell: (key, value) => {
      cells.current.set(key, value);
      publish();
      schedule();
    },
    editSection: (sectionId, body) => {
      sections.current.set(sectionId, body);
      schedule();
    },
    saveChannels: chart => {
      channels.current = chart;
      flush();
    },
    flush,
    reload: () => {
      cells.current.clear();
      sections.current.clear();
      channels.current = null;
      stopped.current = false;
      publish();
      setConflict(null);
      setGeneration(value => value + 1);
      setStatus("saved");
    },
    reapply: currentVersion => {
      versionRef.current = currentVersion;
      stopped.current = false;
      setConflict(null);
      void pump();
    },
  };
}
