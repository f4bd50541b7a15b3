#!/usr/bin/env bash
# Container health probe that needs neither curl nor wget (the JRE base image does not promise either):
#   healthcheck.sh PORT PATH [any]
# succeeds when GET http://127.0.0.1:PORT/PATH answers 200, or any HTTP status with "any" (the Bookings simulator
# answers 401 to a request without its token, which still proves it is serving).
set -euo pipefail
port="$1"
path="$2"
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
read -r -t 5 protocol status _ <&3
if [[ "${3:-}" == "any" ]]; then
  [[ "$protocol" == HTTP/* ]]
else
  [[ "$status" == "200" ]]
fi
