// Vite builds the tabs into tab/dist, which the aiohttp app serves under /tab/
// (teams_app/web/tab_routes.py); the hashed files under /tab/assets/ are cached for a year.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  base: "/tab/",
  plugins: [react()],
  build: {
    outDir: "dist",
    assetsDir: "assets",
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npx vite` in tab/ for live editing against `make run` on 3978.
    proxy: { "/api": "http://127.0.0.1:3978" },
  },
});
