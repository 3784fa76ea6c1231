// The frame every tab shares: the host's theme, the sign-in, and which page the path names.
import { Button, FluentProvider, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { Suspense, lazy, useEffect, useState } from "react";
import { fluentTheme, followThemeChanges, type Host } from "../teams";
import { Auth } from "./Auth";

const PAGES = {
  "my-mentoring": () => import("../mentoring/MyMentoring"),
  dashboard: () => import("../dashboard/DashboardPage"),
  configure: () => import("./ConfigurePage"),
};
const MyMentoring = lazy(PAGES["my-mentoring"]);
const DashboardPage = lazy(PAGES.dashboard);
const ConfigurePage = lazy(PAGES.configure);

const useStyles = makeStyles({
  root: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  bar: { display: "flex", justifyContent: "flex-end", alignItems: "center", columnGap: tokens.spacingHorizontalM, padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}` },
});

type Page = keyof typeof PAGES;

/** Starts loading a page's code (the same module the lazy component loads). */
export function loadPage(page: Page): Promise<unknown> {
  return PAGES[page]();
}

/** The page a /tab/ path names. */
export function pageOf(path: string): Page {
  if (path.startsWith("/tab/dashboard")) return "dashboard";
  if (path.startsWith("/tab/configure")) return "configure";
  return "my-mentoring";
}

/** The whole tab: theme, sign-in, then the page of the current path. */
export function Shell({ host }: { host: Host }) {
  const styles = useStyles();
  const [theme, setTheme] = useState(host.theme);
  const page = pageOf(window.location.pathname);

  useEffect(() => {
    if (host.inTeams) void followThemeChanges(setTheme);
  }, [host.inTeams]);
  useEffect(() => {
    document.title = page === "dashboard" ? "Tandem: programme dashboard" : page === "configure" ? "Tandem: add the dashboard" : "Tandem: my mentoring";
  }, [page]);

  const loading = <Spinner label="Loading…" />;
  return (
    <FluentProvider theme={fluentTheme(theme)} className={styles.root} data-theme={theme}>
      <Suspense fallback={loading}>
        {page === "configure" ? (
          <ConfigurePage inTeams={host.inTeams} />
        ) : (
          <Auth host={host}>
            {(signOut) => (
              <>
                {signOut && (
                  <header className={styles.bar}>
                    <Text size={200}>Dev mode, outside Teams</Text>
                    <Button size="small" appearance="subtle" onClick={signOut}>
                      Sign out
                    </Button>
                  </header>
                )}
                {page === "dashboard" ? <DashboardPage /> : <MyMentoring />}
              </>
            )}
          </Auth>
        )}
      </Suspense>
    </FluentProvider>
  );
}
