#!/usr/bin/env bash
# After a green gate: trigger the Coolify deploy of the application, wait for it, then verify the deployed instance
# with the gate's live mode (the README's first command with the live settings). Needs curl and jq.
#   COOLIFY_URL       the Coolify instance, e.g. https://coolify.example.com
#   COOLIFY_APP_UUID  the application's uuid
#   COOLIFY_TOKEN     an API token (Bearer), from a CI secret: never echoed, never on a command line of the gate
#   SERVICE_BASE_URL  the deployed service, e.g. https://orchestrator.example.com
# Coolify answers GET on the deploy endpoint with 405 (since v4.2): the deploy is a POST.
set -euo pipefail
: "${COOLIFY_URL:?}" "${COOLIFY_APP_UUID:?}" "${COOLIFY_TOKEN:?}" "${SERVICE_BASE_URL:?}"
auth=(-H "Authorization: Bearer $COOLIFY_TOKEN" -H "Accept: application/json")
answer=$(curl -fsS --max-time 30 -X POST "${auth[@]}" "$COOLIFY_URL/api/v1/deploy?uuid=$COOLIFY_APP_UUID")
deployment=$(jq -er '.deployments[0].deployment_uuid' <<<"$answer")
echo "[deploy] Coolify queued deployment $deployment of application $COOLIFY_APP_UUID"
status=unknown
for _ in $(seq 1 120); do  # bounded: 120 polls, 10 s apart
  status=$(curl -fsS --max-time 30 "${auth[@]}" "$COOLIFY_URL/api/v1/deployments/$deployment" | jq -r '.status')
  case "$status" in
    finished) break ;;
    failed|cancelled*) echo "[deploy] deployment $deployment $status" >&2; exit 1 ;;
  esac
  sleep 10
done
[ "$status" = finished ] || { echo "[deploy] deployment $deployment still '$status' after 20 minutes" >&2; exit 1; }
echo "[deploy] deployment $deployment finished; verifying the deployed instance (live mode)"
exec bash fixtures/run-gate.sh -Dacceptance.mode=live -Dacceptance.base-url="$SERVICE_BASE_URL" -Dacceptance.edge-url=none
