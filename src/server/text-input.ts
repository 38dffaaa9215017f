import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind, visit } from "graphql";
import type { DocumentNode } from "graphql";
import { LIMITS } from "../services/limits";

/**
 * Characters no text input may carry: C0 controls other than tab, line feed, carriage return and form feed
 * (the page break of text extracted from PDFs, which the importer reads as white space), DEL, C1 controls, and
 * unpaired UTF-16 surrogates. PostgreSQL cannot store U+0000 at all, and SQLite would store a lone surrogate as
 * bytes that are not UTF-8 — the audit record would then disagree with what was stored — so both engines refuse
 * them alike, before any work.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first forbidden character of a text and its position, or null when the text is clean. */
export function forbiddenCharacter(text: string): { at: number; code: string } | null {
  const match = FORBIDDEN.exec(text);
  if (!match) return null;
  return { at: match.index, code: `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` };
}

interface Refusal {
  code: "INVALID_VALUE" | "TOO_LONG";
  /** What is wrong, after the name of the input. */
  detail: string;
  field: string[];
  /** How to name the input when the field path does not (a literal in the query). */
  where?: string;
}

/** What is wrong with one string, if anything. */
function refusalOf(text: string, field: string[], where?: string): Refusal | null {
  if (text.length > LIMITS.textLength) {
    return { code: "TOO_LONG", detail: `is ${text.length} characters; no text may exceed ${LIMITS.textLength}. Send less at once.`, field, where };
  }
  const character = forbiddenCharacter(text);
  return character
    ? {
        code: "INVALID_VALUE",
        detail: `contains the control character or unpaired surrogate ${character.code} at position ${character.at}; remove it (text may hold tabs and line breaks, not control characters) and send the request again.`,
        field,
        where,
      }
    : null;
}

/** Refuses the whole request (HTTP 400) when any string in its variables or literals is not clean text or too long. */
export function textInputPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const refusal = findInValue(request.variables ?? {}, ["variables"]) ?? findInDocument(document);
          if (refusal) {
            throw new GraphQLError(`${refusal.where ?? refusal.field.join(".")} ${refusal.detail}`, {
              extensions: { code: refusal.code, field: refusal.field, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/**
 * Fields that carry a file as base64 (ReportFileInput.contentBase64): their size has its own limit (5 MB,
 * MAX_IMPORT_FILE_BYTES) and their alphabet is checked by strict decoding, so the text limits do not apply.
 */
const FILE_FIELDS = new Set(["contentBase64"]);

function findInValue(value: unknown, path: string[]): Refusal | null {
  if (FILE_FIELDS.has(path[path.length - 1])) {
    return null;
  }
  if (typeof value === "string") {
    return refusalOf(value, path);
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findInValue(value[index], [...path, String(index)]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = refusalOf(key, path) ?? findInValue(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

function findInDocument(document: DocumentNode): Refusal | null {
  let found: Refusal | null = null;
  visit(document, {
    [Kind.OBJECT_FIELD](node) {
      // Note: a file written into the query itself is checked by its own limit, as in variables.
      return FILE_FIELDS.has(node.name.value) ? false : undefined;
    },
    [Kind.STRING](node) {
      found ??= refusalOf(node.value, ["query"], `A string in the query (line ${node.loc?.startToken.line ?? "?"})`);
    },
  });
  return found;
}
