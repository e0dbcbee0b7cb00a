/* SPDX-License-Identifier: MIT */
/* el2sim demo: drives the model alone (no engine) through a host -> EL2 ->
 * guest -> EL2 -> host sequence of real instruction words and prints every
 * architectural state change. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_opts.h"
#include "el2sim/el2sim.h"

/* A64 encodings (Arm ARM C6.2: MRS, MSR (register), HVC, ERET, MOVZ). */
#define MRS(key, rt) (0xd5200000u | ((key) << 5) | (rt))
#define MSR(key, rt) (0xd5000000u | ((key) << 5) | (rt))
#define HVC(imm) (0xd4000002u | ((uint32_t)(imm) << 5))
#define ERET 0xd69f03e0u
#define KEY(name) (el2_sysreg_get(EL2_SR_##name)->enc)

typedef struct demo {
	el2_pe *pe;
	FILE *out;
	unsigned step;
	bool failed;
} demo;

static void print_diff(demo *d, const el2_snapshot *a, const el2_snapshot *b)
{
	el2_reg_diff diff[64];
	size_t n = el2_snapshot_diff(a, b, diff, 64);
	for (size_t i = 0; i < n && i < 64; i++) {
		if (diff[i].reg == EL2_REG_PC)
			continue;
		fprintf(d->out, "      %-12s %#018" PRIx64 " -> %#018" PRIx64 "\n",
			el2_reg_name(diff[i].reg), diff[i].before, diff[i].after);
	}
}

static const char *outcome_text(el2_outcome o)
{
	switch (o) {
	case EL2_OUT_DONE: return "done";
	case EL2_OUT_EXCEPTION: return "exception taken";
	case EL2_OUT_ERET: return "exception return";
	case EL2_OUT_WFI: return "wfi";
	case EL2_OUT_WFE: return "wfe";
	case EL2_OUT_NEED_AT: return "address translation requested";
	case EL2_OUT_SMC_EL3: return "smc to EL3 firmware";
	case EL2_OUT_NOT_SYSTEM: return "not a system instruction";
	}
	return "?";
}

/* Executes one word at the PE's PC, prints what changed, and checks the
 * outcome and resulting EL are the ones the script expects. */
static void exec(demo *d, const char *text, uint32_t insn, el2_outcome want, unsigned want_el)
{
	el2_snapshot *before = NULL, *after = NULL;
	unsigned el = el2_pe_el(d->pe);
	uint64_t pc = el2_pe_pc(d->pe);
	el2_exec_result r;
	if (el2_snapshot_take(d->pe, &before) != EL2_OK ||
	    el2_exec(d->pe, insn, &r) != EL2_OK || el2_snapshot_take(d->pe, &after) != EL2_OK) {
		fprintf(d->out, "  model error\n");
		d->failed = true;
		goto out;
	}
	fprintf(d->out, "%2u. [EL%u] %#010" PRIx64 ": %-26s (%08x)  %s", ++d->step, el, pc, text,
		insn, outcome_text(r.outcome));
	if (r.outcome == EL2_OUT_EXCEPTION || r.outcome == EL2_OUT_ERET)
		fprintf(d->out, " -> EL%u at %#" PRIx64, r.exc.target_el, el2_pe_pc(d->pe));
	fputc('\n', d->out);
	if (r.outcome == EL2_OUT_EXCEPTION && r.exc.esr) {
		char esr[256];
		el2_esr_describe(r.exc.esr, esr, sizeof(esr));
		fprintf(d->out, "      ESR: %s\n", esr);
	}
	print_diff(d, before, after);
	if (r.outcome != want || el2_pe_el(d->pe) != want_el) {
		fprintf(d->out, "  UNEXPECTED: wanted '%s' ending at EL%u\n", outcome_text(want), want_el);
		d->failed = true;
	}
out:
	el2_snapshot_free(&before);
	el2_snapshot_free(&after);
}

/* Plain instructions (MOV, B) are the engine's job; the demo sets their
 * effect directly and says so. */
static void mov(demo *d, unsigned rt, uint64_t v)
{
	el2_reg_write(d->pe, EL2_REG_X(rt), v);
	el2_reg_write(d->pe, EL2_REG_PC, el2_pe_pc(d->pe) + 4);
	fprintf(d->out, "    [EL%u] mov x%u, #%#" PRIx64 "   (ordinary instruction: the engine's job)\n",
		el2_pe_el(d->pe), rt, v);
}

static void jump(demo *d, uint64_t pc, const char *why)
{
	el2_reg_write(d->pe, EL2_REG_PC, pc);
	fprintf(d->out, "    ... %s: continue at %#" PRIx64 "\n", why, pc);
}

enum { HYP_VECTORS = 0x80000000, HOST_CODE = 0x40000000, GUEST_CODE = 0x50000000 };

