# vwifi top-level build.
#   make            build vwifi.ko against this host's kernel (or KDIR=...)
#                   and tool/vwifi-tool, medium/vwifi-medium
#   make check      unit tests + every scenario in QEMU on Debian's 6.1, 6.12
#                   and 7 (sid, built in a chroot) kernels, and the fast
#                   cross-VM case on 7; SERIES="7" (or "6.1 6.12") for some
#   make check-vm   the cross-VM scenarios make check leaves out (guests joined
#                   through vwifi-medium or a bridge), 6.1, 6.12 and 7; SERIES=
#   make demo       boot a guest and run the classic AP + two stations walkthrough
#   make unit       user-space unit tests of the shared core only
#   make tool-check unit tests of vwifi-tool (no module needed)
#   make medium-check unit and loopback tests of vwifi-medium (no module needed)
#   make lint       sparse and W=1 warnings over the driver, against the 6.1
#                   and 6.12 headers (KDIR=... for one); needs sparse
#   make style      checkpatch.pl --strict over the driver, the core and the
#                   uapi header (checkpatch from Debian's linux-source-6.1)
#   make bench      vwifi beside mac80211_hwsim and veth in one QEMU guest, and
#                   vwifi-medium on loopback; table in build/bench/results.md
#   make fuzz       every libFuzzer harness of tests/fuzz for FUZZ_TIME seconds
#                   each (default 30; needs clang); not part of check
#   make install    (as root) vwifi.ko into /lib/modules/$(KVER)/updates/ and
#                   depmod; vwifi-tool, vwifi-medium, their man pages, the bash
#                   completion and examples/ under $(PREFIX) (/usr/local);
#                   DESTDIR honoured
#   make uninstall  removes exactly what make install put there
#   make check-install  make install/uninstall into a scratch DESTDIR, then the
#                   Debian packages built, installed (DKMS builds the module
#                   for 6.1), booted in QEMU with the installed vwifi-tool,
#                   purged (tests/check-install.sh)

KVER ?= $(shell uname -r)
KDIR ?= $(firstword $(wildcard /lib/modules/$(KVER)/build) \
		    $(lastword $(sort $(wildcard /usr/src/linux-headers-*-amd64))))

.PHONY: all module tool tool-check medium medium-check unit check check-vm demo clean lint bench fuzz
.PHONY: install uninstall check-install

all: module tool medium

module:
	@test -n "$(KDIR)" || { echo "error: no kernel headers found; set KDIR=" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR)/driver modules
	cp driver/vwifi.ko vwifi.ko

tool:
	$(MAKE) -C tool

tool-check:
	$(MAKE) -C tool check

medium:
	$(MAKE) -C medium

medium-check:
	$(MAKE) -C medium check

unit:
	$(MAKE) -C tests/unit run

# The tool goes into the guests when built; without libnl its scenarios skip.
check:
	-$(MAKE) -C tool
	-$(MAKE) -C medium
	$(if $(SERIES),VW_SERIES='$(SERIES)') tests/check.sh

check-vm:
	-$(MAKE) -C tool
	-$(MAKE) -C medium
	$(if $(SERIES),VW_SERIES='$(SERIES)') tests/check-vm.sh

demo:
	tests/demo.sh

# not part of check: figures, never assertions (bench/run.sh for settings)
bench:
	bench/run.sh

# not part of check either: a bounded run; long runs and figures in README.md
FUZZ_TIME ?= 30
fuzz:
	$(MAKE) -C tests/fuzz run FUZZ_TIME=$(FUZZ_TIME)

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR)/driver clean
	$(MAKE) -C tests/unit clean
	$(MAKE) -C medium clean
	$(MAKE) -C tool clean
	rm -rf build vwifi.ko

# sparse (and W=1) over the driver and the core it compiles in, on both
# kernels; a KDIR given to make (command line or environment) reaches the
# script through the environment and picks one.
# Ends "lint: N passed, N failed".
lint:
	tests/lint.sh

# checkpatch.pl --strict, a verdict per file.
# Ends "style: N passed, N failed".
.PHONY: style
style:
	tests/style.sh

# Install: the module where modprobe finds it before the kernel's own tree,
# the rest under PREFIX. VW_INSTALLED is the one list both targets use.
PREFIX ?= /usr/local
VW_MODDIR = /lib/modules/$(KVER)/updates
VW_DOCDIR = $(PREFIX)/share/doc/vwifi
VW_EXAMPLES := $(notdir $(wildcard examples/*))
VW_INSTALLED = $(VW_MODDIR)/vwifi.ko \
	$(PREFIX)/sbin/vwifi-tool $(PREFIX)/sbin/vwifi-medium \
	$(PREFIX)/share/man/man8/vwifi-tool.8 $(PREFIX)/share/man/man8/vwifi-medium.8 \
	$(PREFIX)/share/bash-completion/completions/vwifi-tool \
	$(VW_EXAMPLES:%=$(VW_DOCDIR)/examples/%)

install: module tool medium
	install -D -m 0644 vwifi.ko $(DESTDIR)$(VW_MODDIR)/vwifi.ko
	install -D -m 0755 tool/vwifi-tool $(DESTDIR)$(PREFIX)/sbin/vwifi-tool
	install -D -m 0755 medium/vwifi-medium $(DESTDIR)$(PREFIX)/sbin/vwifi-medium
	install -D -m 0644 tool/vwifi-tool.8 $(DESTDIR)$(PREFIX)/share/man/man8/vwifi-tool.8
	install -D -m 0644 medium/vwifi-medium.8 $(DESTDIR)$(PREFIX)/share/man/man8/vwifi-medium.8
	install -D -m 0644 tool/vwifi-tool.bash \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/vwifi-tool
	install -d $(DESTDIR)$(VW_DOCDIR)/examples
	install -m 0644 $(VW_EXAMPLES:%=examples/%) $(DESTDIR)$(VW_DOCDIR)/examples/
# Into a staging DESTDIR depmod would write an index of vwifi.ko alone, wrong
# for the real system; whoever installs the staged files runs depmod there.
ifeq ($(DESTDIR),)
	depmod $(KVER)
endif

# Only the files install wrote, and the directories that are vwifi's alone.
uninstall:
	rm -f $(addprefix $(DESTDIR),$(VW_INSTALLED))
	for d in $(DESTDIR)$(VW_DOCDIR)/examples $(DESTDIR)$(VW_DOCDIR); do \
		[ ! -d $$d ] || rmdir --ignore-fail-on-non-empty $$d; done
ifeq ($(DESTDIR),)
	depmod $(KVER)
endif

check-install:
	tests/check-install.sh
