/* SPDX-License-Identifier: MIT */
/* The checker's profile parser (every error names its line and what is
 * wrong), tags (encode/describe round trip), and reports (a seed gives
 * byte-identical JSON; JUnit has one testcase per property). */
#include "check_test_util.h"

#include "check_internal.h"

static el2_check_profile *parse_ok(const char *text)
{
	el2_check_profile *p = NULL;
	char err[256];
	el2_err e = el2_check_profile_parse(text, strlen(text), &p, err, sizeof(err));
	if (e)
		fail_msg("unexpected error: %s", err);
	return p;
}

static void test_profile_sections_and_values_are_parsed(void **state)
{
	(void)state;
	el2_check_profile *p = parse_ok(
		"# comment\n[world]\nmode = vhe\nrun = call __vhe_run\nunknown_hvc = 0xc600ffff\n"
		"context = alloc 0x1000\nentry_asm = a b, c\n[el2]\nvbar_el2 = vec+0x800\n"
		"[memory]\nimg = 0x40000000 0x200000 host,hyp\n"
		"[guest]\nx0 = 0\nv0 = 0x10\nsctlr_el1 = 0x20 ; comment\n"
		"[host]\npreserve = x19-x20 d8-d9 sp\nexit_abi = x0 x1\npstate = daif pan\n");
	assert_int_equal(p->mode, EL2_CHECK_MODE_VHE);
	assert_true(p->has_run_call);
	assert_string_equal(p->run_call.sym, "__vhe_run");
	assert_int_equal(p->unknown_hvc, 0xc600ffff);
	assert_true(p->ctx_alloc);
	assert_int_equal(p->context.num, 0x1000);
	assert_int_equal(p->n_entry_asm, 3);
	assert_string_equal(p->entry_asm[2], "c");
	assert_int_equal(p->n_el2, 1);
	assert_int_equal(p->el2[0].reg, EL2_SYSREG(VBAR_EL2));
	assert_string_equal(p->el2[0].v.sym, "vec");
	assert_int_equal(p->el2[0].v.num, 0x800);
	assert_int_equal(p->n_mem, 1);
	assert_int_equal(p->mem[0].attrs, EL2_MEM_HOST | EL2_MEM_HYP);
	assert_int_equal(p->n_guest, 3);
	assert_int_equal(p->guest[1].reg, EL2_REG_V(0));
	assert_int_equal(p->guest[2].reg, EL2_SYSREG(SCTLR_EL1));
	assert_int_equal(p->guest[2].off, 0x20);
	assert_int_equal(p->n_preserve, 5);
	assert_int_equal(p->preserve[2].reg, EL2_REG_V(8));
	assert_true(p->preserve[2].lo64);
	assert_int_equal(p->preserve[4].reg, EL2_REG_SP);
	assert_int_equal(p->n_exit_abi, 2);
	assert_int_equal(p->pstate_fields, CHK_PS_DAIF | CHK_PS_PAN);
	el2_check_profile_free(&p);
	assert_null(p);
}

/* ELR_EL2/SPSR_EL2 slots are the guest's PC/PSTATE; [config] keeps the
 * guest's configuration with where the host puts it. */
static void test_guest_aliases_and_config_are_parsed(void **state)
{
	(void)state;
	el2_check_profile *p = parse_ok("[guest]\nelr_el2 = 0x100\nspsr_el2 = 0x108\n"
					"esr_el2 = 0x200\n[config]\nhcr_el2 = 0x228 0x8000003b\n"
					"vttbr_el2 = vcpu+0x40 auto\n");
	assert_int_equal(p->n_guest, 3);
	assert_int_equal(p->guest[0].reg, EL2_REG_PC);
	assert_int_equal(p->guest[1].reg, EL2_REG_PSTATE);
	assert_int_equal(p->guest[2].reg, EL2_SYSREG(ESR_EL2));
	assert_int_equal(p->n_config, 2);
	el2_check_profile_free(&p);
	p = parse_ok("[config]\nhcr_el2 = 0x228 0x8000003b\nvttbr_el2 = vcpu+0x40 auto\n");
	assert_int_equal(p->config[0].reg, EL2_SYSREG(HCR_EL2));
	assert_false(p->config[0].at_symbol);
	assert_int_equal(p->config[0].loc.num, 0x228);
	assert_int_equal(p->config[0].val.num, 0x8000003b);
	assert_true(p->config[1].at_symbol);
	assert_string_equal(p->config[1].loc.sym, "vcpu");
	assert_int_equal(p->config[1].loc.num, 0x40);
	assert_true(p->config[1].is_auto);
	assert_false(p->stage2_tables);
	el2_check_profile_free(&p);
	p = parse_ok("[world]\nstage2 = tables\n");
	assert_true(p->stage2_tables);
	el2_check_profile_free(&p);
}

/* [exit_codes]: scenario names as keys, C numbers (negative: two's
 * complement), scenarios left out are not declared. */
