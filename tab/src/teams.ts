// Where the tab runs: inside Teams (teams-js answers) or in a plain browser (dev mode, tests).
// teams-js (a third of the code) is loaded only where Teams may be the host.
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from "@fluentui/react-components";

export type HostTheme = "default" | "dark" | "contrast";

export interface Host {
  inTeams: boolean;
  theme: HostTheme;
}

// Teams answers initialize() within a second; a browser frame that is not Teams never does.
const INITIALIZE_TIMEOUT_MS = 4000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

// Teams hosts a tab in a frame (desktop, web) or a native window (mobile); a top-level page
// in a browser is never Teams, so it starts at once without waiting for initialize().
function mayBeTeams(): boolean {
  return window.parent !== window || window.opener != null || "nativeInterface" in window;
}

/** The theme name Teams uses, from whatever the host or the query string says. */
export function hostTheme(value: string | null | undefined): HostTheme {
  return value === "dark" || value === "contrast" ? value : "default";
}

/** The Fluent UI theme that matches a Teams theme. */
export function fluentTheme(theme: HostTheme): Theme {
  if (theme === "dark") return teamsDarkTheme;
  if (theme === "contrast") return teamsHighContrastTheme;
  return teamsLightTheme;
}

/** Connects to Teams when the tab runs inside it; outside, `?theme=` picks the theme. */
export async function connectToHost(): Promise<Host> {
  const queried = hostTheme(new URLSearchParams(window.location.search).get("theme"));
  if (!mayBeTeams()) return { inTeams: false, theme: queried };
  try {
    const { app } = await import("@microsoft/teams-js");
    await withTimeout(app.initialize(), INITIALIZE_TIMEOUT_MS);
    const context = await app.getContext();
    return { inTeams: true, theme: hostTheme(context.app.theme) };
  } catch {
    return { inTeams: false, theme: queried };
  }
}

/** Follows the host's theme changes (Teams only). */
export async function followThemeChanges(listener: (theme: HostTheme) => void): Promise<void> {
  const { app } = await import("@microsoft/teams-js");
  app.registerOnThemeChangeHandler((theme) => listener(hostTheme(theme)));
}

/** The Teams SSO token for Tandem's API. */
export async function teamsToken(): Promise<string> {
  const { authentication } = await import("@microsoft/teams-js");
  return authentication.getAuthToken();
}
