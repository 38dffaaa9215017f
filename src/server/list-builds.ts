import type { ApolloServerPlugin } from "@apollo/server";
import { Kind } from "graphql";
import type { OperationDefinitionNode } from "graphql";

/**
 * List pages built at the same time in one process. Note: a 100-report page with its tables is ~20,000 values
 * through graphql-js, several MB of short-lived objects; with every admitted request a list page (admission lets
 * four in), four such pages interleaved turn by turn kept the heap — and RSS — at four pages' worth, and made each
 * page wait for the other three's turns. Built two at a time, the same work finishes sooner one page after
 * another, and memory holds two pages. The CPU is one core per process either way, so nothing is lost.
 */
export const LIST_BUILDS = 2;

/**
 * List builds for a database engine: on SQLite one — its driver is synchronous, so a second build only
 * interleaves with the first on the same core (measured on the benchmark, 50 clients, four alternating runs:
 * the same pages per second, peak RSS 311–324 MB against 321–348 MB with two); on PostgreSQL LIST_BUILDS, so
 * one page's statements overlap another's round trips.
 */
export function listBuildsFor(engine: "sqlite" | "postgres"): number {
  return engine === "sqlite" ? 1 : LIST_BUILDS;
}

/** A counting semaphore: `acquire` resolves with its release (safe to call more than once) once a turn is free. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async acquire(): Promise<() => void> {
    if (this.active < this.limit) this.active++;
    else await new Promise<void>(resolve => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Note: a waiting build takes the turn over (active stays as it is); only with nobody waiting is it freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }

  /** Builds running and waiting (for tests and diagnostics). */
  get counts(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }
}

/** Whether an operation asks for a list of reports (the root field `reports`). */
function listsReports(operation: OperationDefinitionNode | undefined): boolean {
  return !!operation?.selectionSet.selections.some(selection => selection.kind === Kind.FIELD && selection.name.value === "reports");
}

/**
 * Runs operations that list reports at most `builds.limit` at a time: the turn is taken before execution and
 * given back when the response is ready, whether it succeeded or not. Other operations are not held.
 */
export function listBuildsPlugin(builds = new Semaphore(LIST_BUILDS)): ApolloServerPlugin {
  return {
    async requestDidStart() {
      let release: (() => void) | null = null;
      return {
        async executionDidStart({ operation }) {
          if (listsReports(operation)) release = await builds.acquire();
        },
        async didEncounterErrors() {
          release?.();
        },
        async willSendResponse() {
          release?.();
        },
      };
    },
  };
}