static void test_exit_codes_section_is_parsed(void **state)
{
	(void)state;
	el2_check_profile *p = parse_ok("[exit_codes]\nhvc = 1\nmmio = 0x2\nS2PERM = 03\n"
					"unknown_hvc = -1 # SMCCC NOT_SUPPORTED\n");
	assert_int_equal(p->exit_code_set,
			 1u << SC_HVC | 1u << SC_MMIO | 1u << SC_S2PERM | 1u << SC_UNKNOWN_HVC);
	assert_int_equal(p->exit_code[SC_HVC], 1);
	assert_int_equal(p->exit_code[SC_MMIO], 2);
	assert_int_equal(p->exit_code[SC_S2PERM], 3);
	assert_true(p->exit_code[SC_UNKNOWN_HVC] == UINT64_MAX);
	el2_check_profile_free(&p);
}

/* [fp] handoff and 32-bit FPSR/FPCR slots (Linux's user_fpsimd_state). */
static void test_fp_handoff_and_32_bit_fp_slots_are_parsed(void **state)
{
	(void)state;
	el2_check_profile *p = parse_ok(
		"[guest]\nfpsr = 0x500 u32\nfpcr = 0x504 U32\nx0 = 0x508 ; no overlap\n"
		"[fp]\nswitch = handoff\nowner = 0x228 4 2 0x6\nhost_save = task+0x10\n");
	assert_int_equal(p->n_guest, 3);
	assert_int_equal(chk_slot_size(&p->guest[0]), 4);
	assert_int_equal(chk_slot_size(&p->guest[1]), 4);
	assert_int_equal(chk_slot_size(&p->guest[2]), 8);
	assert_int_equal(p->fp_switch, CHK_FP_HANDOFF);
	assert_false(p->fp_owner.is_sym);
	assert_int_equal(p->fp_owner.num, 0x228);
	assert_int_equal(p->fp_owner_size, 4);
	assert_int_equal(p->fp_owner_guest, 2);
	assert_int_equal(p->fp_owner_mask, 6);
	assert_true(p->fp_host_save.is_sym);
	assert_string_equal(p->fp_host_save.sym, "task");
	assert_int_equal(p->fp_host_save.num, 0x10);
	el2_check_profile_free(&p);
	p = parse_ok("[fp]\nowner = vcpu+8 1 1\nswitch = handoff\nhost_save = 0x40\n"
		     "owner_init = 0\nhost_save_ptr = 0x7a8\n");
	assert_int_equal(p->fp_owner_mask, 0xff);
	assert_false(p->fp_host_save.is_sym);
	assert_true(p->has_fp_owner_init);
	assert_int_equal(p->fp_owner_init, 0);
	assert_true(p->has_fp_host_save_ptr);
	assert_int_equal(p->fp_host_save_ptr.num, 0x7a8);
	el2_check_profile_free(&p);
	p = parse_ok("[guest]\nfpcr = 0x10 u64\n"); /* the default width, said explicitly */
	assert_int_equal(p->fp_switch, CHK_FP_EAGER);
	assert_int_equal(chk_slot_size(&p->guest[0]), 8);
	el2_check_profile_free(&p);
}

/* The host's calling contract: per-scenario preserve lists and the
 * PSTATE fields fixed at the call (bits in EL2_PSR_* positions). */
static void test_host_contract_is_parsed(void **state)
{
	(void)state;
	el2_check_profile *p = parse_ok("[host]\npreserve = x19-x29\n"
					"preserve.unknown_hvc = x1-x3 sp\n"
					"pstate_at_call = pan=1 uao=0 daif=0xa ssbs=random dit=1\n");
	assert_true(p->has_preserve);
	assert_int_equal(p->n_preserve, 11);
	assert_true(p->has_preserve_sc[5]); /* unknown_hvc */
	assert_false(p->has_preserve_sc[0]);
	assert_int_equal(p->n_preserve_sc[5], 4);
	assert_int_equal(p->preserve_sc[5][0].reg, EL2_REG_X(1));
	assert_int_equal(p->preserve_sc[5][3].reg, EL2_REG_SP);
	assert_true(p->has_pstate_at_call);
	uint64_t mask = (1ull << 22) | (1ull << 23) | (0xfull << 6) | (1ull << 24);
	assert_int_equal(p->ps_call_mask, mask);
	assert_int_equal(p->ps_call_val, (1ull << 22) | (0xaull << 6) | (1ull << 24));
	el2_check_profile_free(&p);
}

/* Real entry code names dozens of routines (Hafnium 33, Xen 26): entry_asm
 * lines accumulate up to CHK_MAX_ENTRY_ASM, and one more is a line-numbered
 * error. */
static void test_entry_asm_takes_many_symbols_over_several_lines(void **state)
{
	(void)state;
	char text[8192] = "[world]\n";
	size_t n = strlen(text);
	for (int line = 0; line < CHK_MAX_ENTRY_ASM / 32; line++) {
		n += (size_t)snprintf(text + n, sizeof(text) - n, "entry_asm =");
		for (int i = 0; i < 32; i++)
			n += (size_t)snprintf(text + n, sizeof(text) - n, " s%d", line * 32 + i);
		n += (size_t)snprintf(text + n, sizeof(text) - n, "\n");
	}
	el2_check_profile *p = parse_ok(text);
	assert_int_equal(p->n_entry_asm, CHK_MAX_ENTRY_ASM);
	assert_string_equal(p->entry_asm[40], "s40");
	assert_string_equal(p->entry_asm[CHK_MAX_ENTRY_ASM - 1], "s255");
	el2_check_profile_free(&p);
	snprintf(text + n, sizeof(text) - n, "entry_asm = one_too_many\n");
	char err[256];
	assert_int_equal(el2_check_profile_parse(text, strlen(text), &p, err, sizeof(err)),
			 EL2_ERR_PROFILE_SYNTAX);
	assert_string_equal(err, "line 10: entry_asm: more than 256 symbols (at 'one_too_many')");
}

