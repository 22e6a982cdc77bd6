#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A CA and a server certificate (localhost, 127.0.0.1) made for one test run, in DIR, readable by
# the server's user OWNER (empty: the current user).
#   make_test_certs.sh DIR [OWNER]
set -euo pipefail
dir=$1
owner=${2:-}
mkdir -p "$dir"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Jetway Test CA" \
  -keyout "$dir/ca.key" -out "$dir/ca.crt" > /dev/null 2>&1
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/server.key" \
  -out "$dir/server.csr" > /dev/null 2>&1
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$dir/san.ext"
openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
  -days 2 -extfile "$dir/san.ext" -out "$dir/server.crt" > /dev/null 2>&1
chmod 644 "$dir/ca.crt" "$dir/server.crt"
chmod 600 "$dir/server.key"
if [ -n "$owner" ] && [ "$(id -u)" -eq 0 ]; then chown -R "$owner" "$dir"; fi
