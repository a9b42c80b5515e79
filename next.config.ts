import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Lets a second server (another developer's, a test run) build beside the main one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native, WASM or dynamically-required packages stay as Node modules instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "natural", "nodemailer"],
  webpack: (config) => {
    config.module.rules.push({ test: /\.woff2$/, type: "asset/resource" });
    return config;
  },
  poweredByHeader: false,
};

export default nextConfig;
