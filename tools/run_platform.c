/* SPDX-License-Identifier: MIT */
/* The platform of `el2sim run`/`trace` for bare-metal programs written for
 * QEMU's virt board (docs/cli.md): a PL011 UART (--console) and PSCI
 * firmware (--psci). PL011: Arm PrimeCell UART (PL011) Technical Reference
 * Manual, DDI 0183, 3.3 (UARTDR 0x000, UARTFR 0x018). PSCI: Arm Power State
 * Coordination Interface, DEN 0022, 5.1 (function IDs) and 5.2.2 (return
 * codes); SMC Calling Convention DEN 0028 (result in x0). */
#include "run_platform.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "el2sim/exec.h"
#include "el2sim/sysreg.h"

#define UARTDR 0x000u
#define UARTFR 0x018u
#define UARTFR_RXFE (1u << 4) /* receive FIFO empty: no input, ever */
#define UARTFR_TXFE (1u << 7) /* transmit FIFO empty: every byte is out at once */

#define PSCI_VERSION 0x84000000u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PSCI_FEATURES 0x8400000au
#define PSCI_NOT_SUPPORTED UINT64_MAX /* -1 */
#define PSCI_1_1 0x00010001u

static void console_write(void *ctx, uint64_t off, unsigned size, uint64_t value)
{
	run_platform *p = ctx;
	if (off != UARTDR)
		return; /* control registers: accepted, no effect */
	fputc((int)(value & 0xff), p->out);
	p->console_bytes++;
	if ((value & 0xff) == '\n')
		fflush(p->out);
}

static uint64_t console_read(void *ctx, uint64_t off, unsigned size)
{
	(void)ctx;
	return off == UARTFR ? UARTFR_TXFE | UARTFR_RXFE : 0;
}

int run_platform_open(run_platform *p, const run_args *a, el2_engine *eng, char *err,
		      size_t errlen)
{
	memset(p, 0, sizeof(*p));
	p->psci = a->psci;
	p->out = a->json ? stderr : stdout;
	if (!a->has_console)
		return 0;
	el2_err e = el2_engine_map_device(eng, a->console, EL2_MEM_PAGE_SIZE, console_read,
					  console_write, p);
	if (e) {
		snprintf(err, errlen, "--console 0x%" PRIx64 ": %s", a->console,
			 e == EL2_ERR_MEM_OVERLAP ? "overlaps a memory region" : el2_strerror(e));
		return -1;
	}
	return 0;
}

/* Answers the call in x0 (PSCI or another SMCCC function); true when it
 * ends the run. */
static bool psci_call(run_platform *p, el2_pe *pe)
{
	uint64_t fid = 0, arg = 0, ret = PSCI_NOT_SUPPORTED;
	el2_reg_read(pe, EL2_REG_X(0), &fid);
	el2_reg_read(pe, EL2_REG_X(1), &arg);
	fid &= 0xffffffffu; /* SMCCC: the function ID is W0 */
	p->psci_calls++;
	switch (fid) {
	case PSCI_VERSION: ret = PSCI_1_1; break;
	case PSCI_FEATURES:
		arg &= 0xffffffffu;
		ret = arg == PSCI_VERSION || arg == PSCI_FEATURES || arg == PSCI_SYSTEM_OFF ||
				      arg == PSCI_SYSTEM_RESET
			      ? 0
			      : PSCI_NOT_SUPPORTED;
		break;
	case PSCI_SYSTEM_OFF: p->ended = "SYSTEM_OFF"; return true;
	case PSCI_SYSTEM_RESET: p->ended = "SYSTEM_RESET"; return true;
	default: break;
	}
	el2_reg_write(pe, EL2_REG_X(0), ret);
	return false;
}

/* An HVC taken to EL2 from below with a PSCI call: answered as EL2
 * firmware would, and returned from with ERET (the model performs it). */
static bool hvc_psci(run_platform *p, el2_pe *pe, bool *ended)
{
	uint64_t esr = 0, spsr = 0, fid = 0;
	el2_reg_read(pe, EL2_SYSREG(ESR_EL2), &esr);
	el2_reg_read(pe, EL2_SYSREG(SPSR_EL2), &spsr);
	el2_reg_read(pe, EL2_REG_X(0), &fid);
	unsigned from_el = (unsigned)((spsr & EL2_PSR_EL) >> EL2_PSR_EL_SHIFT);
	bool psci_range = (fid & 0xff000000u) == 0x84000000u || (fid & 0xff000000u) == 0xc4000000u;
	if (EL2_ESR_EC(esr) != EL2_EC_HVC64 || from_el == 2 || !psci_range)
		return false;
	*ended = psci_call(p, pe);
	if (!*ended) {
		el2_exec_result r;
		el2_exec(pe, 0xd69f03e0u /* eret */, &r);
	}
	return true;
}

typedef struct psci_ctx {
	run_platform *p;
	el2_pe *pe;
} psci_ctx;

/* run_engine's resume: a PSCI call answered goes on, SYSTEM_OFF/RESET ends. */
static bool psci_resume(void *ctx, const el2_run_result *res)
{
	psci_ctx *c = ctx;
	bool ended = false;
	if (c->p->psci == RUN_PSCI_SMC && res->reason == EL2_STOP_SMC_EL3)
		return !psci_call(c->p, c->pe);
	if (c->p->psci == RUN_PSCI_HVC && res->reason == EL2_STOP_EXCEPTION)
		/* any other exception to EL2 goes on at its vector */
		return !hvc_psci(c->p, c->pe, &ended) || !ended;
	return false;
}

el2_err run_platform_run(run_platform *p, el2_engine *eng, el2_pe *pe,
			 const el2_run_opts *opts, bool progress, el2_run_result *res)
{
	el2_run_opts o = *opts;
	if (p->psci == RUN_PSCI_HVC)
		o.stop_on_exception_to = 2;
	psci_ctx c = {p, pe};
	el2_err e = run_engine(eng, &o, progress, psci_resume, &c, res);
	if (e)
		return e;
	fflush(p->out);
	return EL2_OK;
}
