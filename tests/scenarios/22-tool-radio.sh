#!/bin/bash
# Radios added and deleted at run time with vwifi-tool: an added radio is
# usable by hostapd and wpa_supplicant at once, and one deleted while
# associated goes cleanly.
#
#   init_net            ns_ap                       ns_sta
#  +-----------+       +-------------------------+  +--------------------------+
#  | vw0       |       | apx  (radio add apx)    |  | stax (radio add stax)    |
#  | (insmod)  |       | hostapd, open, 10.0.0.1 |  | wpa_supplicant, 10.0.0.2 |
#  +-----------+       +------------+------------+  +------------+-------------+
#                                   +---- air: 2437 MHz ---------+
#
# Asserts: radio add prints the new radio (table and JSON); a name is
# honoured and the radio lands in the caller's namespace; the two added
# radios connect and ping; radio del of the associated station takes its
# interface away and the AP notices; deleting by wiphy name works; a
# second radio of an existing name, or deleting an unknown one, is refused
# with the kernel's message; radio list ends as it began.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR source=tool-lib.sh
. "$(dirname "$0")/tool-lib.sh"

radio_count() {
	"$VW_TOOL" radio list | tail -n +2 | wc -l
}

gone_from_ns() {
	! ip netns exec "$1" test -e "/sys/class/net/$2"
}

load_vwifi 1
[ "$(radio_count)" = 1 ] || fail "radio list does not show exactly one radio"

# An unnamed radio, then one named in a namespace of its own.
vt radio add
vt_out radio list
[ "$(radio_count)" = 2 ] || fail "radio add did not add a radio"
new=$("$VW_TOOL" radio list --json | sed -n 's/.*"name": "\(.*\)",/\1/p' | grep -vx vw0 | head -n 1)
log "the unnamed radio is $new"
[ -n "$new" ] || fail "radio list --json names no new radio"
[ -e "/sys/class/net/$new/phy80211" ] || fail "the added radio has no interface"

for ns in ns_ap ns_sta; do
	pp ip netns add "$ns"
	vw_netns+=("$ns")
	ip -n "$ns" link set lo up
done
vt_in ns_ap radio add apx
ip netns exec ns_ap test -e /sys/class/net/apx/phy80211 || fail "apx is not in ns_ap"
[ ! -e /sys/class/net/apx ] || fail "apx is in init_net, not the caller's namespace"
ip netns exec ns_sta "$VW_TOOL" radio add stax --json >"$VW_DIR/stax.json"
cat "$VW_DIR/stax.json"
json_ok "$VW_DIR/stax.json"
grep -q '"name": "stax"' "$VW_DIR/stax.json" || fail "radio add --json does not name stax"
stax_phy=$(sed -n 's/.*"wiphy": "\(.*\)",/\1/p' "$VW_DIR/stax.json")
[ "$(radio_count)" = 4 ] || fail "radio list does not show 4 radios"

# Usable at once.
set_ip ns_ap apx 10.0.0.1/24
set_ip ns_sta stax 10.0.0.2/24
start_ap ns_ap apx hostapd-open.conf
start_sta ns_sta stax wpa_supplicant-open.conf
wait_connected ns_sta stax
ping_ok ns_sta 10.0.0.1
sta_mac=$(mac_of ns_sta stax)
assert_grep "^Station $sta_mac" ip netns exec ns_ap iw dev apx station dump

# Refusals.
vt_expect 1 '^vwifi-tool: kernel reports: ' radio add vw0
vt_expect 1 '^vwifi-tool: kernel reports: .*\(radio\)' radio del nosuch

# Deleted while associated: the interface goes, the AP drops the station.
vt radio del stax
wait_for 10 gone_from_ns ns_sta stax || fail "stax still exists"
wait_for 30 sh -c "! ip netns exec ns_ap iw dev apx station dump | grep -q '$sta_mac'" ||
	fail "the AP still lists the deleted station"
assert_no_grep "^stax " "$VW_TOOL" radio list
assert_no_grep "$stax_phy" "$VW_TOOL" radio list

# By wiphy name, the AP with hostapd still on it.
ap_phy=$("$VW_TOOL" radio list apx --json | sed -n 's/.*"wiphy": "\(.*\)",/\1/p')
[ -n "$ap_phy" ] || fail "no wiphy for apx"
vt radio del "$ap_phy"
wait_for 10 gone_from_ns ns_ap apx || fail "apx still exists"
vt radio del "$new"
vt radio list
[ "$(radio_count)" = 1 ] || fail "radio list does not end with one radio"
assert_grep '^vw0 ' "$VW_TOOL" radio list