static void run_nvhe(demo *d)
{
	fprintf(d->out, "== nVHE: host at EL1 calls EL2 with HVC; EL2 runs a guest at EL1 ==\n");
	/* Boot at EL2: set the vectors, then drop to the host at EL1h. */
	el2_reg_write(d->pe, EL2_REG_PC, 0x80001000);
	mov(d, 0, HYP_VECTORS);
	exec(d, "msr vbar_el2, x0", MSR(KEY(VBAR_EL2), 0), EL2_OUT_DONE, 2);
	mov(d, 0, EL2_HCR_RW);
	exec(d, "msr hcr_el2, x0", MSR(KEY(HCR_EL2), 0), EL2_OUT_DONE, 2);
	mov(d, 0, HOST_CODE);
	exec(d, "msr elr_el2, x0", MSR(KEY(ELR_EL2), 0), EL2_OUT_DONE, 2);
	mov(d, 0, EL2_PSR_MODE_EL1h | EL2_PSR_D | EL2_PSR_A | EL2_PSR_F);
	exec(d, "msr spsr_el2, x0", MSR(KEY(SPSR_EL2), 0), EL2_OUT_DONE, 2);
	exec(d, "eret", ERET, EL2_OUT_ERET, 1);

	/* Host: vcpu_run hypercall (SMCCC function id in x0). */
	mov(d, 0, 0xc6000001);
	exec(d, "hvc #0", HVC(0), EL2_OUT_EXCEPTION, 2);

	/* EL2: save the host's return state, enter the guest with TVM set. */
	exec(d, "mrs x20, elr_el2", MRS(KEY(ELR_EL2), 20), EL2_OUT_DONE, 2);
	exec(d, "mrs x21, spsr_el2", MRS(KEY(SPSR_EL2), 21), EL2_OUT_DONE, 2);
	mov(d, 0, EL2_HCR_RW | EL2_HCR_VM | EL2_HCR_TVM | EL2_HCR_IMO | EL2_HCR_FMO | EL2_HCR_AMO);
	exec(d, "msr hcr_el2, x0", MSR(KEY(HCR_EL2), 0), EL2_OUT_DONE, 2);
	mov(d, 0, GUEST_CODE);
	exec(d, "msr elr_el2, x0", MSR(KEY(ELR_EL2), 0), EL2_OUT_DONE, 2);
	mov(d, 0, EL2_PSR_MODE_EL1h);
	exec(d, "msr spsr_el2, x0", MSR(KEY(SPSR_EL2), 0), EL2_OUT_DONE, 2);
	exec(d, "eret", ERET, EL2_OUT_ERET, 1);

	/* Guest: a write to SCTLR_EL1 traps (HCR_EL2.TVM), then a hypercall. */
	mov(d, 1, 0x30d00801);
	exec(d, "msr sctlr_el1, x1", MSR(KEY(SCTLR_EL1), 1), EL2_OUT_EXCEPTION, 2);
	exec(d, "mrs x2, esr_el2", MRS(KEY(ESR_EL2), 2), EL2_OUT_DONE, 2);
	exec(d, "mrs x3, elr_el2", MRS(KEY(ELR_EL2), 3), EL2_OUT_DONE, 2);
	mov(d, 3, GUEST_CODE + 4);
	exec(d, "msr elr_el2, x3", MSR(KEY(ELR_EL2), 3), EL2_OUT_DONE, 2);
	exec(d, "eret", ERET, EL2_OUT_ERET, 1);
	exec(d, "hvc #1", HVC(1), EL2_OUT_EXCEPTION, 2);

	/* EL2: back to the host with its saved state and an exit code. */
	mov(d, 0, EL2_HCR_RW);
	exec(d, "msr hcr_el2, x0", MSR(KEY(HCR_EL2), 0), EL2_OUT_DONE, 2);
	exec(d, "msr elr_el2, x20", MSR(KEY(ELR_EL2), 20), EL2_OUT_DONE, 2);
	exec(d, "msr spsr_el2, x21", MSR(KEY(SPSR_EL2), 21), EL2_OUT_DONE, 2);
	mov(d, 0, 0);
	exec(d, "eret", ERET, EL2_OUT_ERET, 1);
	jump(d, el2_pe_pc(d->pe), "host resumes after its hvc");
}

