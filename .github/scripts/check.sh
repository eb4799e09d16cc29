#!/usr/bin/env bash
# The whole "检查推荐材料" step of the check and nightly workflows, kept in a file so that the tests run
# exactly what the forge runs (tests/github/test_check_step.py, tests/github/test_forging.py).
#
# Runs in a checkout of the BASE branch as it is now (for pull requests: never the pull request's files).
# For a pull request or merge group, the head commit must already be fetched (fetch-head.sh); its changes
# and its submissions/ are read from git objects as data, and judged by this checkout's program and rules:
#   check-pr    who may change what (roster and reopened units of the base branch's current head)
#   pr-records  the checker on the head's submissions/, with the base's rules
# Otherwise (nightly, local) the checkout itself is validated.
#
# Reads: GITHUB_EVENT_NAME, GITHUB_EVENT_PATH (head commit, author, sender), AWARDS_OUT (the report
#        folder, uploaded as the awards-report artifact).
# Optional: AWARDS_PYTHON (default .venv/bin/python), AWARDS_TODAY (the campaign clock, YYYY-MM-DD),
#        AWARDS_PUSHES (the forge's push record, see .github/scripts/pushes.py).
# Writes: annotations on stdout, the job summary to GITHUB_STEP_SUMMARY, and in AWARDS_OUT report.json,
#        check-pr.json (pull requests) and preview/ (pull requests and merge groups).
# Exit status: the worst of the checks (0 clean or warnings only, 1 problems, 2 usage/rules, 3 internal).
set -uo pipefail

python=${AWARDS_PYTHON:-.venv/bin/python}
here=$(dirname "${BASH_SOURCE[0]}")
# Safe-path flags: -I isolated (no PYTHON* variables, no user site), -P nothing prepended to sys.path.
# The program is the one beside this script: the base branch's checkout, the same as this script.
awards=("$python" -P -I "$here/awards.py")
out=${AWARDS_OUT:?AWARDS_OUT 未设置：报告写到哪个文件夹？}
clock=()
if [[ -n ${AWARDS_TODAY:-} ]]; then
  clock=(--today "$AWARDS_TODAY")
fi
mkdir -p "$out"
status=0
keep_worst() { if (($1 > status)); then status=$1; fi; }

event=${GITHUB_EVENT_NAME:-}
reports=(--report "$out/report.json")
summary_root=()
case $event in
  pull_request_target | pull_request | merge_group)
    base=$(git rev-parse HEAD)
    head=$("$python" -P -I -c 'import json, os, sys
e = json.load(open(os.environ["GITHUB_EVENT_PATH"], encoding="utf-8"))
sys.stdout.write(str((e.get("pull_request") or {}).get("head", {}).get("sha") or (e.get("merge_group") or {}).get("head_sha") or ""))')
    if [[ $event != merge_group ]]; then
      pushes=()
      if [[ -n ${AWARDS_PUSHES:-} ]]; then
        pushes=(--pushes "$AWARDS_PUSHES")
      fi
      "${awards[@]}" check-pr "${clock[@]}" --base "$base" --head "$head" "${pushes[@]}" \
        --format json --output "$out/check-pr.json"
      keep_worst $?
      reports+=(--report "$out/check-pr.json")
    fi
    campaign=$(mktemp -d "${RUNNER_TEMP:-/tmp}/awards-pr-XXXXXX")
    "${awards[@]}" pr-records "${clock[@]}" --base "$base" --head "$head" --workdir "$campaign" \
      --preview "$out/preview" --format json --output "$out/report.json"
    keep_worst $?
    summary_root=(--root "$campaign")
    ;;
  *)
    "${awards[@]}" validate "${clock[@]}" --format json --output "$out/report.json"
    keep_worst $?
    ;;
esac

"${awards[@]}" ci-summary "${summary_root[@]}" "${clock[@]}" "${reports[@]}"
keep_worst $?
exit "$status"
