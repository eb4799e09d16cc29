#!/usr/bin/env bash
# Fetch the pull request's head commit into the base branch's checkout as git objects only.
#
# Nothing is checked out: no file of the pull request ever lands in the working tree, so none can be run
# (a GNUmakefile, a setup.py, a sitecustomize.py or .pth file, a conftest.py...). The check reads the
# head's paths, statuses and modes with `git diff-tree` and its records with `git archive` (data).
#
# Reads: HEAD_SHA (the event's head commit), AWARDS_TOKEN (optional: a private repository's read token,
# given to this one git command through the environment, never written to .git/config).
set -euo pipefail
sha=${HEAD_SHA:?HEAD_SHA 未设置：要取哪个提交？}
if [[ ! $sha =~ ^[0-9a-f]{40}([0-9a-f]{24})?$ ]]; then
  echo "::error title=取合并请求::“$sha”不是完整的提交号" >&2
  exit 2
fi
if [[ -n ${AWARDS_TOKEN:-} ]]; then
  basic=$(printf 'x-access-token:%s' "$AWARDS_TOKEN" | base64 -w0)
  echo "::add-mask::$basic"
  export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=http.extraheader GIT_CONFIG_VALUE_0="AUTHORIZATION: basic $basic"
fi
# The base was checked out with its whole history, so only the pull request's new objects come over.
git fetch --quiet --no-tags --no-recurse-submodules origin "$sha"
git cat-file -e "$sha^{commit}"
echo "已取得合并请求的提交 $sha（只读取，不检出）。"
