#!/bin/bash
# make demo: boot a QEMU guest and run the classic vwifi walkthrough in it
# (tests/scenarios/01-walkthrough.sh): an AP and two stations in their own
# network namespaces, WPA2-PSK, then iw dev, the station's link, the AP's
# station dump and pings, as a user would look at them.
#
#   tests/demo.sh [6.1|6.12]      (default: VW_SERIES or 6.1, Debian bookworm)
#
# VW_DRIVER=hwsim runs it on mac80211_hwsim instead of vwifi.ko.
# Exits 0 when the walkthrough passed.
set -euo pipefail

# shellcheck source=tests/qemu/common.sh
. "$(dirname "$0")/qemu/common.sh"

series=${1:-${VW_SERIES:-6.1}}
driver=${VW_DRIVER:-vwifi}
scenario=01-walkthrough
export VW_DRIVER=$driver VW_DEMO=1

need_pkgs "${vw_host_pkgs[@]}"
echo "== preparing the Debian $series kernel"
"$VW_TOP/tests/qemu/kernels.sh" "$series" >/dev/null
# shellcheck source=/dev/null
. "$VW_KERNELS/$series.env"
: "${KVER:?}" "${KDIR:?}"

ko=''
if [ "$driver" = vwifi ]; then
	echo "== building vwifi.ko against $KVER"
	ko=$(build_module "$KVER" "$KDIR") || {
		tail -n 30 "$VW_BUILD/$KVER.build.log" >&2
		die "vwifi.ko did not build (log: build/$KVER.build.log)"
	}
fi

out=$VW_BUILD/demo/$KVER
res=$out/share/results
rm -rf "$out"
mkdir -p "$out"
echo "== booting $KVER in QEMU and running $scenario ($driver)"
"$VW_TOP/tests/qemu/run-guest.sh" -k "$series" ${ko:+-m "$ko"} -o "$out" "$scenario.sh" &
guest=$!
# Follow the scenario's output while the guest runs it.
tail -n +1 -F --pid=$guest "$res/$scenario.out" 2>/dev/null &
follower=$!
rc=0
wait $guest || rc=$?
wait $follower 2>/dev/null || true

echo
if [ $rc -ne 0 ]; then
	echo "the guest did not finish; its console log is $out/console.log" >&2
fi
verdict=0
judge "$KVER" "$res" "$scenario" || verdict=$?
echo "logs: $res/$scenario/ (hostapd, wpa_supplicant), console: $out/console.log"
[ $rc -eq 0 ] && [ $verdict -eq 0 ]
