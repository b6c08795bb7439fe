/** @type {import("next").NextConfig} */
const nextConfig = {
  // The example has no ESLint set-up of its own; `next build` still type-checks it.
  eslint: { ignoreDuringBuilds: true }
}

export default nextConfig
