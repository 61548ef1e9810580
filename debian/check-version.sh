#!/bin/bash
# The version of vwifi is written once, in VERSION. dkms.conf reads it; the
# places that must state it themselves are compared with it here, and any
# difference stops the build: debian/changelog, vwifi-tool --version and
# vwifi-medium --version. Run by debian/rules and tests/check-install.sh.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
bad=0

version=$(cat "$top/VERSION")
if ! [[ $version =~ ^[0-9][0-9A-Za-z.+~]*$ ]] || [ "$(wc -l <"$top/VERSION")" != 1 ]; then
	echo "VERSION must hold one line with a version, not '$version'" >&2
	exit 1
fi

# same WHAT VALUE: VALUE must be the version.
same() {
	if [ "$2" != "$version" ]; then
		echo "version mismatch: VERSION says $version, $1 says '$2'" >&2
		bad=1
	fi
}

# DKMS sources dkms.conf with bash, its variables unset but its own.
# shellcheck disable=SC2016  # expanded by that bash
same dkms.conf "$(env -i bash -c '. "$1" && printf %s "$PACKAGE_VERSION"' _ "$top/dkms.conf")"
same debian/changelog "$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version)"
same tool/vwifi-tool.h "$(sed -n 's/^#define VW_TOOL_VERSION "\(.*\)"$/\1/p' "$top/tool/vwifi-tool.h")"
same medium/medium.h "$(sed -n 's/^#define VW_MEDIUM_VERSION "\(.*\)"$/\1/p' "$top/medium/medium.h")"
[ $bad = 0 ] && echo "version $version everywhere"
exit $bad
