#!/usr/bin/env bash
# Installs the Debian packages the project needs; run as root (make does it for you).
# Only packages that are missing are installed, so a second run costs nothing.
#   python3-venv            : `python3 -m venv` on a stock Debian
#   fonts-noto-cjk          : the CJK font WeasyPrint embeds in every PDF
#   libharfbuzz-subset0     : font subsetting; without it WeasyPrint is ~50x slower and PDFs are huge
#   libpango-1.0-0, libpangoft2-1.0-0 : WeasyPrint's text layout
#   chromium, chromium-driver : the real browser the site tests drive
#   poppler-utils           : pdftotext for the build's leak scan (fast), pdffonts / pdftoppm in the tests
#   git                     : pull-request checks run against real repositories
set -euo pipefail
packages=(python3-venv fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0
          chromium chromium-driver poppler-utils git)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "缺少系统软件包：${missing[*]}。请以 root 运行 make，或先执行：sudo apt-get install ${missing[*]}" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
