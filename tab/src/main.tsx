import { createRoot } from "react-dom/client";
import { prefetch } from "./api";
import { Shell, loadPage, pageOf } from "./shell/Shell";
import { connectToHost } from "./teams";

// The page's code and its first data load in parallel with connecting to the host.
const page = pageOf(window.location.pathname);
void loadPage(page);
if (page === "dashboard") prefetch("/admin/dashboard");

const root = createRoot(document.getElementById("root") as HTMLElement);
void connectToHost().then((host) => root.render(<Shell host={host} />));
