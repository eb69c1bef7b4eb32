# Builds lib/ into a static library, the programs portal, forwarder and portalctl, and the
# tests; runs the development stack (make run / make stop), the test suite (make check)
# and the benchmark (make bench). Plain GNU make; see README.md.

BUILD   ?= build
CC      ?= cc
SAN     ?=
CS_INC  := -I/usr/include/ClearSilver
CFLAGS  ?= -O2
CFLAGS  += -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE -g \
           -fstack-protector-strong -fPIE $(CS_INC) -Ilib $(shell pkg-config --cflags libpq)
LDFLAGS += -pie -Wl,-z,relro,-z,now
ifeq ($(SAN),1)
CFLAGS  += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
else
CFLAGS  += -D_FORTIFY_SOURCE=2
endif
LIBS    := -lneo_cgi -lneo_cs -lneo_utl -lz -lfcgi -lpq -lcurl -ljansson -lsodium -lm
TESTLIBS := $(shell pkg-config --libs check)

LIB_SRC := $(wildcard lib/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
PORTAL_SRC := $(filter-out cgi/forwarder.c cgi/portalctl.c,$(wildcard cgi/*.c))
PORTAL_OBJ := $(PORTAL_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
INTEG_SRC := $(wildcard tests/integration/test_*.c)
E2E_SRC := $(wildcard tests/e2e/test_*.c)
UNIT_BIN := $(UNIT_SRC:%.c=$(BUILD)/%)
INTEG_BIN := $(INTEG_SRC:%.c=$(BUILD)/%)
E2E_BIN := $(E2E_SRC:%.c=$(BUILD)/%)
PROGRAMS := $(BUILD)/portal $(BUILD)/forwarder $(BUILD)/portalctl $(BUILD)/receiver \
            $(BUILD)/smtp-sink

# objects and test programs built on the way are kept, so a second make rebuilds nothing
.SECONDARY:

.PHONY: all deps run stop install check test-ops test-unit test-services bench fuzz fuzz-build format clean
all: $(PROGRAMS)

$(BUILD)/%.o: %.c $(wildcard lib/*.h cgi/*.h tests/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(CFLAGS) -Icgi -Itests -c -o $@ $<

$(BUILD)/libportal.a: $(LIB_OBJ)
	ar rcs $@ $^

$(BUILD)/portal: $(PORTAL_OBJ) $(BUILD)/libportal.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)
$(BUILD)/forwarder: $(BUILD)/cgi/forwarder.o $(BUILD)/libportal.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)
$(BUILD)/portalctl: $(BUILD)/cgi/portalctl.o $(BUILD)/libportal.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)
# A stand-in authority endpoint for tests and the demo: records what it receives.
$(BUILD)/receiver: $(BUILD)/tests/receiver.o $(BUILD)/libportal.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)
# A stand-in mail server for tests and the demo: records the mail it receives.
$(BUILD)/smtp-sink: $(BUILD)/tests/smtp_sink.o
	$(CC) $(LDFLAGS) -o $@ $^

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/tests/testlib.o $(BUILD)/tests/tenants.o $(BUILD)/tests/memreq.o \
                  $(BUILD)/tests/feed_server.o $(BUILD)/libportal.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) $(TESTLIBS)

deps:
	@sh deploy/install-deps.sh

# The production install on this host (README "### One host"): FHS places, fixed (no
# PREFIX); DESTDIR=DIR installs into DIR as if it were / (deploy/install.sh --root).
install: all
	@sh deploy/install.sh --build $(BUILD) $(if $(DESTDIR),--root $(DESTDIR))

run: deps all
	@sh deploy/run.sh start

stop:
	@sh deploy/run.sh stop

# The whole suite: unit tests, then integration and end-to-end tests against a throwaway
# PostgreSQL + nginx + portal + forwarder, then unit and integration tests again under
# AddressSanitizer and UndefinedBehaviorSanitizer, and a short pass of every fuzzer.
check: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(INTEG_BIN) $(E2E_BIN)
	@$(MAKE) --no-print-directory BUILD=build/san SAN=1 \
	    $(UNIT_SRC:%.c=build/san/%) $(INTEG_SRC:%.c=build/san/%)
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@sh tests/run-suite.sh $(BUILD) build/san

# The operator's procedures (tests/ops): install, backup and restore, upgrade, metrics,
# failover. Minutes each; needs the operator tools of install-deps.sh ops.
test-ops: deps all
	@sh deploy/install-deps.sh ops
	@sh tests/ops/run.sh $(BUILD)

bench: deps all
	@sh tests/bench/bench.sh $(BUILD)
	@sh tests/bench/forwarder.sh $(BUILD)

# libFuzzer harnesses (tests/fuzz/), one per parser of untrusted input, built with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer against the library compiled with the
# same instrumentation. make fuzz runs each for FUZZ_SECONDS from its seed corpus in
# tests/fuzz/corpus/ (new finds go to build/fuzz/corpus/, crashes to build/fuzz/).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS  := -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer \
                $(CS_INC) -Ilib -Itests $(shell pkg-config --cflags libpq)
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_NAMES   := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN     := $(FUZZ_NAMES:%=build/fuzz/fuzz_%)
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=build/fuzz/%.o) build/fuzz/tests/memreq.o

build/fuzz/%.o: %.c $(wildcard lib/*.h tests/*.h)
	@mkdir -p $(dir $@)
	@echo "  FUZZ-CC $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c -o $@ $<
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(LIBS)

fuzz-build: deps
	@$(MAKE) --no-print-directory $(FUZZ_BIN)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_NAMES)

format:
	clang-format -i lib/*.[ch] cgi/*.[ch] tests/*.[ch] tests/*/*.c

clean:
	rm -rf build
