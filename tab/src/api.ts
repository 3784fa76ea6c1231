// The one way the tabs talk to /api/v1: the bearer token from sessionStorage, JSON in and out,
// errors as ApiError with the server's message (docs/tab-api.md), 401 reported to the shell.

const TOKEN_KEY = "tandem.token";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field: string | null = null,
    readonly problems: Record<string, string> = {},
  ) {
    super(message);
  }
}

type UnauthorizedListener = (message: string) => void;
let unauthorized: UnauthorizedListener = () => undefined;

/** The shell is told when the server refuses the token, so it can sign in again. */
export function onUnauthorized(listener: UnauthorizedListener): void {
  unauthorized = listener;
}

export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

interface Options {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  body?: unknown;
  query?: Record<string, string | number>;
  anonymous?: boolean;
}

function url(path: string, query?: Options["query"]): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) params.set(key, String(value));
  const suffix = params.toString();
  return `/api/v1${path}${suffix ? `?${suffix}` : ""}`;
}

function request(path: string, options: Options, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  const token = tokenStore.get();
  if (token && !options.anonymous) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(url(path, options.query), {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

// Requests started before the page's code has loaded; the page's first GET takes them over.
const early = new Map<string, Promise<Response>>();

/** Starts a GET now (while the page's code still loads), when a token is already there. */
export function prefetch(path: string): void {
  if (tokenStore.get()) early.set(path, request(path, {}, "application/json"));
}

async function send(path: string, options: Options, accept: string): Promise<Response> {
  const started = options.method === undefined && !options.query ? early.get(path) : undefined;
  early.delete(path);
  const response = await (started ?? request(path, options, accept));
  if (response.ok) return response;
  const problem = await errorOf(response);
  if (response.status === 401 && !options.anonymous) {
    tokenStore.clear();
    unauthorized(problem.message);
  }
  throw problem;
}

async function errorOf(response: Response): Promise<ApiError> {
  let message = `The server answered ${response.status}.`;
  let field: string | null = null;
  let problems: Record<string, string> = {};
  try {
    const body = (await response.json()) as { error?: unknown; field?: unknown; problems?: unknown };
    if (typeof body.error === "string") message = body.error;
    if (typeof body.field === "string") field = body.field;
    if (typeof body.problems === "object" && body.problems !== null) problems = body.problems as Record<string, string>;
  } catch {
    // Not JSON (a proxy's page): the status line is all there is to say.
  }
  return new ApiError(response.status, message, field, problems);
}

/** Calls one endpoint and returns its JSON (undefined for 204). */
export async function api<T>(path: string, options: Options = {}): Promise<T> {
  const response = await send(path, options, "application/json");
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Downloads a chart's CSV through the authenticated API and saves it as a file. */
export async function downloadCsv(chart: string): Promise<void> {
  const response = await send(`/admin/charts/${chart}.csv`, {}, "text/csv");
  const link = document.createElement("a");
  link.href = URL.createObjectURL(await response.blob());
  link.download = `tandem-${chart}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** Whether an error is the server's "not found for you" (an endpoint not there yet, too). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** The message to show for any failure. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return `Tandem could not be reached (${error.message}).`;
  return "Something went wrong.";
}