/* The scenario keys of [world], host calls with their own preserve list
 * and exit code. */
static void test_scenario_keys_are_parsed(void **state)
{
	(void)state;
	el2_check_profile *p = parse_ok(
		"[world]\ncontext_reg = x2\nguest_args = x0=0x80008000 x3=7\n"
		"guest_hvc = 0x80008000 0x80007fff\npanic = hyp_panic\npanic = __hyp_panic_string\n"
		"panic_vectors = current 0x780\nirq_entry = yes\nserror_entry = 1\n"
		"serror_exit = true\nvserror = yes\n"
		"host_call = version hvc 0xc6000000 x1=5\nhost_call = flush call __flush x0=1\n"
		"[host]\npreserve.version = x2-x30 sp\n[exit_codes]\nversion = 0x10000\n"
		"guest_hvc = 1\n[config]\nhcr_el2 = 0x228 0x8408003b\n");
	assert_true(p->has_ctx_reg);
	assert_int_equal(p->ctx_reg, EL2_REG_X(2));
	assert_int_equal(p->guest_arg_set, 0x9);
	assert_int_equal(p->guest_arg[0], 0x80008000u);
	assert_int_equal(p->guest_arg[3], 7);
	assert_int_equal(p->n_guest_hvc, 2);
	assert_int_equal(p->guest_hvc[1], 0x80007fffu);
	assert_int_equal(p->n_panic, 2);
	assert_string_equal(p->panic[1], "__hyp_panic_string");
	assert_int_equal(p->panic_vectors, 0x80ffu);
	assert_true(p->irq_entry && p->serror_entry && p->serror_exit && p->vserror);
	assert_int_equal(p->n_host_calls, 2);
	assert_string_equal(p->host_call[0].name, "version");
	assert_false(p->host_call[0].is_call);
	assert_int_equal(p->host_call[0].id, 0xc6000000u);
	assert_int_equal(p->host_call[0].arg_set, 0x2);
	assert_int_equal(p->host_call[0].arg[1], 5);
	assert_true(p->host_call[0].has_preserve);
	assert_int_equal(p->host_call[0].n_preserve, 30);
	assert_true(p->host_call[0].has_code);
	assert_int_equal(p->host_call[0].code, 0x10000);
	assert_true(p->host_call[1].is_call);
	assert_string_equal(p->host_call[1].sym.sym, "__flush");
	assert_false(p->host_call[1].has_preserve);
	assert_int_equal(p->exit_code_set, 1u << SC_GUEST_HVC);
	el2_check_profile_free(&p);
}

static void test_empty_profile_is_valid(void **state)
{
	(void)state;
	el2_check_profile *p = parse_ok("");
	assert_int_equal(p->n_guest, 0);
	el2_check_profile_free(&p);
}

