#!/usr/bin/env bash
# Packs every published package into one folder, as npm would download them (workspace:
# versions replaced by real ranges). Build first (`npx -y pnpm@10.34.9 build`).
#
#   bash scripts/pack-packages.sh /tmp/mia-tarballs
#
# Prints nothing but the folder on stdout; the tarballs are named mia-sdk-<package>.tgz so
# callers can install them without knowing versions.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:?usage: pack-packages.sh <output folder>}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
for package in core sandbox webhooks express react; do
  if [ ! -d "packages/${package}/dist" ]; then
    echo "pack-packages: packages/${package}/dist is missing; build first (npx -y pnpm@10.34.9 build)" >&2
    exit 1
  fi
  tarball="$(cd "packages/${package}" && npx -y pnpm@10.34.9 pack --pack-destination "$OUT" 2>/dev/null | tail -n 1)"
  mv -f "$tarball" "$OUT/mia-sdk-${package}.tgz" 2>/dev/null || mv -f "$OUT/$(basename "$tarball")" "$OUT/mia-sdk-${package}.tgz"
done >&2
echo "$OUT"
