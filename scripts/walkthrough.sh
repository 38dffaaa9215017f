#!/usr/bin/env bash
# Walks a demo report from wherever it stands in the workflow to published, over HTTP, each step as the demo user
# whose role takes it (drafter, secrecy reviewer, leader, publisher). Default: 广州市越秀区司法局's 2021 draft.
# Run it after `npm start` (same data folder), from the project folder; AGENCY=… YEAR=… walk another report;
# STOP_AT=APPROVED stops before publishing (to schedule the publication instead).
# Exit 1 when a step is refused, printing why.
set -euo pipefail
URL=${GONGKAI_URL:-http://localhost:${PORT:-4000}/graphql}
AGENCY=${AGENCY:-yuexiu-justice}
YEAR=${YEAR:-2021}

token() { node bin/gongkai.js token --user "$AGENCY.$1"; }

# gql TOKEN QUERY VARIABLES-JSON → prints the JSON response
gql() {
  curl -sS "$URL" -H 'content-type: application/json' -H "authorization: Bearer $1" \
    --data "$(node -e 'console.log(JSON.stringify({query: process.argv[1], variables: JSON.parse(process.argv[2])}))' "$2" "$3")"
}
field() { node -e 'let d=JSON.parse(require("fs").readFileSync(0,"utf8")); for (const k of process.argv[1].split(".")) d=d?.[k]; console.log(typeof d==="object"?JSON.stringify(d):d)' "$1"; }

DRAFTER=$(token drafter); REVIEWER=$(token secrecy-reviewer); LEADER=$(token leader); PUBLISHER=$(token publisher)

REPORT=$(gql "$DRAFTER" "query { agency(code: \"$AGENCY\") { report(year: $YEAR) { id } } }" '{}' | field data.agency.report.id)
if [ -z "$REPORT" ] || [ "$REPORT" = "undefined" ] || [ "$REPORT" = "null" ]; then
  echo "no $YEAR report of $AGENCY at $URL: is the server running with the demo data?" >&2; exit 1
fi
echo "report $REPORT ($AGENCY $YEAR)"

step() { # step TOKEN MUTATION LABEL
  local version result
  version=$(gql "$1" 'query($id: ID!) { report(id: $id) { version } }' "{\"id\":\"$REPORT\"}" | field data.report.version)
  result=$(gql "$1" "mutation(\$input: ReportWorkflowInput!) { $2(input: \$input) { report { state version } userErrors { code message } } }" \
    "{\"input\":{\"reportId\":\"$REPORT\",\"expectedVersion\":$version}}" | field "data.$2")
  printf '%-28s %s\n' "$3:" "$result"
  case "$result" in *'"userErrors":[]'*) ;; *) exit 1 ;; esac
}

for _ in 1 2 3 4; do
  state=$(gql "$DRAFTER" 'query($id: ID!) { report(id: $id) { state } }' "{\"id\":\"$REPORT\"}" | field data.report.state)
  if [ "$state" = "${STOP_AT:-}" ]; then exit 0; fi
  case "$state" in
    DRAFT) step "$DRAFTER" reportSubmit "drafter submits" ;;
    SECRECY_REVIEW) step "$REVIEWER" reportClearSecrecy "secrecy reviewer clears" ;;
    LEADERSHIP_SIGN_OFF) step "$LEADER" reportSignOff "leader signs off" ;;
    APPROVED) step "$PUBLISHER" reportPublish "publisher publishes" ;;
    PUBLISHED) break ;;
    *) echo "unexpected state: $state" >&2; exit 1 ;;
  esac
done
echo "history:"
gql "$PUBLISHER" 'query($id: ID!) { report(id: $id) { workflowHistory { action actorName role at contentHash } } }' "{\"id\":\"$REPORT\"}" \
  | field data.report.workflowHistory
