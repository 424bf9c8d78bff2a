/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and extension bundles from its own package folder at run time;
  // bundling it breaks those paths (STACK.md: "Extension bundle not found"). pg-boss and its
  // node-postgres are CommonJS with optional native bindings: loaded from node_modules too.
  // vader-sentiment reads its lexicon bundle as shipped: loaded from node_modules as well.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pg-boss", "pg", "vader-sentiment"],
  // Migrations are applied in code when the server starts, so they must ship with the build.
  outputFileTracingIncludes: { "/**": ["./db/migrations/**/*"] },
  poweredByHeader: false,
  typedRoutes: false,
  // Browsers still ask for /favicon.ico now and then (before the page's <link rel="icon"> is
  // read); the app's icon is app/icon.svg. Without this the 404 showed as a console error, which
  // failed the CSP e2e test on one CI run in three.
  async redirects() {
    return [{ source: "/favicon.ico", destination: "/icon.svg", permanent: true }];
  },
};

export default nextConfig;
