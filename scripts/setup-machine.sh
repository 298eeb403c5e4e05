#!/usr/bin/env bash
# Installs what the tests need beyond npm packages, from Debian's packages, only when missing:
# Chromium (Lighthouse runs in smoke-test tests), the PostgreSQL server binaries and client
# (pg_dump, pg_restore) for migrate.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
# migrate's backup runs pg_dump, its tests pg_restore: Debian's postgresql-client.
if ! command -v pg_dump >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/pg_dump >/dev/null 2>&1; then
  missing+=(postgresql-client)
fi
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v git >/dev/null 2>&1 || missing+=(git)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "setup-machine: missing ${missing[*]}; install them with your package manager." >&2
    exit 1
  fi
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "setup-machine: installing ${missing[*]} from Debian's packages"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "setup-machine: chromium, postgresql (server and client), openssl and git are present"
