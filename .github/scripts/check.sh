#!/usr/bin/env bash
# The whole "检查推荐材料" step of the check and nightly workflows, kept in a file so that the tests run
# exactly what GitHub runs (tests/github/test_check_step.py).
#
# Reads: GITHUB_EVENT_NAME and GITHUB_EVENT_PATH (which pull request: base, head, author, sender), and
#        AWARDS_OUT, the folder for the reports (uploaded as the awards-report artifact).
# Optional: AWARDS (the awards command; default .venv/bin/awards, what `make setup` installs) and
#        AWARDS_TODAY (the campaign clock, YYYY-MM-DD; default today in the runner's TZ).
# Writes: annotations on stdout, the Chinese job summary to GITHUB_STEP_SUMMARY, and in AWARDS_OUT
#        report.json, check-pr.json (pull requests) and preview/ (pull requests and merge groups).
#        No comment: this step runs the pull request's code, so the comment job builds the comment itself
#        from these JSON reports with the base branch's code (.github/scripts/comment.py).
# Exit status: the worst of the checks (0 clean or warnings only, 1 problems, 2 usage/rules, 3 internal).
set -uo pipefail

awards=${AWARDS:-.venv/bin/awards}
out=${AWARDS_OUT:?AWARDS_OUT 未设置：报告写到哪个文件夹？}
clock=()
if [[ -n ${AWARDS_TODAY:-} ]]; then
  clock=(--today "$AWARDS_TODAY")
fi
mkdir -p "$out"
status=0
keep_worst() { if (($1 > status)); then status=$1; fi; }

"$awards" validate "${clock[@]}" --format json --output "$out/report.json"
keep_worst $?
reports=(--report "$out/report.json")

event=${GITHUB_EVENT_NAME:-}
if [[ $event == pull_request ]]; then
  # Who may change what: base, head, author and sender come from the event payload, read by awards itself.
  "$awards" check-pr "${clock[@]}" --format json --output "$out/check-pr.json"
  keep_worst $?
  reports+=(--report "$out/check-pr.json")
fi
if [[ $event == pull_request || $event == merge_group ]]; then
  # A preview is a convenience: failing to make one must not fail the check.
  "$awards" pr-preview --output "$out/preview" || echo "::warning title=pr-preview::没能生成推荐材料预览"
fi

"$awards" ci-summary "${clock[@]}" "${reports[@]}"
keep_worst $?
exit "$status"
