// JavaScript, not TypeScript: Next reads a next.config.ts at every server start through the
// TypeScript compiler, which then stays loaded in the production server (~40 MB of its memory).

/** @type {import("next").NextConfig} */
const nextConfig = {
  // Lets a second server (another developer's, a test run) build beside the main one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native, WASM or dynamically-required packages stay as Node modules instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "natural", "nodemailer"],
  webpack: (config, { isServer }) => {
    config.module.rules.push({ test: /\.woff2$/, type: "asset/resource" });
    // Worker threads (the matching index build) load their chunk from the server's chunks
    // folder, not from the browser's public path.
    if (isServer) config.output.workerPublicPath = "./";
    return config;
  },
  poweredByHeader: false,
  // The middleware hardens every page and route; Next's hashed static files skip it, and only
  // need this one.
  async headers() {
    return [{ source: "/_next/static/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] }];
  },
};

export default nextConfig;
