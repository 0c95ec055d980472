/**
 * The app's bearer token (CRYPTOGO_API_TOKEN) in this browser tab: kept in sessionStorage, so it lives as long
 * as the tab and is never shared with other tabs or written to disk by the browser's storage for the origin;
 * sent only as an Authorization header by lib/api.ts, never as a cookie, so another site cannot make the
 * browser send it (no CSRF). See docs/app.md, "Security model".
 */
const KEY = "cryptogo.apiToken";

// tokens kept by earlier versions in localStorage are dropped
try {
  localStorage.removeItem(KEY);
} catch {
  // storage disabled: nothing to drop
}

export function token(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setToken(t: string | null): void {
  if (t) sessionStorage.setItem(KEY, t);
  else sessionStorage.removeItem(KEY);
}

/** {Authorization: "Bearer …"} when a token is stored, else {}. */
export function authHeader(): Record<string, string> {
  const t = token();
  return t ? { Authorization: `Bearer ${t}` } : {};
}
