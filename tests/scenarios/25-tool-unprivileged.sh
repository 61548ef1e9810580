#!/bin/bash
# Every setter needs CAP_NET_ADMIN: an unprivileged caller (nobody, no
# capabilities) can look but not change, and is told why.
#
#   init_net
#  +---------------------------------------------+
#  | vw0, vw1 (insmod station=2)                 |
#  | vwifi-tool as root, and as nobody (65534)   |
#  +---------------------------------------------+
#
# Asserts: as nobody, status, radio list, deny/link list and model show
# work; radio add/del/set, link set, deny add/del/clear, model set,
# transport attach/detach and the classic -d/-s and -c each exit 1 with "Operation not permitted" and a
# word on CAP_NET_ADMIN; nothing changed (radio count, tx power, denylist,
# links, model); root can still do each.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR source=tool-lib.sh
. "$(dirname "$0")/tool-lib.sh"

if command -v setpriv >/dev/null; then
	as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all)
elif command -v capsh >/dev/null; then
	as_nobody=(capsh --drop=all --user=nobody --)
else
	skip "SKIP: neither setpriv nor capsh to drop privileges"
fi

# nobody ARGS...: vwifi-tool as nobody; prints its output, leaves $rc.
nobody() {
	local out

	printf '+ (as nobody) %s %s\n' "$VW_TOOL" "$*"
	rc=0
	if [ "${as_nobody[0]}" = capsh ]; then
		out=$("${as_nobody[@]}" -c "$(printf '%q ' "$VW_TOOL" "$@")" 2>&1) || rc=$?
	else
		out=$("${as_nobody[@]}" "$VW_TOOL" "$@" 2>&1) || rc=$?
	fi
	printf '%s\n' "$out"
	last=$out
}

refused() {
	nobody "$@"
	[ "$rc" = 1 ] || fail "as nobody, vwifi-tool $* exited $rc, not 1"
	grep -q 'Operation not permitted (changing vwifi needs CAP_NET_ADMIN)' <<<"$last" ||
		fail "as nobody, vwifi-tool $* does not say it needs CAP_NET_ADMIN"
}

allowed() {
	nobody "$@"
	[ "$rc" = 0 ] || fail "as nobody, vwifi-tool $* exited $rc, not 0"
}

load_vwifi 2
# The tool must be reachable by nobody (the share's directories).
nobody --version
[ "$rc" = 0 ] || skip "SKIP: nobody cannot run $VW_TOOL"

vt deny add vw1 vw0
vt link set vw0 vw1 loss 10
vt_out radio list --json >"$VW_DIR/before.json"
vt_out deny list >"$VW_DIR/deny-before"
vt_out link list >"$VW_DIR/link-before"
vt_out model show >"$VW_DIR/model-before"

allowed
grep -qx 'vwifi status : live' <<<"$last" || fail "nobody does not see the status"
allowed radio list
grep -q '^vw1 ' <<<"$last" || fail "nobody does not see the radios"
allowed deny list
allowed link list
allowed model show --json
allowed transport show

refused radio add
refused radio add extra0
refused radio del vw1
refused radio set vw0 txpower 5
refused radio set vw0 position 10 0 0
refused link set vw0 vw1 loss 90
refused deny add vw0 vw1
refused deny del vw1 vw0
refused deny clear
refused model set exponent 3.0
refused model set sensitivity -70
refused transport attach vw1
refused transport detach
refused -d vw0 -s vw1
grep -q '^vwifi status : live$' <<<"$last" || fail "the classic flags do not print the status first"
refused -c

# Nothing changed. (Counters move on their own: compare without them.)
strip() { grep -vE '"(tx_frames|rx_frames|rx_denied|rx_lost|rx_malformed|dropped|rx_own)"' "$1"; }
vt_out radio list --json >"$VW_DIR/after.json"
diff <(strip "$VW_DIR/before.json") <(strip "$VW_DIR/after.json") || fail "radios changed"
vt_out deny list | diff "$VW_DIR/deny-before" - || fail "the denylist changed"
vt_out link list | diff "$VW_DIR/link-before" - || fail "the links changed"
vt_out model show | diff "$VW_DIR/model-before" - || fail "the model changed"
[ ! -e /sys/class/net/extra0 ] || fail "nobody created a radio"

# Root can.
vt radio set vw0 txpower 5
assert_grep '"txpower": 5,' "$VW_TOOL" radio list vw0 --json
vt deny clear
vt link set vw0 vw1 loss 0
vt radio add extra0
vt radio del extra0
