#!/bin/bash
# vw-timeout: 180
# The rate follows the signal: a station walks away from a VHT80 access
# point, its tx rate steps down to slower MCSs while the link holds, the
# link is lost far away, and back near the AP it reconnects at full rate.
#
#   ns0                              ns1
#  +-----------------------------+  +-----------------------------+
#  | vw0  AP  10.0.0.1  open     |  | vw1  STA  10.0.0.2          |
#  | VHT80 on 36, at (0, 0, 0)   |  | at 1 m, then 20 .. 700 m,   |
#  |                             |  | then 10 km, then 1 m        |
#  +--------------+--------------+  +--------------+--------------+
#                 +---- air: 5170-5250 MHz (centre 5210) ----+
#
# vwifi only: positions are vwifi-tool's, mac80211_hwsim has none (and its
# rate control does not look at the signal).
#
# With vwifi's defaults (20 dBm, path loss exponent 2, 47 dB at 1 m on
# 5180 MHz, sensitivity -90 dBm) the station hears the AP at -27 dBm at
# 1 m, enough for VHT-MCS 9 at 80 MHz (31 dB above the most robust rate),
# about -67 dBm at 100 m (VHT-MCS 5 or so) and nothing at 10 km. The walk
# does not depend on those figures: it stops at the first distance where
# the MCS is lower than at 1 m.
#
# Asserts: a VHT-MCS tx rate at 1 m; at some distance up to 700 m a lower
# MCS while still connected, and the ping answers there; at 10 km the link
# goes down; back at 1 m the station reconnects, pings, and its MCS is the
# one it had at 1 m.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
[ "$VW_DRIVER" = vwifi ] ||
	skip "SKIP: vwifi only (positions are vwifi-tool's; mac80211_hwsim's rate does not follow a signal)"
# shellcheck source-path=SCRIPTDIR source=tool-lib.sh
. "$(dirname "$0")/tool-lib.sh"

# tx_mcs_below N: after a burst of pings, the station's tx MCS is below N
# (and the link is up).
tx_mcs_below() {
	local m

	rate_after_ping_is ns1 vw1 10.0.0.1 tx 'MCS [0-9]+' || return 1
	m=$(rate_mcs "$(link_rate ns1 vw1 tx)")
	[ -n "$m" ] && [ "$m" -lt "$1" ]
}

tx_mcs_at_least() {
	local m

	rate_after_ping_is ns1 vw1 10.0.0.1 tx 'MCS [0-9]+' || return 1
	m=$(rate_mcs "$(link_rate ns1 vw1 tx)")
	[ -n "$m" ] && [ "$m" -ge "$1" ]
}

reg_world_at_exit
radios_in_netns 2
vt radio set vw0 position 0 0 0
vt radio set vw1 position 1 0 0

start_ap ns0 vw0 hostapd-open.conf "${vw_ap_vht80[@]}"
start_sta ns1 vw1 wpa_supplicant-open.conf
wait_connected ns1 vw1
ping_ok ns1 10.0.0.1
wait_rate ns1 vw1 10.0.0.1 tx 'VHT-MCS [0-9]+'
near=$(rate_mcs "$(link_rate ns1 vw1 tx)")
log "at 1 m: signal $(station_signal ns1 vw1) dBm, tx MCS $near"
[ "$near" -gt 0 ] || fail "already the slowest MCS at 1 m"

mid=
for d in 20 50 100 200 300 500 700; do
	vt radio set vw1 position "$d" 0 0
	if wait_for 5 tx_mcs_below "$near"; then
		mid=$d
		break
	fi
	link_connected ns1 vw1 || fail "the link was lost at $d m before the MCS dropped"
	log "at $d m: signal $(station_signal ns1 vw1) dBm, tx $(link_rate ns1 vw1 tx)"
done
[ -n "$mid" ] || fail "the tx MCS did not drop below $near up to 700 m"
log "at $mid m: signal $(station_signal ns1 vw1) dBm, tx $(link_rate ns1 vw1 tx)"
assert_grep '^Connected to' ip netns exec ns1 iw dev vw1 link
ping_ok ns1 10.0.0.1

vt radio set vw1 position 10000 0 0
wait_disconnected ns1 vw1 30
ping_fails ns1 10.0.0.1

vt radio set vw1 position 1 0 0
wait_connected ns1 vw1 90
ping_ok ns1 10.0.0.1
wait_for 10 tx_mcs_at_least "$near" ||
	fail "back at 1 m the tx rate is $(link_rate ns1 vw1 tx), not MCS $near"
log "back at 1 m: tx $(link_rate ns1 vw1 tx)"
