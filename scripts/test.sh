#!/usr/bin/env bash
# The one test command (README: `npm test`, or `bash scripts/test.sh` on a fresh clone).
# Installs what the tests need, then runs lint, type checks, the build and every test inside a
# private dbus session with an unlocked gnome-keyring, so keychain tests hit a real Secret Service.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests drive for real: Secret Service (gnome-keyring, dbus, libsecret for
# keytar's build), Dovecot (IMAP server), Chromium (UI tests), openssl (test certificates),
# isync + notmuch (the power-user baseline of the sync benchmark).
DEBIAN_PACKAGES=(libsecret-1-dev gnome-keyring dbus dovecot-core dovecot-imapd chromium openssl isync notmuch)
missing=()
for package in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "Installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}"
fi

# The Electron binary cannot be downloaded everywhere; the tests use its types, not the binary.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
if [ "${RAPPORT_SKIP_NPM_CI:-0}" != "1" ]; then
  npm ci --no-audit --no-fund
fi

npm run lint
npm run typecheck
npm run build

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/run" "$scratch/cache"
chmod 700 "$scratch/run"
report="$scratch/vitest.json"

set +e
HOME="$scratch/home" XDG_RUNTIME_DIR="$scratch/run" XDG_CACHE_HOME="$scratch/cache" \
  dbus-run-session -- bash -c '
    echo -n rapport-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
    npx vitest run --reporter=default --reporter=json --outputFile.json="$0" "${@}"
  ' "$report" "$@" 2> >(grep -v 'Failed to set fd limit' >&2)
status=$?
set -e

# A plain closing line any CI can read.
if [ -f "$report" ]; then
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);' "$report"
fi
exit $status
