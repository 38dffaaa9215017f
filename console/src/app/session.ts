/** The server's answer to POST /auth/sign-in (REST, not GraphQL: it sets the HttpOnly session cookie). */
export interface SignInAnswer {
  ok: boolean;
  code?: string;
  message?: string;
}

async function post(path: string, body: Record<string, string>): Promise<SignInAnswer> {
  const response = await fetch(path, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  try {
    return (await response.json()) as SignInAnswer;
  } catch {
    return { ok: false, code: "UNAVAILABLE", message: `服务器暂不可用（HTTP ${response.status}），请稍后再试。` };
  }
}

export function signIn(name: string, password: string, newPassword?: string): Promise<SignInAnswer> {
  return post("/auth/sign-in", newPassword === undefined ? { name, password } : { name, password, newPassword });
}

export function signOut(): Promise<SignInAnswer> {
  return post("/auth/sign-out", {});
}