static const struct {
	const char *text;
	const char *message;
} bad_profiles[] = {
	{"x0 = 0\n", "line 1: 'x0' appears before any [section]"},
	{"[world]\n[nope]\n", "line 2: unknown section '[nope]' (world, el2, memory, guest, host, config, exit_codes, fp, cpu, type1, vcpu.NAME, bench)"},
	{"[world\n", "line 1: bad section header '[world' (expected [name])"},
	{"[world]\nmode\n", "line 2: expected 'key = value', got 'mode'"},
	{"[world]\nmode =\n", "line 2: 'mode' has no value"},
	{"[world]\n = x\n", "line 2: missing key before '='"},
	{"[world]\nmode = hvc\n", "line 2: mode: 'hvc' is neither nvhe, vhe nor type1"},
	{"[world]\nmode = vhe\nmode = vhe\n", "line 3: [world]: 'mode' given twice"},
	{"[world]\ncolour = red\n", "line 2: [world]: unknown key 'colour' (mode, run, exit_code, "
				      "unknown_hvc, context, context_reg, entry_asm, load, trapped_sysreg, "
				      "irq, stage2, guest_args, guest_hvc, panic, panic_vectors, "
				      "irq_entry, serror_entry, serror_exit, host_call, vserror)"},
	{"[world]\ncontext_reg = sp\n", "line 2: context_reg: 'sp' is not a register x0..x30"},
	{"[world]\nguest_args = x4=1\n",
	 "line 2: guest_args: expected xN=VALUE with N from 0 to 3, got 'x4=...' (no spaces around '=')"},
	{"[world]\nguest_args = x1=1 x1=2\n", "line 2: guest_args: x1 given twice"},
	{"[world]\nguest_hvc = fast\n", "line 2: guest_hvc: 'fast' is not a number"},
	{"[world]\npanic = 0x10\n", "line 2: panic: '0x10' is not a symbol"},
	{"[world]\npanic_vectors = 0x40\n",
	 "line 2: panic_vectors: '0x40' is neither 'current' nor a vector offset 0x000..0x780 (a "
	 "multiple of 0x80)"},
	{"[world]\nirq_entry = soon\n", "line 2: irq_entry: 'soon' is not yes or no"},
	{"[world]\nhost_call = hvc 1\n", "line 2: host_call: 'hvc' is a scenario's name"},
	{"[world]\nhost_call = v hvc 1 x0=2\n", "line 2: host_call v: x0 is the function id of 'hvc'"},
	{"[world]\nhost_call = v jump f\n",
	 "line 2: host_call v: 'jump' is neither 'hvc ID' nor 'call SYMBOL'"},
	{"[world]\nhost_call = v hvc 1\nhost_call = V call f\n", "line 3: host_call: 'V' given twice"},
	{"[world]\nrun = hvc\n", "line 2: run: 'hvc' needs one function id, e.g. run = hvc 0xc6000001"},
	{"[world]\nrun = jump x\n", "line 2: run: 'jump' is neither 'hvc ID' nor 'call SYMBOL'"},
	{"[world]\nexit_code = sp\n", "line 2: exit_code: 'sp' is not a register x0..x30"},
	{"[world]\n[exit_codes]\nhvc = 1\nwfi = 2\n",
	 "line 4: [exit_codes]: unknown scenario 'wfi' (hvc, mmio, s2perm, sysreg, irq, unknown_hvc, "
	 "guest_hvc, irq_entry, serror_entry, serror_exit, vserror, or a [world] host_call name "
	 "given "
	 "before)"},
	{"[exit_codes]\nmmio = two\n", "line 2: [exit_codes]: mmio: 'two' is not a number"},
	{"[exit_codes]\nirq = 5x\n", "line 2: [exit_codes]: irq: '5x' is not a number"},
	{"[exit_codes]\nirq = --1\n", "line 2: [exit_codes]: irq: '--1' is not a number"},
	{"[exit_codes]\nhvc = 1\nhvc = 1\n", "line 3: [exit_codes]: 'hvc' given twice"},
	{"[world]\nunknown_hvc = -1\n", "line 2: unknown_hvc: '-1' is not a number"},
	{"[world]\ncontext = alloc 0\n",
	 "line 2: context: 'alloc' needs a size from 1 to 16M, e.g. alloc 0x1000"},
	{"[world]\ncontext = 12\n",
	 "line 2: context: '12' is neither a symbol[+offset] nor 'alloc SIZE'"},
	{"[world]\nload = 0x1001\n", "line 2: load: '0x1001' is not a page-aligned address"},
	{"[world]\ntrapped_sysreg = foo\n", "line 2: trapped_sysreg: 'foo' is not a system register"},
	{"[world]\nirq = maybe\n", "line 2: irq: 'maybe' is not yes or no"},
	{"[world]\nmode = nvhe\nrun = call f\n", "line 3: [world]: mode nvhe needs 'run = hvc ID', not 'call'"},
	{"[el2]\nx0 = 1\n", "line 2: [el2]: 'x0' is not a system register"},
	{"[el2]\nhcr_el2 = 1+2\n", "line 2: hcr_el2: '1+2' is neither a number nor symbol[+offset]"},
	{"[memory]\nram = 0x1000\n", "line 2: ram: expected BASE SIZE ATTRS, e.g. 0x80000000 0x200000 guest"},
	{"[memory]\nram = 0x1000 0x10 host\n", "line 2: ram: base and size must be multiples of 0x1000"},
	{"[memory]\nram = 0x1000 0x1000 fast\n",
	 "line 2: ram: unknown attribute 'fast' (host, hyp, guest, el0, ro, xn, mmio)"},
	{"[memory]\nram = 0x1000 0x1000 ro\n",
	 "line 2: ram: a region needs one of the attributes host, hyp or guest"},
	{"[memory]\na = 0x1000 0x2000 host\nb = 0x2000 0x1000 host\n", "line 3: b: overlaps region 'a'"},
	{"[guest]\nsp = 0\n", "line 2: [guest]: 'sp' is ambiguous: use sp_el0 or sp_el1"},
	{"[guest]\nx99 = 0\n", "line 2: [guest]: unknown register 'x99'"},
	{"[guest]\nx0 = zero\n", "line 2: x0: 'zero' is not an offset (a number up to 16M)"},
	{"[guest]\nv0 = 0\nx1 = 8\n", "line 3: x1: offset 0x8 overlaps v0 at 0x0"},
	{"[guest]\nx1 = 8\nx1 = 16\n", "line 3: [guest]: 'x1' given twice"},
	{"[host]\npreserve = x19-x31\n",
	 "line 2: preserve: bad range 'x19-x31' (use x19-x29, d8-d15 or v0-v31)"},
	{"[host]\npreserve = x1-d3\n",
	 "line 2: preserve: bad range 'x1-d3' (use x19-x29, d8-d15 or v0-v31)"},
	{"[host]\npreserve = bogus\n", "line 2: preserve: unknown register 'bogus'"},
	{"[host]\nexit_abi = sp_el0\n",
	 "line 2: exit_abi: 'SP_EL0' is not a register x0..x30, v0..v31, fpcr or fpsr"},
	{"[host]\nel2_preserve = x3\n", "line 2: el2_preserve: 'x3' is not a system register"},
	{"[host]\npstate = daif nzcv\n",
	 "line 2: pstate: unknown field 'nzcv' (daif pan uao ssbs dit spsel el, or none)"},
	{"[guest]\nhcr_el2 = 0x220\n",
	 "line 2: [guest]: HCR_EL2 is not guest state: configuration the host prepares for the "
	 "guest goes in [config] ('hcr_el2 = OFFSET VALUE'), the hypervisor's own state in [el2]"},
	{"[guest]\npc = 0x100\nelr_el2 = 0x108\n",
	 "line 3: [guest]: 'elr_el2' given twice (elr_el2 = pc, spsr_el2 = pstate)"},
	{"[config]\nsctlr_el1 = 0 1\n",
	 "line 2: [config]: 'sctlr_el1' is not an EL2 register (the guest's HCR_EL2, VTTBR_EL2, "
	 "VTCR_EL2, MDCR_EL2, CPTR_EL2, ...)"},
	{"[config]\nhcr_el2 = 0x220\n",
	 "line 2: hcr_el2: expected LOCATION VALUE, e.g. 'hcr_el2 = 0x220 0x80000001' "
	 "(LOCATION: context offset or symbol[+offset])"},
	{"[config]\nhcr_el2 = 0x220 1 2\n",
	 "line 2: hcr_el2: expected LOCATION VALUE, e.g. 'hcr_el2 = 0x220 0x80000001' "
	 "(LOCATION: context offset or symbol[+offset])"},
	{"[config]\nhcr_el2 = 0x220 auto\n", "line 2: hcr_el2: 'auto' is only for vttbr_el2 and vtcr_el2"},
	{"[world]\nstage2 = walls\n", "line 2: stage2: 'walls' is neither tables nor attributes"},
	{"[config]\nhcr_el2 = 0x2000000 1\n", "line 2: hcr_el2: offset '0x2000000' is larger than 16M"},
	{"[config]\nhcr_el2 = 0 1\nhcr_el2 = 8 1\n", "line 3: [config]: 'hcr_el2' given twice"},
	{"[guest]\nfpsr = 0x10 u16\n", "line 2: fpsr: unknown width 'u16' (u32 or u64)"},
	{"[guest]\nx0 = 0x10 u32\n", "line 2: x0: only fpsr and fpcr take a width"},
	{"[guest]\nfpsr = 0x10 u32 x\n", "line 2: fpsr: expected OFFSET [u32|u64], got 'x' too"},
	{"[guest]\nfpsr = 0x10 u32\nfpcr = 0x12 u32\n",
	 "line 3: fpcr: offset 0x12 overlaps FPSR at 0x10"},
	{"[fp]\nswitch = lazy\n", "line 2: switch: 'lazy' is neither eager nor handoff"},
	{"[fp]\nswitch = handoff\n", "line 2: [fp]: switch = handoff needs owner and host_save"},
	{"[world]\nvserror = yes\n", "line 2: [world] vserror needs a [config] hcr_el2 slot "
				      "(where the host prepares the guest's HCR_EL2, which gets VSE)"},
	{"[fp]\nowner = 0x228 8 1\nhost_save = buf\n",
	 "line 3: [fp]: owner, host_save, owner_init and host_save_ptr need switch = handoff"},
	{"[fp]\nswitch = handoff\nowner = 0 1 2\nhost_save = b\nowner_init = 2\n",
	 "line 5: [fp]: owner_init 0x2 must fit the flag's size and not say guest (the host "
	 "owns the registers when it calls)"},
	{"[fp]\nswitch = handoff\nowner = 0 1 2\nhost_save = b\nowner_init = 0x100\n",
	 "line 5: [fp]: owner_init 0x100 must fit the flag's size and not say guest (the host "
	 "owns the registers when it calls)"},
	{"[fp]\nowner_init = one\n", "line 2: owner_init: 'one' is not a number"},
	{"[fp]\nhost_save_ptr = +\n",
	 "line 2: host_save_ptr: '+' is neither a context offset nor symbol[+offset]"},
	{"[fp]\nowner = 0x228 3 1\n", "line 2: owner: expected LOCATION SIZE GUEST_VALUE [MASK], "
					 "size 1, 2, 4 or 8, e.g. owner = 0x228 8 1"},
	{"[fp]\nowner = 0x228 1 1 0x100\n",
	 "line 2: owner: MASK must be one nonzero number within SIZE bytes"},
	{"[fp]\nowner = 0x228 8 3 2\n", "line 2: owner: GUEST_VALUE 0x3 has bits outside the mask"},
	{"[fp]\nhost_save = 1+2\n",
	 "line 2: host_save: '1+2' is neither a context offset nor symbol[+offset]"},
	{"[fp]\nswitch = eager\nswitch = eager\n", "line 3: [fp]: 'switch' given twice"},
	{"[fp]\ncolour = red\n", "line 2: [fp]: unknown key 'colour' (switch, owner, host_save, "
				   "owner_init, host_save_ptr)"},
	{"[host]\nweather = x\n",
	 "line 2: [host]: unknown key 'weather' (preserve, preserve.<scenario>, exit_abi, "
	 "el2_preserve, pstate, pstate_at_call)"},
	{"[host]\npreserve.vcpu = x19\n",
	 "line 2: [host]: 'preserve.vcpu': no scenario or [world] host_call 'vcpu' (hvc, mmio, "
	 "s2perm, sysreg, irq, unknown_hvc, guest_hvc, irq_entry, serror_entry, serror_exit, "
	 "vserror, host_call; a host_call line must come first)"},
	{"[host]\npreserve.irq = x19\npreserve.IRQ = x20\n",
	 "line 3: [host]: 'preserve.IRQ' given twice"},
	{"[host]\npstate_at_call = pan = 1\n",
	 "line 2: pstate_at_call: expected FIELD=VALUE with FIELD one of pan uao ssbs dit daif, "
	 "got 'pan' (no spaces around '=')"},
	{"[host]\npstate_at_call = nzcv=0\n",
	 "line 2: pstate_at_call: expected FIELD=VALUE with FIELD one of pan uao ssbs dit daif, "
	 "got 'nzcv=...' (no spaces around '=')"},
	{"[host]\npstate_at_call = pan=2\n",
	 "line 2: pstate_at_call: pan=2: the value is 0..1 or random"},
	{"[host]\npstate_at_call = daif=16\n",
	 "line 2: pstate_at_call: daif=16: the value is 0..15 or random"},
	{"[host]\npstate_at_call = pan=1 pan=0\n", "line 2: pstate_at_call: 'pan' given twice"},
	/* type-1 mode (docs/type1.md) */
	{"[world]\nmode = type1\n",
	 "line 2: mode type1: set [type1] run = SYMBOL (the run/resume-vCPU path)"},
	{"[vcpu.a]\nx0 = f+0\n", "line 2: [type1] and [vcpu.*] sections need [world] mode = type1"},
	{"[world]\nmode = nvhe\n[type1]\nirq = yes\n",
	 "line 4: [type1] and [vcpu.*] sections need [world] mode = type1"},
	{"[world]\nmode = type1\n[type1]\nrun = go\nswitch = irq\nirq = yes\n[vcpu.a]\npc = 0\n"
	 "memory = g\n",
	 "line 9: mode type1: irq = yes (resumed in place) and switch = irq (an interrupt switches) "
	 "exclude each other"},
	{"[vcpu.a]\n[vcpu.A]\n", "line 2: [vcpu.A] given twice"},
	{"[type1]\nswitch = smc 1\n",
	 "line 2: switch: expected 'hvc ID [registers the call defines]', e.g. hvc 0xc6000001 x0-x3"},
	{"[type1]\nhandled = hvc 1 x0-y3\n", "line 2: 'x0-y3' is not x0..x30 or a range xN-xM"},
	{"[type1]\nrun = a\nrun = b\n", "line 3: [type1]: 'run' given twice"},
	{"[vcpu.a]\nsp = f+0\n",
	 "line 2: [vcpu.a]: unknown key or register 'sp' (V registers are not judged in type-1 mode)"},
	{"[vcpu.a]\nhcr_el2 = f+0x78\n",
	 "line 2: hcr_el2: EL2 state goes in config.hcr_el2 = LOCATION VALUE"},
	{"[vcpu.a]\nx0 = f+0\nx1 = f+4\n", "line 3: x1: overlaps x0"},
	{"[vcpu.a]\nconfig.sctlr_el1 = v+0 1\n", "line 2: config.sctlr_el1: not an EL2 register"},
	{"[vcpu.a]\npoison = v 0x100 stack\n", "line 2: poison: 'stack' is not 'el2'"},
	{"[world]\nmode = type1\n[type1]\nrun = go\n[vcpu.a]\nx0 = 0x100\n",
	 "line 6: [vcpu.a]: needs a pc slot and memory = REGION"},
	{"[world]\nmode = type1\n[type1]\nrun = go\n[vcpu.a]\npc = 0x100\nmemory = g\n"
	 "[vcpu.b]\npc = 0x200\nmemory = g\n",
	 "line 10: mode type1: two vCPUs need [type1] switch = hvc ID (or irq)"},
	{"[world]\nmode = type1\n[type1]\nrun = go\nswitch = hvc 1\n[vcpu.a]\npc = 0x100\n"
	 "memory = g\n[vcpu.b]\nid = 0\npc = 0x200\nmemory = g\n",
	 "line 12: [vcpu.b]: id 0 is [vcpu.a]'s"},
	{"[bench]\nphase.to_guest = 1x\n",
	 "line 2: [bench] phase.to_guest: '1x' is not SYMBOL[+OFFSET] or an address"},
	{"[bench]\nphase.return = a\n\nphase.return = b+4\n",
	 "line 4: [bench]: 'phase.return' given twice (first on line 2)"},
	{"[bench]\nphase.exit = a\n",
	 "line 2: [bench]: unknown key 'phase.exit' (phase.to_guest, phase.return)"},
	{"[world]\nmode = type1\n[memory]\ng = 0x80000000 0x10000 guest\nh = 0x40000000 0x1000 hyp\n"
	 "[type1]\nrun = go\n[vcpu.a]\npc = 0x100\nmemory = g h\nx0 = 0x8\n",
	 "line 10: [vcpu.a] memory: 'h' is not a guest region of [memory]"},
	{"[world]\nmode = type1\n[type1]\nrun = go\n[vcpu.a]\npc = 0x100\nmemory = gg\n"
	 "[memory]\ng = 0x80000000 0x10000 guest\n",
	 "line 7: [vcpu.a] memory: 'gg' is not a guest region of [memory]"},
};

