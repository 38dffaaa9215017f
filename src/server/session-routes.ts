import express from "express";
import type { Request, RequestHandler, Response } from "express";
import type { RequestInfo, Services } from "../services";
import { DomainError } from "../services";
import type { SignInResult } from "../services/sign-in.service";
import { newRequestId } from "./apollo";
import { clearSessionCookie, sessionToken, setSessionCookie } from "./session-cookie";

/**
 * Sign-in for people at /auth: POST /auth/sign-in {name, password[, newPassword]}
 * and POST /auth/sign-out. Like Apollo's CSRF prevention, only
 * `application/json` bodies are accepted: a cross-site form cannot send one
 * without a preflight the browser refuses.
 */
export function sessionRouter(services: Services): express.Router {
  const router = express.Router();
  router.use("/auth", requireJson, express.json({ limit: "16kb" }));
  router.post("/auth/sign-in", async (req, res, next) => {
    try {
      const { name, password, newPassword } = credentials(req.body);
      if (!name || !password) {
        res.status(400).json({ ok: false, code: "INVALID_INPUT", message: "请输入用户名和密码。Give name and password." });
        return;
      }
      const result = await services.signIn.signIn(name, password, requestInfo(req), newPassword);
      answer(req, res, result);
    } catch (error) {
      if (error instanceof DomainError) {
        res.status(400).json({ ok: false, code: error.code, message: error.message });
        return;
      }
      next(error);
    }
  });
  router.post("/auth/sign-out", async (req, res, next) => {
    try {
      const token = sessionToken(req);
      const ended = token ? await services.signIn.signOut(token, requestInfo(req)) : false;
      clearSessionCookie(req, res);
      res.json({ ok: true, ended });
    } catch (error) {
      next(error);
    }
  });
  return router;
}

function answer(req: Request, res: Response, result: SignInResult): void {
  switch (result.kind) {
    case "signed-in":
      setSessionCookie(req, res, result.token, result.expiresAt);
      res.json({ ok: true, name: result.actor.name, roles: result.actor.roles });
      return;
    case "password-change-required":
      res.status(403).json({
        ok: false,
        code: "PASSWORD_CHANGE_REQUIRED",
        message: "这是临时密码，请设置新密码。This is a temporary password: choose a new one (send newPassword).",
      });
      return;
    case "refused":
      res.status(result.code === "LOCKED" ? 423 : 401).json({ ok: false, code: result.code, message: result.message });
  }
}

const requireJson: RequestHandler = (req, res, next) => {
  if (req.method !== "POST" || !req.is("application/json")) {
    res.status(415).json({ ok: false, code: "BAD_REQUEST", message: "POST a JSON body with Content-Type: application/json." });
    return;
  }
  next();
};

function credentials(body: unknown): { name?: string; password?: string; newPassword?: string } {
  const record = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return { name: text(record.name)?.trim(), password: text(record.password), newPassword: text(record.newPassword) };
}

export function requestInfo(req: Request): RequestInfo {
  return { id: req.get("x-request-id")?.slice(0, 100) ?? newRequestId(), address: req.socket.remoteAddress ?? null };
}
