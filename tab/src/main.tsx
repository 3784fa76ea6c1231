import { createRoot } from "react-dom/client";
import { Shell } from "./shell/Shell";
import { connectToHost } from "./teams";

const root = createRoot(document.getElementById("root") as HTMLElement);
void connectToHost().then((host) => root.render(<Shell host={host} />));
