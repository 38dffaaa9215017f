/**
 * No valid identity: a missing, expired or forged token, or an anonymous write. Transport-free — services and
 * the auth layer throw it; the server says how it travels (HTTP: UNAUTHENTICATED with status 401, in
 * src/server/apollo.ts and http-app.ts; WebSocket: close code 4401, or an UNAUTHENTICATED error).
 */
export class AuthenticationError extends Error {
  readonly code = "UNAUTHENTICATED";

  constructor(message = "Sign in first: send Authorization: Bearer <token> (get one with `gongkai token --user NAME`).") {
    super(message);
    this.name = "AuthenticationError";
  }
}
