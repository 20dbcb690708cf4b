import { defineConfig } from "vitest/config";

// The built page goes straight into Maven's output directory, so the module's jar holds
// static/index.html and static/assets/* (Spring Boot serves classpath:/static/).
export default defineConfig({
  base: "./",
  build: {
    outDir: "target/classes/static",
    emptyOutDir: true,
    assetsDir: "assets",
    target: "es2022",
    // no polyfill: every browser the page supports has modulepreload
    modulePreload: { polyfill: false },
  },
  server: {
    // `npm run dev`: the page's relative /api/... requests go to a gateway on 8080.
    proxy: {
      "/api": "http://localhost:8080",
      "/images": "http://localhost:8080",
      "/ingest": { target: "http://localhost:8080", ws: true },
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
