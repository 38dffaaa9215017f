import { GraphQLError, Kind, visit } from "graphql";
import type { DocumentNode } from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";

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

/** Refuses the whole request (HTTP 400, INVALID_VALUE) when any string in its variables or literals is not clean text. */
export function textInputPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const found = findInValue(request.variables ?? {}, ["variables"]) ?? findInDocument(document);
          if (found) {
            const [path, character, where] = found;
            throw new GraphQLError(
              `${where ?? path.join(".")} contains the control character or unpaired surrogate ${character.code} at position ${character.at}; remove it (text may hold tabs and line breaks, not control characters) and send the request again.`,
              { extensions: { code: "INVALID_VALUE", field: path, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}

type Found = [string[], { at: number; code: string }, string?];

function findInValue(value: unknown, path: string[]): Found | null {
  if (typeof value === "string") {
    const character = forbiddenCharacter(value);
    return character && [path, character];
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const keyCharacter = forbiddenCharacter(key);
      if (keyCharacter) return [path, keyCharacter];
      const found = findInValue(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

function findInDocument(document: DocumentNode): Found | null {
  let found: Found | null = null;
  visit(document, {
    [Kind.STRING](node) {
      const character = found ? null : forbiddenCharacter(node.value);
      if (character) found = [["query"], character, `A string in the query (line ${node.loc?.startToken.line ?? "?"})`];
    },
  });
  return found;
}
