import { createContext, useContext } from "react";
import type { ShellViewerQuery } from "../gql/graphql";

export type SignedInViewer = NonNullable<ShellViewerQuery["viewer"]>;

export const ViewerContext = createContext<SignedInViewer | null>(null);

/** The signed-in user; only under Shell, which renders nothing until it is known. */
export function useViewer(): SignedInViewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error("useViewer outside the signed-in shell");
  return viewer;
}
