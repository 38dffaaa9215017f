import path from "node:path";
import { importEdges, transportImports, upwardImports } from "./layers";

describe("layering", () => {
  it("finds every import of src/ (the scanner sees them)", () => {
    const edges = importEdges();
    expect(edges.length).toBeGreaterThan(300);
    const fromResolvers = edges.filter(edge => edge.from.includes(`${path.sep}resolvers${path.sep}`));
    expect(fromResolvers.some(edge => edge.to.includes(`${path.sep}services${path.sep}`))).toBe(true);
  });

  it("reports an import that points up a layer", () => {
    const src = path.resolve(__dirname, "../../src");
    const edge = { from: path.join(src, "db/database.ts"), to: path.join(src, "services/access") };
    expect(upwardImports([edge])).toEqual([`db/database.ts → services/access`]);
  });

  it("has no import from a lower layer to a higher one", () => {
    expect(upwardImports(importEdges())).toEqual([]);
  });

  it("keeps services and everything below them transport-free: no graphql import (errors are mapped by the server)", () => {
    expect(transportImports("graphql")).toEqual([]);
  });
});
