# shellcheck shell=bash
# bench/guest/assoc.sh: how long N stations take to join one access point,
# WPA2-Personal (kind assoc) or WPA3-Personal (kind sae), from the moment
# the daemons are started.
#
#   ns0                          ns1
#  +-----------------------+    +----------------------------------------+
#  | vw0  AP, hostapd      |    | vw1 ... vwN  stations                  |
#  | assoc: WPA2-PSK CCMP  |    | a wpa_supplicant for each, one control |
#  | sae: SAE, PMF needed, |    | directory, a socket per radio          |
#  |  sae_pwe=2; ch 6      |    |                                        |
#  +-----------+-----------+    +-------------------+--------------------+
#              +---------- air: 2437 MHz -----------+
#
# One run: t0, start hostapd, then a wpa_supplicant per station, all at
# once; done when the AP's log has N distinct stations with
# EAPOL-4WAY-HS-COMPLETED (authenticated, PSK or SAE, associated and the
# 4-way handshake done: the port is authorized). The figure is the log
# timestamp of the N-th minus t0, so polling adds nothing to it. Both
# daemons stop between runs and the interfaces go down; the radios stay.
# Keys: assoc_N and sae_N, seconds.

# stations_done LOG: distinct stations whose handshake completed.
stations_done() {
	awk '/EAPOL-4WAY-HS-COMPLETED/ && !seen[$NF]++ { n++ } END { print n + 0 }' "$1" 2>/dev/null
}

# nth_done_time LOG N: hostapd timestamp (seconds) of the N-th distinct one.
nth_done_time() {
	awk -v want="$2" '/EAPOL-4WAY-HS-COMPLETED/ && !seen[$NF]++ {
			if (++n == want) { t = $1; sub(/:$/, "", t); print t; exit }
		}' "$1"
}

# stop_pidfile FILE: end the daemon FILE names and wait (10 s) until it has.
stop_pidfile() {
	local pid

	# the daemon removes the file as it ends, maybe right now
	pid=$(cat "$1" 2>/dev/null) || return 0
	kill "$pid" 2>/dev/null || return 0
	for _ in $(seq 100); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
	done
	printf 'pid %s (%s) still running after 10 s, killing it\n' "$pid" "$1"
	kill -9 "$pid" 2>/dev/null || true
}

# assoc_once N RUN: one run (RUN names its logs); prints the seconds, or the
# reason and fails. Each station has its own wpa_supplicant, as hostap's
# own hwsim tests run them: one process serving N interfaces delays the
# first scan of its k-th interface by (k mod 3) seconds on purpose.
assoc_once() {
	local count=$1 hconf=$VW_DIR/hostapd.conf sconf=$VW_DIR/sta.conf
	local hlog=$VW_DIR/hostapd-$2.log hpid=$VW_DIR/hostapd.pid
	local pids=() i p t0 t_end deadline done_n

	t0=$(now_ns)
	ip netns exec ns0 hostapd -B -t -P "$hpid" -f "$hlog" "$hconf" >&2 ||
		{ echo "hostapd did not start"; return 1; }
	for ((i = 1; i <= count; i++)); do
		ip netns exec ns1 wpa_supplicant -B -t -P "$VW_DIR/wpa_supplicant-$i.pid" \
			-f "$VW_DIR/wpa_supplicant-$2-$i.log" \
			-D nl80211 -i "vw$i" -c "$sconf" >&2 &
		pids+=($!)
	done
	for p in "${pids[@]}"; do
		wait "$p" || { echo "a wpa_supplicant did not start"; return 1; }
	done
	deadline=$((t0 + BENCH_ASSOC_TIMEOUT * 1000000000))
	while :; do
		done_n=$(stations_done "$hlog")
		[ "$done_n" -ge "$count" ] && break
		if [ "$(now_ns)" -ge "$deadline" ]; then
			printf '%s of %s stations associated after %s s\n' "$done_n" "$count" "$BENCH_ASSOC_TIMEOUT"
			return 1
		fi
		sleep 0.5
	done
	t_end=$(nth_done_time "$hlog" "$count")
	awk -v a="$t0" -v b="$t_end" 'BEGIN { printf "%.3f\n", b - a / 1e9 }'
}

