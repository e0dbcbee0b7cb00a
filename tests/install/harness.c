/* SPDX-License-Identifier: MIT */
/* Install smoke test: a program built only from the installed headers and
 * library (pkg-config el2sim) takes an HVC from EL1 to EL2. */
#include <el2sim/el2sim.h>
#include <stdio.h>

int main(void)
{
	el2_config cfg = el2_config_default();
	el2_pe *pe = NULL;
	if (el2_pe_new(&cfg, &pe) != EL2_OK)
		return 1;
	el2_reg_write(pe, EL2_REG_PSTATE, EL2_PSR_MODE_EL1h);
	el2_exec_result r;
	el2_exec(pe, 0xd4000002 /* hvc #0 */, &r);
	char text[200];
	el2_esr_describe(r.exc.esr, text, sizeof(text));
	printf("installed libel2sim: %s\n", text);
	int ok = r.outcome == EL2_OUT_EXCEPTION && r.exc.target_el == 2 && EL2_ESR_EC(r.exc.esr) == EL2_EC_HVC64;
	el2_pe_free(&pe);
	return ok ? 0 : 1;
}
