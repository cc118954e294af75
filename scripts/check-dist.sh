#!/usr/bin/env bash
# dist/ is part of the product: rebuild it and fail when the result differs from what is committed.
# Used by .ci/run and the ci workflow, so both apply the same rule.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run bundle >/dev/null
untracked="$(git ls-files --others --exclude-standard -- dist)"
if [ -n "$untracked" ] || ! git diff --quiet -- dist; then
  echo "::error title=dist/ is stale::dist/ differs from what npm run bundle builds. Run npm run bundle and commit dist/."
  git status --porcelain -- dist | head -n 50
  git diff --stat -- dist | tail -n 5
  exit 1
fi
echo "dist/ matches a fresh bundle."
