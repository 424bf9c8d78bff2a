/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and extension bundles from its own package folder at run time;
  // bundling it breaks those paths (STACK.md: "Extension bundle not found").
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  // Migrations are applied in code when the server starts, so they must ship with the build.
  outputFileTracingIncludes: { "/**": ["./db/migrations/**/*"] },
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
