import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native, WASM or dynamically-required packages stay as Node modules instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "natural", "nodemailer"],
  webpack: (config) => {
    config.module.rules.push({ test: /\.woff2$/, type: "asset/resource" });
    return config;
  },
  poweredByHeader: false,
};

export default nextConfig;
