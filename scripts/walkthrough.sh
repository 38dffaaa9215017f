#!/usr/bin/env bash
# Walks the demo seed report (广州市越秀区应急管理局, 2020) from draft to published over HTTP,
# as four different demo users. Run it after `npm start` (same DATABASE_URL), from the project folder.
set -euo pipefail
URL=${GONGKAI_URL:-http://localhost:4000/graphql}
AGENCY=yuexiu-emergency

token() { node bin/gongkai.js token --user "$AGENCY.$1"; }

# gql TOKEN QUERY VARIABLES-JSON → prints the JSON response
gql() {
  curl -sS "$URL" -H 'content-type: application/json' -H "authorization: Bearer $1" \
    --data "$(node -e 'console.log(JSON.stringify({query: process.argv[1], variables: JSON.parse(process.argv[2])}))' "$2" "$3")"
}
field() { node -e 'let d=JSON.parse(require("fs").readFileSync(0,"utf8")); for (const k of process.argv[1].split(".")) d=d?.[k]; console.log(typeof d==="object"?JSON.stringify(d):d)' "$1"; }

DRAFTER=$(token drafter); REVIEWER=$(token secrecy-reviewer); LEADER=$(token leader); PUBLISHER=$(token publisher)

REPORT=$(gql "$DRAFTER" 'query { agency(code: "yuexiu-emergency") { report(year: 2020) { id } } }' '{}' | field data.agency.report.id)
echo "report $REPORT"

step() { # step TOKEN MUTATION
  local version
  version=$(gql "$1" 'query($id: ID!) { report(id: $id) { version } }' "{\"id\":\"$REPORT\"}" | field data.report.version)
  gql "$1" "mutation(\$input: ReportWorkflowInput!) { $2(input: \$input) { report { state version } userErrors { code message } } }" \
    "{\"input\":{\"reportId\":\"$REPORT\",\"expectedVersion\":$version}}" | field data.$2
}

echo "drafter submits:            $(step "$DRAFTER" reportSubmit)"
echo "secrecy reviewer clears:    $(step "$REVIEWER" reportClearSecrecy)"
echo "leader signs off:           $(step "$LEADER" reportSignOff)"
echo "publisher publishes:        $(step "$PUBLISHER" reportPublish)"
echo "history:"
gql "$PUBLISHER" 'query($id: ID!) { report(id: $id) { workflowHistory { action actorName role at contentHash } } }' "{\"id\":\"$REPORT\"}" \
  | field data.report.workflowHistory
