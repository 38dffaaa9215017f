import type { Request, Response } from "express";

export const SESSION_COOKIE = "gongkai_session";

/** The session token from the Cookie header, if any. */
export function sessionToken(req: Request): string | null {
  return sessionFromCookieHeader(req.get("cookie"));
}

/** The session token from a raw Cookie header (also a WebSocket upgrade's), if any. */
export function sessionFromCookieHeader(header: string | string[] | undefined): string | null {
  for (const part of (Array.isArray(header) ? header.join(";") : (header ?? "")).split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE && value.length) return decodeURIComponent(value.join("="));
  }
  return null;
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends
 * it), Path=/ and Secure whenever the request came over TLS (directly or, with
 * TRUST_PROXY set, through a proxy that says so).
 */
export function setSessionCookie(req: Request, res: Response, token: string, expiresAt: Date): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "strict", secure: req.secure, path: "/", expires: expiresAt });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "strict", secure: req.secure, path: "/" });
}
