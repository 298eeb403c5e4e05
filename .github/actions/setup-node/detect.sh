#!/usr/bin/env bash
# Which package manager a project uses, for deploy-kit's reusable workflows: the same lockfile
# order as packages/shared/src/exec.ts (pnpm-lock.yaml, yarn.lock, bun.lockb, bun.lock,
# package-lock.json), looked for in the working directory and then each folder up to the
# repository root (a monorepo keeps one lockfile at the root). A `packageManager` field
# ("pnpm@9.12.0") in package.json gives the version; PACKAGE_MANAGER other than auto overrides.
#
# Env: WORKING_DIRECTORY (from the repository root), PACKAGE_MANAGER (auto|npm|pnpm|yarn|bun).
# Writes to $GITHUB_OUTPUT: name, version (empty: the setup action's default), lockfile (path
# from the repository root, empty when none), cache (the setup-node cache id; empty for bun,
# which setup-node cannot cache).
set -euo pipefail

dir="${WORKING_DIRECTORY:-.}"
wanted="${PACKAGE_MANAGER:-auto}"
case "$wanted" in auto | npm | pnpm | yarn | bun) ;; *)
  echo "::error::package-manager must be auto, npm, pnpm, yarn or bun, not '$wanted'."
  exit 1
  ;;
esac
if [ ! -d "$dir" ]; then
  echo "::error::working-directory '$dir' is not a folder of this repository."
  exit 1
fi

manager_of() {
  case "$1" in
    pnpm-lock.yaml) echo pnpm ;; yarn.lock) echo yarn ;; bun.lockb | bun.lock) echo bun ;; *) echo npm ;;
  esac
}

name=""
lockfile=""
here="$dir"
while :; do
  for file in pnpm-lock.yaml yarn.lock bun.lockb bun.lock package-lock.json; do
    if [ -f "$here/$file" ] && { [ "$wanted" = auto ] || [ "$(manager_of "$file")" = "$wanted" ]; }; then
      lockfile="${here#./}/$file"
      lockfile="${lockfile#./}"
      name="$(manager_of "$file")"
      break 2
    fi
  done
  [ "$here" = "." ] && break
  parent="$(dirname "$here")"
  [ "$parent" = "$here" ] && break
  here="$parent"
done
[ "$wanted" != auto ] && name="$wanted"
[ -z "$name" ] && name=npm

version=""
if [ -f "$dir/package.json" ]; then
  # "packageManager": "pnpm@9.12.0+sha512.…" → 9.12.0 when it names the same manager.
  field="$(sed -n 's/.*"packageManager"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$dir/package.json" | head -n 1)"
  if [ "${field%%@*}" = "$name" ]; then
    version="${field#*@}"
    version="${version%%+*}"
  fi
fi

cache="$name"
[ "$name" = bun ] && cache=""
[ -z "$lockfile" ] && cache=""

{
  echo "name=$name"
  echo "version=$version"
  echo "lockfile=$lockfile"
  echo "cache=$cache"
} >>"$GITHUB_OUTPUT"
echo "deploy-kit: $name${version:+ $version}${lockfile:+ (lockfile $lockfile)}"