static void run_vhe(demo *d)
{
	fprintf(d->out, "\n== VHE: host at EL2 (E2H=TGE=1) runs a guest; PAN/UAO on return ==\n");
	el2_reg_write(d->pe, EL2_REG_PC, 0x80002000);
	mov(d, 0, EL2_HCR_RW | EL2_HCR_E2H | EL2_HCR_TGE);
	exec(d, "msr hcr_el2, x0", MSR(KEY(HCR_EL2), 0), EL2_OUT_DONE, 2);
	mov(d, 0, HYP_VECTORS);
	exec(d, "msr vbar_el1, x0  (-> VBAR_EL2)", MSR(KEY(VBAR_EL1), 0), EL2_OUT_DONE, 2);
	mov(d, 0, EL2_HCR_RW | EL2_HCR_E2H | EL2_HCR_VM | EL2_HCR_IMO | EL2_HCR_FMO | EL2_HCR_AMO);
	exec(d, "msr hcr_el2, x0  (TGE=0)", MSR(KEY(HCR_EL2), 0), EL2_OUT_DONE, 2);
	mov(d, 0, GUEST_CODE);
	exec(d, "msr elr_el2, x0", MSR(KEY(ELR_EL2), 0), EL2_OUT_DONE, 2);
	mov(d, 0, EL2_PSR_MODE_EL1h);
	exec(d, "msr spsr_el2, x0", MSR(KEY(SPSR_EL2), 0), EL2_OUT_DONE, 2);
	exec(d, "eret", ERET, EL2_OUT_ERET, 1);
	exec(d, "hvc #0", HVC(0), EL2_OUT_EXCEPTION, 2);
	mov(d, 0, EL2_HCR_RW | EL2_HCR_E2H | EL2_HCR_TGE);
	exec(d, "msr hcr_el2, x0  (TGE=1)", MSR(KEY(HCR_EL2), 0), EL2_OUT_DONE, 2);
	fprintf(d->out, "    exception entry to EL2 cleared PSTATE.UAO; a VHE host that needs it\n"
			"    must set it again, or run without UAO from then on\n");
}

static void usage(FILE *f)
{
	fputs("usage: el2sim demo [--nvhe-only|--vhe-only]\n\n"
	      "Drives the architectural model alone (no engine, no object file) through a\n"
	      "host -> EL2 -> guest -> EL2 -> host sequence of real instruction words,\n"
	      "first without VHE, then with VHE, and prints each state change.\n\n"
	      "options:\n"
	      "  --nvhe-only      only the sequence without VHE (HCR_EL2.E2H = 0)\n"
	      "  --vhe-only       only the sequence with VHE (HCR_EL2.E2H = TGE = 1)\n"
	      "  -h, --help       this text\n\n"
	      "exit status: 0 the model behaved as the script expects, 1 it did not,\n"
	      "2 bad command line.\n\n"
	      "examples:\n"
	      "  el2sim demo\n"
	      "  el2sim demo --vhe-only | less\n", f);
}

enum { OPT_NVHE_ONLY = 0x100, OPT_VHE_ONLY };

static int handle(void *ctx, int opt, const char *arg, char *err, size_t errlen)
{
	bool *want = ctx; /* [0] nVHE, [1] VHE */
	(void)arg;
	(void)err;
	(void)errlen;
	if (opt == OPT_NVHE_ONLY)
		want[1] = false;
	else
		want[0] = false;
	return EL2_EXIT_OK;
}

int cmd_demo(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{"nvhe-only", no_argument, NULL, OPT_NVHE_ONLY},
		{"vhe-only", no_argument, NULL, OPT_VHE_ONLY},
		{NULL, 0, NULL, 0},
	};
	bool want[2] = {true, true};
	bool help;
	int operand;
	char msg[256];
	int rc = cli_getopt("demo", argc, argv, opts, handle, want, &help, &operand, msg,
			    sizeof(msg));
	if (rc == EL2_EXIT_OK && help) {
		usage(stdout);
		return EL2_EXIT_OK;
	}
	if (rc == EL2_EXIT_OK && operand != argc) {
		snprintf(msg, sizeof(msg), "unexpected argument '%s' (demo takes no file; see "
			 "'el2sim demo --help')", argv[operand]);
		rc = EL2_EXIT_USAGE;
	}
	if (rc == EL2_EXIT_OK && !want[0] && !want[1]) {
		snprintf(msg, sizeof(msg), "--nvhe-only and --vhe-only exclude each other");
		rc = EL2_EXIT_USAGE;
	}
	if (rc != EL2_EXIT_OK) {
		fprintf(stderr, "el2sim demo: %s\n", msg);
		return rc;
	}
	bool nvhe = want[0], vhe = want[1];
	el2_config cfg = el2_config_default();
	demo d = {.out = stdout};
	el2_err err = el2_pe_new(&cfg, &d.pe);
	if (err) {
		fprintf(stderr, "el2sim demo: %s\n", el2_strerror(err));
		return EL2_EXIT_INPUT;
	}
	if (nvhe)
		run_nvhe(&d);
	if (vhe) {
		el2_pe_reset(d.pe);
		run_vhe(&d);
	}
	el2_pe_free(&d.pe);
	if (d.failed) {
		fprintf(stderr, "el2sim demo: the model did not behave as the script expects\n");
		return EL2_EXIT_FINDINGS;
	}
	return EL2_EXIT_OK;
}
