# jidx build. Targets: all (default), check (fast unit tests), test (everything),
# bench, install/uninstall (PREFIX, DESTDIR), deps (Debian packages), clean.
# User CFLAGS/CPPFLAGS/LDFLAGS are kept; the project's warnings are appended.
# SANITIZE=address,undefined or SANITIZE=thread builds instrumented binaries
# into a separate build directory so plain and sanitized objects never mix.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
CC      ?= cc
CFLAGS  ?= -O2 -g
V       ?= 0
Q        = $(if $(filter 1,$(V)),,@)

JX_WARN  = -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes \
           -Wmissing-prototypes -Wno-unused-parameter
JX_STD   = -std=c11 -D_GNU_SOURCE -pthread
JX_INC   = -Icommon -Iingest -Iindex -Iquery -Ibench
ifeq ($(DEV),1)
JX_WARN += -Werror
endif

BUILD    = build
ifneq ($(SANITIZE),)
BUILD    = build-$(subst $(comma),-,$(SANITIZE))
JX_SAN   = -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
endif
comma := ,

ALL_CFLAGS  = $(JX_STD) $(JX_WARN) $(JX_INC) $(CPPFLAGS) $(CFLAGS) $(JX_SAN)
ALL_LDFLAGS = $(LDFLAGS) $(JX_SAN) -pthread
LIBS        = -l:liblz4.a -lxxhash -lm

LIB_SRC  = $(wildcard common/*.c ingest/*.c index/*.c query/*.c bench/*.c)
CLI_SRC  = $(wildcard cli/*.c)
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
LIBJX    = $(BUILD)/libjidx.a
JIDX     = $(BUILD)/jidx

TEST_SRC = $(wildcard tests/test_*.c)
TEST_BIN = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TEST_HLP = $(filter-out tests/test_%.c,$(wildcard tests/*.c))
TEST_HOBJ= $(TEST_HLP:%.c=$(BUILD)/%.o)

.PHONY: all check test bench demo install uninstall deps clean format
.SECONDARY:
# ./jidx always points at the plain (unsanitized) build, so timings taken
# through it are never those of an instrumented binary.
ifeq ($(SANITIZE),)
all: $(JIDX) jidx
jidx: $(JIDX)
	$(Q)ln -sf $(JIDX) jidx
else
all: $(JIDX)
endif

$(JIDX): $(CLI_OBJ) $(LIBJX)
	@echo "  LD      $@"
	$(Q)$(CC) -o $@ $(CLI_OBJ) $(LIBJX) $(ALL_LDFLAGS) $(LIBS)

$(LIBJX): $(LIB_OBJ)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/test_%: tests/test_%.c $(TEST_HOBJ) $(LIBJX)
	@mkdir -p $(dir $@)
	@echo "  TEST-LD $@"
	$(Q)$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(TEST_HOBJ) $(LIBJX) $(ALL_LDFLAGS) -lcmocka $(LIBS)

# check: the fast unit tests (seconds). test: check + end-to-end scripts.
check: $(TEST_BIN) $(JIDX)
	$(Q)JIDX=$(abspath $(JIDX)) tests/run-tests.sh unit $(TEST_BIN)

test: $(TEST_BIN) $(JIDX)
	$(Q)JIDX=$(abspath $(JIDX)) tests/run-tests.sh all $(TEST_BIN)

bench: $(JIDX)
	$(Q)$(JIDX) bench $(BENCH_ARGS)

# demo: the README's main job on built-in sample data: generate a small
# two-system chain, index it, ask questions. Safe to run again.
DEMO = $(BUILD)/demo
demo: $(JIDX)
	$(Q)rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(JIDX) gen -o $(DEMO)/receivers --entries 200000 --systems 2 --days 30 --receiver-entries 50000 --plant qsecofr-pw-burst,allobj-grant
	$(JIDX) ingest -o $(DEMO)/index $(DEMO)/receivers
	$(JIDX) info $(DEMO)/index | head -20
	$(JIDX) query $(DEMO)/index --type CD --object CHGUSRPRF --group-by user
	$(JIDX) query $(DEMO)/index --type PW --target-user QSECOFR --limit 5
	$(JIDX) report signon-failures $(DEMO)/index --top 5

install: $(JIDX)
	install -d $(DESTDIR)$(BINDIR)
	install -m 0755 $(JIDX) $(DESTDIR)$(BINDIR)/jidx

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/jidx

deps:
	scripts/setup

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) $(wildcard */*.h) $(TEST_SRC)

clean:
	rm -rf build build-* jidx

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