static void test_bad_profiles_name_the_line_and_the_problem(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_profiles) / sizeof(bad_profiles[0]); i++) {
		el2_check_profile *p = (el2_check_profile *)1;
		char err[256];
		el2_err e = el2_check_profile_parse(bad_profiles[i].text, strlen(bad_profiles[i].text),
						    &p, err, sizeof(err));
		if (e != EL2_ERR_PROFILE_SYNTAX || strcmp(err, bad_profiles[i].message))
			fail_msg("case %zu: got %d '%s'\nwant '%s'", i, e, err, bad_profiles[i].message);
		assert_null(p);
	}
}

static void test_hostile_buffers_are_rejected_not_crashed(void **state)
{
	(void)state;
	char buf[3000];
	memset(buf, 'a', sizeof(buf));
	el2_check_profile *p = NULL;
	char err[128];
	assert_int_equal(el2_check_profile_parse(buf, sizeof(buf), &p, err, sizeof(err)),
			 EL2_ERR_PROFILE_SYNTAX);
	assert_string_equal(err, "line 1: line longer than 1024 characters");
	const char nul[] = "[world]\nmode = n\0vhe\n";
	assert_int_equal(el2_check_profile_parse(nul, sizeof(nul) - 1, &p, err, sizeof(err)),
			 EL2_ERR_PROFILE_SYNTAX);
	assert_string_equal(err, "line 2: NUL byte in the line");
	/* a buffer without a final newline, and a tiny error buffer */
	assert_int_equal(el2_check_profile_parse("[world", 6, &p, err, 8), EL2_ERR_PROFILE_SYNTAX);
	assert_string_equal(err, "line 1:");
	/* pseudo-random bytes never crash the parser */
	uint64_t x = 1;
	for (int round = 0; round < 2000; round++) {
		char junk[64];
		for (size_t i = 0; i < sizeof(junk); i++) {
			x = chk_mix(x);
			junk[i] = "[]=#\n abcx019-+,._"[x % 18];
		}
		if (el2_check_profile_parse(junk, sizeof(junk), &p, err, sizeof(err)) == EL2_OK)
			el2_check_profile_free(&p);
	}
}

