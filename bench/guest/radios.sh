# shellcheck shell=bash
# bench/guest/radios.sh: BENCH_RADIOS radios at once. Both drivers create
# them the same way: the module loaded with no radio, then one process
# (build/bench/nlradios, bench/nlradios.c) asks for them one by one over
# generic netlink. (Module load is no way to compare: mac80211_hwsim's
# radios= stops at 100.)
#
# A run: load with no radio, settle, read /proc/meminfo, create, wait until
# N wiphys exist (the time), settle, read /proc/meminfo again (the memory:
# radios only, the module's own memory is in both readings), unload (timed
# too). cfg80211 and mac80211 stay loaded throughout.
#
# Keys: radios_time, radios_unload (s), radios_avail (MemAvailable drop per
# radio, KiB), radios_slab (Slab growth per radio, KiB).

wiphy_count() {
	local c=0 p

	for p in /sys/class/ieee80211/*; do
		[ -e "$p" ] && c=$((c + 1))
	done
	printf '%s\n' "$c"
}

wiphys_are() {
	[ "$(wiphy_count)" -eq "$1" ]
}

# load_driver N: the driver with N radios of its own.
load_driver() {
	case $VW_DRIVER in
	vwifi) insmod "$VW_KO" "station=$1" ;;
	hwsim) modprobe mac80211_hwsim "radios=$1" ;;
	esac
}

driver_module() {
	case $VW_DRIVER in
	vwifi) printf 'vwifi\n' ;;
	hwsim) printf 'mac80211_hwsim\n' ;;
	esac
}

# radios_once N: one run, printing "time avail slab unload" or a reason.
# Runs in a subshell: vw_module is the caller's to set.
radios_once() {
	local count=$1 mod a0 s0 a1 s1 t0 t1 t2 t3

	mod=$(driver_module)
	printf '+ load %s with no radio\n' "$mod" >&2
	load_driver 0 >&2 || { echo "loading $mod with no radio failed"; return 1; }
	settle
	a0=$(meminfo MemAvailable) s0=$(meminfo Slab)
	printf '+ nlradios %s %s\n' "$VW_DRIVER" "$count" >&2
	t0=$(now_ns)
	"$BENCH_NLRADIOS" "$VW_DRIVER" "$count" >&2 2>"$VW_DIR/nlradios.err" || {
		cat "$VW_DIR/nlradios.err" >&2
		head -n 1 "$VW_DIR/nlradios.err"
		return 1
	}
	if ! wait_for 600 wiphys_are "$count" >&2; then
		printf '%s of %s radios after 600 s\n' "$(wiphy_count)" "$count"
		return 1
	fi
	t1=$(now_ns)
	settle
	a1=$(meminfo MemAvailable) s1=$(meminfo Slab)
	printf '  MemAvailable %s -> %s KiB, Slab %s -> %s KiB\n' "$a0" "$a1" "$s0" "$s1" >&2
	t2=$(now_ns)
	if ! timeout 600 rmmod "$mod" >&2; then
		echo "rmmod $mod with $count radios failed or took over 600 s"
		return 1
	fi
	t3=$(now_ns)
	wait_for 60 wiphys_are 0 >&2 || { echo "$(wiphy_count) wiphys left after rmmod"; return 1; }
	awk -v n="$count" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" \
		-v a0="$a0" -v a1="$a1" -v s0="$s0" -v s1="$s1" 'BEGIN {
			printf "%.3f %.2f %.2f %.3f\n", (t1 - t0) / 1e9, (a0 - a1) / n,
				(s1 - s0) / n, (t3 - t2) / 1e9
		}'
}

bench_radios() {
	local count=$BENCH_RADIOS k r v why dep vals=()
	local keys=(radios_time radios_avail radios_slab radios_unload)

	case $VW_DRIVER in
	vwifi)
		[ -f "$VW_KO" ] || fail "no vwifi.ko at $VW_KO"
		for dep in $(modinfo -F depends "$VW_KO" | tr ',' ' '); do
			pp modprobe "$dep"
		done
		;;
	hwsim) pp modprobe mac80211 ;;
	esac
	wiphys_are 0 || fail "$(wiphy_count) wiphys exist before the first run"
	if [ ! -x "${BENCH_NLRADIOS:-}" ]; then
		for k in "${keys[@]}"; do
			na "$k" "$BENCH_DRIVER" "bench/nlradios.c did not build (libnl-genl-3-dev?)"
		done
		return 0
	fi

	for ((r = 1; r <= BENCH_REPS; r++)); do
		# The cleanup unloads it if a run stops half-way.
		vw_module=$(driver_module)
		if v=$(radios_once "$count"); then
			vw_module=
			read -r -a vals <<<"$v"
			printf '  run %d: %s radios in %s s, %s KiB available and %s KiB slab each, unload %s s\n' \
				"$r" "$count" "${vals[0]}" "${vals[1]}" "${vals[2]}" "${vals[3]}"
			for k in 0 1 2 3; do
				result "${keys[$k]}" "$BENCH_DRIVER" "${vals[$k]}"
			done
		else
			why=$v
			printf '%s\n' "$why"
			for k in "${keys[@]}"; do
				na "$k" "$BENCH_DRIVER" "$why"
			done
			if [ -d "/sys/module/$vw_module" ]; then
				pp timeout 600 rmmod "$vw_module" || true
			fi
			# A driver that cannot be unloaded ends the runs here.
			[ -d "/sys/module/$vw_module" ] && return 0
			vw_module=
		fi
	done
}
