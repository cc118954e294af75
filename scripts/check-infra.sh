#!/usr/bin/env bash
# infra/templates/ is what people deploy: synthesize the CDK app again into a scratch directory and fail when the
# result differs from what is committed. Used by .ci/run and the ci workflow, so both apply the same rule.
set -euo pipefail
cd "$(dirname "$0")/.."

fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
npm run --silent infra:synth -- --out "$fresh" >/dev/null
if ! diff -r -u infra/templates "$fresh" >"$fresh.diff" 2>&1; then
  echo "::error title=infra/templates/ is stale::infra/templates/ differs from what npm run infra:synth writes. Run npm run infra:synth and commit infra/templates/."
  sed -e "s#$fresh#(fresh synthesis)#g" "$fresh.diff" | head -n 80
  rm -f "$fresh.diff"
  exit 1
fi
rm -f "$fresh.diff"
echo "infra/templates/ matches a fresh synthesis."
