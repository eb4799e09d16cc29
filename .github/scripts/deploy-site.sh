#!/usr/bin/env bash
# Publish the built site (`awards build` output: static files only) to any web server with rsync over SSH.
# For the self-hosted deployment (AWARDS_FORGE=forgejo), where the 公示 must be served from the
# province's own servers. Usage: deploy-site.sh public/
#
# AWARDS_DEPLOY_TARGET: user@host:/srv/awards/ (rsync over SSH) or a local folder /srv/awards/ (a runner on
# the web server itself). The SSH key and known_hosts live in the runner user's ~/.ssh on the province's
# runner machine, never in the repository or the forge's secrets. An Nginx server block that serves the
# folder is in .github/deploy/nginx-awards.conf.
set -euo pipefail
src=${1:?用法：deploy-site.sh public/}
target=${AWARDS_DEPLOY_TARGET:?未设置 AWARDS_DEPLOY_TARGET（仓库变量），例如 deploy@web1:/srv/awards/}
if [[ ! -f $src/index.html ]]; then
  echo "::error title=发布::$src 里没有 index.html，请先运行 make site" >&2
  exit 2
fi
# --delete: pages that are no longer published (a withdrawn nominee) disappear from the server too.
# --delay-updates: the new version appears at once at the end, never half-copied during the 公示.
rsync --recursive --times --checksum --delete --delay-updates --chmod=D755,F644 \
  -e "ssh -o BatchMode=yes -o StrictHostKeyChecking=yes" "${src%/}/" "$target"
echo "已发布到 $target"