static void test_tags_round_trip_through_encoding_and_description(void **state)
{
	(void)state;
	uint64_t v = el2_check_tag(EL2_TAG_HOST, EL2_REG_X(19), 3, 0x1234);
	/* [63:48] marker, [47:46] side, [45:34] reg, [33:22] run, [21:0] salt */
	assert_int_equal(v, (UINT64_C(0xE25A) << 48) | (UINT64_C(19) << 34) | (UINT64_C(3) << 22) |
				    0x1234);
	el2_tag_side side;
	el2_reg reg;
	unsigned run;
	uint32_t salt;
	assert_true(el2_check_tag_decode(v, &side, &reg, &run, &salt));
	assert_int_equal(side, EL2_TAG_HOST);
	assert_int_equal(reg, EL2_REG_X(19));
	assert_int_equal(run, 3);
	assert_int_equal(salt, 0x1234);
	char buf[64];
	el2_check_tag_describe(v, buf, sizeof(buf));
	assert_string_equal(buf, "host x19, run 3");
	el2_check_tag_describe(el2_check_tag(EL2_TAG_GUEST, EL2_SYSREG(SCTLR_EL1), 0, 5), buf,
			       sizeof(buf));
	assert_string_equal(buf, "guest SCTLR_EL1, run 0");
	el2_check_tag_describe(el2_check_tag(EL2_TAG_POISON, EL2_SYSREG(FAR_EL2), 1, 2), buf,
			       sizeof(buf));
	assert_string_equal(buf, "poison FAR_EL2 (event 2), run 1");
	el2_check_tag_describe(0x1234, buf, sizeof(buf));
	assert_string_equal(buf, "untagged");
	assert_false(el2_check_tag_decode(0x1234, NULL, NULL, NULL, NULL));
}

