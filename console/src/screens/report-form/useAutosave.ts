import { useMutation } from "@apollo/client/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ReportFormContentFragment } from "../../gql/graphql";
import { ReportFormCellsSet, ReportFormChannelsSet, ReportFormSectionUpdate } from "./queries";

export type SaveStatus = "saved" | "unsaved" | "saving" | "conflict";

type Op = { kind: "cells" } | { kind: "section"; sectionId: string; body: string } | { kind: "channels"; channels: Array<{ label: string; count: number }> };

interface UserErrorData {
  code: string;
  field?: readonly string[] | null;
  message: string;
}

interface Outcome {
  report?: ReportFormContentFragment | null;
  userErrors: readonly UserErrorData[];
}

export interface Autosave {
  /** Values typed but not yet saved, by cell key. */
  pending: ReadonlyMap<string, string | null>;
  status: SaveStatus;
  /** Problems the server found in the last save (not conflicts), in its words. */
  problems: string[];
  /** The edits a CONFLICT stopped, until the user reloads or re-applies them. */
  conflict: { cells: ReadonlyMap<string, string | null>; other: number } | null;
  editCell(key: string, value: string | null): void;
  flush(): void;
  saveSection(sectionId: string, body: string): void;
  saveChannels(channels: Array<{ label: string; count: number }>): void;
  reload(): void;
  reapply(currentVersion: number): void;
}

const IDLE_MS = 800;

/**
 * Debounced autosave: edits collect by cell key and go out after a pause (or
 * on blur) as one reportCellsSet with expectedVersion. At most one save is in
 * flight; edits made meanwhile go next, with the version the last save
 * returned. A CONFLICT stops the queue and keeps the edits until the user
 * chooses to reload or re-apply them.
 */
export function useAutosave(reportId: string, version: number): Autosave {
  const [setCells] = useMutation(ReportFormCellsSet);
  const [updateSection] = useMutation(ReportFormSectionUpdate);
  const [setChannels] = useMutation(ReportFormChannelsSet);
  const pendingRef = useRef(new Map<string, string | null>());
  const queue = useRef<Op[]>([]);
  const busy = useRef(false);
  const stopped = useRef(false);
  const versionRef = useRef(version);
  const timer = useRef<number | undefined>(undefined);
  const [pending, setPending] = useState<ReadonlyMap<string, string | null>>(new Map());
  const [status, setStatus] = useState<SaveStatus>("saved");
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState<Autosave["conflict"]>(null);

  useEffect(() => {
    if (!busy.current) versionRef.current = Math.max(versionRef.current, version);
  }, [version]);

  const publish = () => setPending(new Map(pendingRef.current));

  const execute = useCallback(
    async (op: Op): Promise<Outcome> => {
      const expectedVersion = versionRef.current;
      if (op.kind === "section") {
        const result = await updateSection({ variables: { input: { reportId, expectedVersion, sectionId: op.sectionId, body: op.body } } });
        return result.data?.reportSectionUpdate ?? { userErrors: [] };
      }
      if (op.kind === "channels") {
        const result = await setChannels({ variables: { input: { reportId, expectedVersion, channels: op.channels } } });
        return result.data?.reportChannelsSet ?? { userErrors: [] };
      }
      const batch = [...pendingRef.current].map(([key, value]) => ({ key, value }));
      if (!batch.length) return { userErrors: [] };
      const result = await setCells({ variables: { input: { reportId, expectedVersion, cells: batch } } });
      const outcome: Outcome = result.data?.reportCellsSet ?? { userErrors: [] };
      if (outcome.report) {
        for (const { key, value } of batch) if (pendingRef.current.get(key) === value) pendingRef.current.delete(key);
      } else {
        // A value the server refuses is dropped (the cell shows the saved value again); the message says why.
        for (const error of outcome.userErrors) {
          const index = error.field?.[2];
          const key = index !== undefined ? batch[Number(index)]?.key : undefined;
          if (key && error.code !== "CONFLICT") pendingRef.current.delete(key);
        }
      }
      publish();
      return outcome;
    },
    [reportId, setCells, setChannels, updateSection],
  );

  const pump = useCallback(async () => {
    if (busy.current || stopped.current) return;
    busy.current = true;
    setStatus("saving");
    try {
      while (queue.current.length && !stopped.current) {
        const op = queue.current[0];
        const outcome = await execute(op);
        const conflicted = outcome.userErrors.some(error => error.code === "CONFLICT");
        if (conflicted) {
          stopped.current = true;
          setConflict({ cells: new Map(pendingRef.current), other: versionRef.current });
          break;
        }
        queue.current.shift();
        if (outcome.report) versionRef.current = outcome.report.version;
        setProblems(outcome.userErrors.map(error => error.message));
        if (op.kind === "cells" && pendingRef.current.size && !outcome.userErrors.length) queue.current.push({ kind: "cells" });
      }
    } catch {
      setProblems(["保存失败：无法连接服务器，修改仍保留在本页，请稍后再试。"]);
    } finally {
      busy.current = false;
      setStatus(stopped.current ? "conflict" : pendingRef.current.size || queue.current.length ? "unsaved" : "saved");
    }
  }, [execute]);

  const enqueue = useCallback(
    (op: Op) => {
      if (op.kind === "cells" && queue.current.some(queued => queued.kind === "cells")) return void pump();
      queue.current.push(op);
      void pump();
    },
    [pump],
  );

  const flush = useCallback(() => {
    window.clearTimeout(timer.current);
    if (pendingRef.current.size) enqueue({ kind: "cells" });
  }, [enqueue]);

  const editCell = useCallback(
    (key: string, value: string | null) => {
      pendingRef.current.set(key, value);
      publish();
      setStatus(stopped.current ? "conflict" : "unsaved");
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(flush, IDLE_MS);
    },
    [flush],
  );

  useEffect(() => () => window.clearTimeout(timer.current), []);

  return {
    pending,
    status,
    problems,
    conflict,
    editCell,
    flush,
    saveSection: (sectionId, body) => enqueue({ kind: "section", sectionId, body }),
    saveChannels: channels => enqueue({ kind: "channels", channels }),
    reload: () => {
      pendingRef.current.clear();
      queue.current = [];
      stopped.current = false;
      publish();
      setConflict(null);
      setStatus("saved");
    },
    reapply: (currentVersion: number) => {
      versionRef.current = currentVersion;
      stopped.current = false;
      setConflict(null);
      void pump();
    },
  };
}
