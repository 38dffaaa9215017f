import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * The layer order, top to bottom (README, "Design"). A folder of src/ may import its own layer and the layers
 * below it, never one above.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ["cli", "server", "demo"],
  ["resolvers", "schema"],
  ["services", "live"],
  ["audit", "db", "validation", "import", "publication", "auth", "migrations"],
  ["workflow", "formats", "entities"],
];

export interface ImportEdge {
  from: string;
  to: string;
}

const SRC = path.resolve(__dirname, "../../src");

function layerOf(file: string): number {
  const folder = path.relative(SRC, file).split(path.sep)[0];
  const layer = LAYERS.findIndex(names => names.includes(folder));
  if (layer < 0) throw new Error(`src/${folder} has no layer; add it to LAYERS and to the README.`);
  return layer;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** Every relative import (type-only ones included) of every file under src/, by the compiler's own scanner. */
export function importEdges(): ImportEdge[] {
  return sourceFiles(SRC).flatMap(file => {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    return importedFiles
      .filter(imported => imported.fileName.startsWith("."))
      .map(imported => ({ from: file, to: path.resolve(path.dirname(file), imported.fileName) }));
  });
}

/** Files below the GraphQL layers (services and down) that import `package`, as "src/a/x.ts". */
export function transportImports(pkg: string): string[] {
  const graphqlLayers = LAYERS.findIndex(names => names.includes("resolvers"));
  return sourceFiles(SRC)
    .filter(file => !file.endsWith(".d.ts") && layerOf(file) > graphqlLayers)
    .filter(file => ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true).importedFiles.some(i => i.fileName === pkg))
    .map(file => path.relative(SRC, file))
    .sort();
}

/** Imports that point from a lower layer up to a higher one, as "src/a/x.ts → src/b/y". */
export function upwardImports(edges: ImportEdge[]): string[] {
  return edges
    .filter(edge => layerOf(edge.from) > layerOf(edge.to))
    .map(edge => `${path.relative(SRC, edge.from)} → ${path.relative(SRC, edge.to)}`)
    .sort();
}
