import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import "./graphiql.css";
import { GraphiQL } from "graphiql";
import { StrictMode } from "react";
import type { ComponentProps } from "react";
import { createRoot } from "react-dom/client";

/** The bundled GraphiQL: same origin, the console's session cookie, nothing from a CDN. */
const fetcher: ComponentProps<typeof GraphiQL>["fetcher"] = async params => {
  const response = await fetch("/graphql", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(params),
  });
  return response.json();
};

createRoot(document.getElementById("graphiql")!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} />
  </StrictMode>,
);