# assoc_confs KIND: hostapd.conf and sta.conf in $VW_DIR, for the network
# of KIND (assoc: WPA2-PSK, sae: WPA3-Personal as tests/scenarios/60-sae.sh
# sets it up, either way of deriving the password element).
assoc_confs() {
	local psk hconf=$VW_DIR/hostapd.conf sconf=$VW_DIR/sta.conf

	if [ "$1" = sae ]; then
		vw_conf_variant hostapd-wpa2.conf "$hconf" vw0 "$(hostapd_ctrl ns0)" \
			wpa_key_mgmt=SAE ieee80211w=2 sae_pwe=2 sae_password=12345678
		sae_sta_conf "$VW_DIR/sta-sae.conf" 12345678 sae_pwe=2
		vw_conf_variant "$VW_DIR/sta-sae.conf" "$sconf" vw1 "$(wpas_ctrl ns1)"
		return
	fi
	vw_conf_variant hostapd-wpa2.conf "$hconf" vw0 "$(hostapd_ctrl ns0)"
	vw_conf_variant wpa_supplicant.conf "$sconf" vw1 "$(wpas_ctrl ns1)"
	# The PSK precomputed, as fleets of test stations have it: deriving it
	# from the passphrase (PBKDF2, once per interface in wpa_supplicant)
	# takes long under emulation, the same with every driver.
	psk=$(wpa_passphrase test 12345678 | sed -n 's/^[[:space:]]*psk=//p')
	[[ $psk =~ ^[0-9a-f]{64}$ ]] || { echo "wpa_passphrase gave no PSK" >&2; return 1; }
	sed -i "s/^wpa_passphrase=.*/wpa_psk=$psk/" "$hconf"
	sed -i "s/^\([[:space:]]*\)psk=.*/\1psk=$psk/" "$sconf"
}

# bench_assoc KIND N...: the radios for the largest N once, then BENCH_REPS
# runs for each N in turn with stations vw1..vwN (the others stay down), on
# the network of KIND (assoc or sae, see assoc_confs).
bench_assoc() {
	local kind=$1 max=0 count key r i v

	shift
	for count in "$@"; do
		[ "$count" -gt "$max" ] && max=$count
	done
	load_vwifi $((max + 1))
	put_in_netns vw_phy0 ns0
	for ((i = 1; i <= max; i++)); do
		put_in_netns "vw_phy$i" ns1 >/dev/null
	done
	assoc_confs "$kind" || return 1
	vw_pidfiles+=("$VW_DIR/hostapd.pid")
	for ((i = 1; i <= max; i++)); do
		vw_pidfiles+=("$VW_DIR/wpa_supplicant-$i.pid")
	done

	for count in "$@"; do
		key=${kind}_$count
		for ((r = 1; r <= BENCH_REPS; r++)); do
			printf '+ %s run %d: hostapd on vw0, wpa_supplicant on vw1..vw%d\n' "$key" "$r" "$count"
			if v=$(assoc_once "$count" "$count-$r"); then
				printf '  %s run %d: %s s\n' "$key" "$r" "$v"
				result "$key" "$BENCH_DRIVER" "$v"
			else
				printf '%s\n' "$v"
				na "$key" "$BENCH_DRIVER" "$v"
				printf -- '--- stations in the AP'"'"'s station dump: '
				ip netns exec ns0 iw dev vw0 station dump | grep -cE '^Station' || true
				printf -- '--- tail of hostapd-%s-%d.log\n' "$count" "$r"
				tail -n 30 "$VW_DIR/hostapd-$count-$r.log" || true
				printf -- '--- tail of wpa_supplicant-%s-%d-1.log\n' "$count" "$r"
				tail -n 30 "$VW_DIR/wpa_supplicant-$count-$r-1.log" || true
			fi
			for ((i = 1; i <= count; i++)); do	# all at once, then wait
				kill "$(cat "$VW_DIR/wpa_supplicant-$i.pid" 2>/dev/null)" 2>/dev/null || true
			done
			for ((i = 1; i <= count; i++)); do
				stop_pidfile "$VW_DIR/wpa_supplicant-$i.pid"
			done
			stop_pidfile "$VW_DIR/hostapd.pid"
			for ((i = 1; i <= count; i++)); do
				ip -n ns1 link set "vw$i" down
			done
			ip -n ns0 link set vw0 down
			sleep 1
		done
	done
}
