#!/bin/bash
# A link loss set with vwifi-tool drops that share of one direction's
# frames, at random.
#
#   ns0                         ns1
#  +------------------------+  +------------------------+
#  | vw0  AP  10.0.0.1      |  | vw1  STA  10.0.0.2     |
#  | hostapd, open, ch 6    |  | wpa_supplicant         |
#  +-----------+------------+  +-----------+------------+
#              |   vw1 -> vw0: 50% lost    |
#              +----- air: 2437 MHz -------+
#
# Asserts: link list is empty, then shows "vw1 vw0 50%" (table and JSON);
# 200 pings from the station lose between 35% and 65% (each lost request is
# one lost ping: the replies travel the other way, untouched); vw0's lost
# counter grows; loss 0 removes the link and the pings get through again.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR source=tool-lib.sh
. "$(dirname "$0")/tool-lib.sh"

rx_lost() {
	"$VW_TOOL" radio list "$1" --json | sed -n 's/.*"rx_lost": \([0-9]*\).*/\1/p'
}

radios_in_netns 2
start_ap ns0 vw0 hostapd-open.conf
start_sta ns1 vw1 wpa_supplicant-open.conf
wait_connected ns1 vw1
# Neighbour entries resolved before the loss starts.
ping_ok ns1 10.0.0.1
assert_no_grep 'vw' "$VW_TOOL" link list

lost_before=$(rx_lost vw0)
vt link set vw1 vw0 loss 50
assert_grep '^vw1 +vw0 +50%$' "$VW_TOOL" link list
vt_out link list --json >"$VW_DIR/links.json"
cat "$VW_DIR/links.json"
json_ok "$VW_DIR/links.json"
tr -d ' \n' <"$VW_DIR/links.json" |
	grep -q '\[{"transmitter":"vw1","receiver":"vw0","loss":50}\]' || fail "link list --json is not the one link"

log "200 pings from vw1 to the AP"
loss=$(ping_loss ns1 10.0.0.1 200)
log "ping loss: $loss%"
[ -n "$loss" ] || fail "no ping statistics"
if [ "$loss" -lt 35 ] || [ "$loss" -gt 65 ]; then
	fail "ping loss $loss% is not between 35% and 65%"
fi
lost_after=$(rx_lost vw0)
log "vw0 lost frames: $lost_before -> $lost_after"
[ "$lost_after" -ge $((lost_before + 50)) ] || fail "vw0's lost counter did not grow by 50"

vt link set vw1 vw0 loss 0
assert_no_grep 'vw' "$VW_TOOL" link list
ping_ok ns1 10.0.0.1 20
