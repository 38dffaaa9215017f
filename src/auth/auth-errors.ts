import { GraphQLError } from "graphql";

/** No valid identity: a missing, expired or forged token, or an anonymous write. HTTP 401. */
export class AuthenticationError extends GraphQLError {
  constructor(message = "Sign in first: send Authorization: Bearer <token> (get one with `gongkai token --user NAME`).") {
    super(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
  }
}