static char *report_json(uint64_t seed)
{
	el2_check_result *res = ct_check("ok", 1, seed);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	el2_check_write_json(res, f);
	fclose(f);
	el2_check_result_free(&res);
	return buf;
}

static void test_same_seed_gives_byte_identical_json(void **state)
{
	(void)state;
	char *a = report_json(7), *b = report_json(7), *c = report_json(8);
	assert_string_equal(a, b);
	assert_non_null(strstr(a, "\"seed\":\"0x0000000000000007\""));
	assert_non_null(strstr(c, "\"seed\":\"0x0000000000000008\""));
	/* property 8 and its per-scenario counts (fixtures/ws_nvhe.profile
	 * declares every scenario's code; 3 runs) */
	assert_non_null(strstr(a, "{\"id\":8,\"name\":\"exit code\",\"checks\":27,"));
	assert_non_null(strstr(a, "\"exit_code_checks\":{\"hvc\":3,\"mmio\":3,\"sysreg\":15,"
				  "\"irq\":3,\"unknown_hvc\":3}"));
	free(a);
	free(b);
	free(c);
}

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void test_junit_has_one_testcase_per_property(void **state)
{
	(void)state;
	el2_check_result *res = ct_check("guest_gpr", 1, 1);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	el2_check_write_junit(res, f);
	fclose(f);
	/* One finding seen in several round trips is one finding: the
	 * failed checks are the sum of the findings' counts. */
	const el2_check_finding *fs;
	size_t nf = el2_check_findings(res, &fs);
	unsigned p3 = 0, seen = 0;
	for (size_t i = 0; i < nf; i++)
		if (fs[i].property == 3) {
			p3++;
			seen += fs[i].count;
		}
	assert_int_equal(el2_check_property_failures(res, 3), p3);
	assert_int_equal(el2_check_property_failed_checks(res, 3), seen);
	assert_true(seen > p3);
	char want[96];
	snprintf(want, sizeof(want), "<failure message=\"%u finding%s (%u failed checks)\">", p3,
		 p3 == 1 ? "" : "s", seen);
	assert_non_null(strstr(buf, want));
	el2_check_result_free(&res);
	assert_true(strncmp(buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39) == 0);
	assert_int_equal(count(buf, "<testcase "), EL2_CHECK_N_PROPERTIES);
	assert_int_equal(count(buf, "<failure "), 1);
	assert_int_equal(count(buf, "</failure>"), 1);
	assert_int_equal(count(buf, "<testsuite "), 1);
	assert_int_equal(count(buf, "</testsuite>"), 1);
	assert_non_null(strstr(buf, "name=\"property 3: guest exit completeness\">"));
	assert_null(strstr(buf, "<<"));
	free(buf);
}

