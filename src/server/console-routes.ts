import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import express from "express";
import type { Response } from "express";

/** Where `npm run build` puts the console (dist/console), from src/server or dist/server alike. */
export const CONSOLE_DIR = path.resolve(__dirname, "../../dist/console");

/**
 * The console's Content-Security-Policy: everything from this origin only,
 * no inline script. antd runs with `zeroRuntime` and its static CSS, but it
 * still writes its design tokens (CSS variables) into <style> elements at run
 * time; those carry the response's nonce, so style-src needs a nonce rather
 * than 'unsafe-inline'.
 */
export function consoleCsp(nonce: string): string {
  return CONSOLE_CSP.replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}' 'report-sample'`);
}

const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * GraphiQL's editor (Monaco) writes <style> elements at run time and loads
 * its language workers as blob: URLs, so its page alone relaxes style-src to
 * 'unsafe-inline' and allows blob: workers. Scripts stay 'self' only.
 */
export const GRAPHIQL_CSP = CONSOLE_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
  .replace("worker-src 'self'", "worker-src 'self' blob:")
  .replace("font-src 'self'", "font-src 'self' data:");

/** / → /console/; the built console's files; GraphiQL at /console/graphiql; every other /console/* path is the app. */
export function consoleRouter(dir = CONSOLE_DIR): express.Router {
  const router = express.Router();
  router.get("/", (_req, res) => res.redirect(302, "/console/"));
  router.get("/console", (req, res, next) => (req.originalUrl.split("?")[0] === "/console" ? res.redirect(301, "/console/") : next()));
  router.use("/console/assets", express.static(path.join(dir, "assets"), { immutable: true, maxAge: "365d", fallthrough: false }));
  router.get(["/console/graphiql", "/console/graphiql.html"], (_req, res) => page(res, path.join(dir, "graphiql.html"), GRAPHIQL_CSP));
  router.get(/^\/console\/.*/, (_req, res) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    page(res, path.join(dir, "index.html"), consoleCsp(nonce), nonce);
  });
  return router;
}

const pages = new Map<string, string>();

function page(res: Response, file: string, csp: string, nonce = ""): void {
  if (!pages.has(file)) {
    if (!fs.existsSync(file)) {
      res.status(503).type("text").send("The console is not built: run `npm run build` (npm install and npm start do it).");
      return;
    }
    pages.set(file, fs.readFileSync(file, "utf8"));
  }
  res.set({ "content-security-policy": csp, "x-content-type-options": "nosniff", "referrer-policy": "same-origin", "cache-control": "no-store" });
  res.type("html").send(pages.get(file)!.replace("__CSP_NONCE__", nonce));
}
