#!/bin/bash
# vw-timeout: 400
# SAE beyond the defaults: the ECC groups 19, 20 and 21, anti-clogging
# tokens, and PMKSA caching (a station coming back skips SAE).
#
#   ns0                              ns1
#  +-----------------------------+  +-----------------------------+
#  | vw0  AP  10.0.0.1           |  | vw1  STA  10.0.0.2          |
#  | hostapd wpa_key_mgmt=SAE    |  | wpa_supplicant key_mgmt=SAE |
#  | sae_groups=N / anti-clog.   |  | sae_groups=N                |
#  +--------------+--------------+  +--------------+--------------+
#                 +------- air: 2437 MHz (channel 6) -------+
#
# Asserts: for each of groups 19, 20, 21 configured on both sides the
# station connects with that group (wpa_cli status sae_group=N) and pings.
# With sae_anti_clogging_threshold=0 hostapd asks for a token (its debug
# log: "Request anti-clogging token") and the station still connects.
# PMKSA caching: the station disconnects and reconnects; its log shows
# one SAE exchange (PMKSA-CACHE-ADDED), not two, and it pings again.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

radios_in_netns 2
sae_conf=$VW_DIR/sta-sae.conf
hostapd_log=$VW_DIR/hostapd-vw0.log

for group in 19 20 21; do
	log "group $group"
	start_ap ns0 vw0 hostapd-wpa2.conf wpa_key_mgmt=SAE ieee80211w=2 \
		sae_password=12345678 "sae_groups=$group"
	sae_sta_conf "$sae_conf" 12345678 "sae_groups=$group"
	start_sta ns1 vw1 "$sae_conf"
	wait_connected ns1 vw1
	assert_grep "^sae_group=$group\$" wpa_cli_ns ns1 vw1 status
	ping_ok ns1 10.0.0.1 3
	stop_sta ns1 vw1
	stop_ap ns0 vw0
done

log "anti-clogging token"
VW_DEBUG=1 start_ap ns0 vw0 hostapd-wpa2.conf wpa_key_mgmt=SAE ieee80211w=2 \
	sae_password=12345678 sae_anti_clogging_threshold=0
sae_sta_conf "$sae_conf" 12345678
start_sta ns1 vw1 "$sae_conf"
wait_connected ns1 vw1
assert_grep 'Request anti-clogging token' cat "$hostapd_log"
ping_ok ns1 10.0.0.1 3
stop_sta ns1 vw1
stop_ap ns0 vw0

# (hostapd's debug log above slows it down enough, in TCG, for
# mac80211_hwsim's station to retransmit into a mess: not here)
log "PMKSA caching: away and back without SAE"
start_ap ns0 vw0 hostapd-wpa2.conf wpa_key_mgmt=SAE ieee80211w=2 \
	sae_password=12345678
# one PMKSA per SAE exchange, in wpa_supplicant's log (which the
# earlier phases' wpa_supplicant wrote to as well)
sta_log=$VW_DIR/wpa_supplicant-vw1.log
exchanges() { grep -c 'PMKSA-CACHE-ADDED' "$sta_log" || true; }
earlier=$(exchanges)
start_sta ns1 vw1 "$sae_conf"
wait_connected ns1 vw1
before=$(exchanges)
wpa_cli_ns ns1 vw1 disconnect
wait_for 20 link_disconnected ns1 vw1 || fail "vw1 did not disconnect"
wpa_cli_ns ns1 vw1 reconnect
wait_connected ns1 vw1
ping_ok ns1 10.0.0.1 3
after=$(exchanges)
log "SAE exchanges of the station: $before before, $after after"
[ "$before" = $((earlier + 1)) ] ||
	fail "expected one SAE exchange to connect, saw $((before - earlier))"
[ "$after" = "$before" ] || fail "the station ran SAE again instead of using its PMKSA"