/* The fixture is a relocatable object assembled with -g: a finding's
 * last writer has its source line, and that line holds the writer. */
static void test_writers_have_source_lines(void **state)
{
	(void)state;
	el2_check_result *res = ct_check("tpidr_el2", 1, 1);
	const el2_check_finding *fs;
	size_t nf = el2_check_findings(res, &fs);
	/* the fixture is a relocatable object assembled with -g: its
	 * writers have source lines, and the line holds the writer */
	bool lined = false;
	for (size_t i = 0; i < nf; i++) {
		if (!fs[i].has_writer || !fs[i].writer_file[0])
			continue;
		size_t n = strlen(fs[i].writer_file);
		assert_true(n > 9 && !strcmp(fs[i].writer_file + n - 9, "ws_nvhe.S"));
		FILE *src = fopen(fs[i].writer_file, "r");
		assert_non_null(src);
		char text[256] = "";
		for (int l = 0; l < fs[i].writer_line && fgets(text, sizeof(text), src); l++)
			;
		fclose(src);
		char mnemonic[16];
		sscanf(fs[i].writer_text, "%15s", mnemonic);
		assert_non_null(strstr(text, mnemonic));
		lined = true;
	}
	assert_true(lined);
	el2_check_result_free(&res);
}

/* An isolation finding (property 4) says what leaked where; it has no
 * expected value, so its JSON has none. */
static void test_isolation_findings_have_no_expected_value_in_json(void **state)
{
	(void)state;
	el2_check_result *res = ct_check("guest_leak", 1, 1);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	el2_check_write_json(res, f);
	fclose(f);
	assert_true(el2_check_property_failures(res, 4) > 0);
	el2_check_result_free(&res);
	size_t p4 = 0;
	for (char *p = strstr(buf, "{\"property\":4,"); p; p = strstr(p + 1, "{\"property\":4,")) {
		char *end = strstr(p + 1, "{\"property\":");
		char *exp = strstr(p, "\"expected");
		assert_true(!exp || (end && exp > end));
		assert_non_null(strstr(p, "\"found\":"));
		p4++;
	}
	assert_true(p4 > 0);
	free(buf);
}

/* An address no symbol covers: the checker's stubs are named only where a
 * trip has them; a type-1 image (no stubs) prints the bare address, never
 * "el2sim guest stub" for a low address. */
static void test_where_names_stubs_only_where_the_trip_has_them(void **state)
{
	(void)state;
	char buf[96];
	assert_false(chk_where_img(NULL, 0x1008, buf, sizeof(buf)));
	assert_string_equal(buf, "0x1008");
	chk_trip t = {.guest_stub = 0x40000, .host_stub = 0x50000};
	chk_where(&t, 0x40010, buf, sizeof(buf));
	assert_string_equal(buf, "el2sim guest stub+0x10");
	chk_where(&t, 0x50004, buf, sizeof(buf));
	assert_string_equal(buf, "el2sim host stub+0x4");
	chk_where(&t, 0x1008, buf, sizeof(buf));
	assert_string_equal(buf, "0x1008");
}

int main(int argc, char **argv)
{
	ct_argc = argc;
	ct_argv = argv;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_profile_sections_and_values_are_parsed),
		cmocka_unit_test(test_entry_asm_takes_many_symbols_over_several_lines),
		cmocka_unit_test(test_exit_codes_section_is_parsed),
		cmocka_unit_test(test_fp_handoff_and_32_bit_fp_slots_are_parsed),
		cmocka_unit_test(test_empty_profile_is_valid),
		cmocka_unit_test(test_scenario_keys_are_parsed),
		cmocka_unit_test(test_guest_aliases_and_config_are_parsed),
		cmocka_unit_test(test_host_contract_is_parsed),
		cmocka_unit_test(test_bad_profiles_name_the_line_and_the_problem),
		cmocka_unit_test(test_hostile_buffers_are_rejected_not_crashed),
		cmocka_unit_test(test_tags_round_trip_through_encoding_and_description),
		cmocka_unit_test(test_same_seed_gives_byte_identical_json),
		cmocka_unit_test(test_junit_has_one_testcase_per_property),
		cmocka_unit_test(test_isolation_findings_have_no_expected_value_in_json),
		cmocka_unit_test(test_writers_have_source_lines),
		cmocka_unit_test(test_where_names_stubs_only_where_the_trip_has_them),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
