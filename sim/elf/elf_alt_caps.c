/* SPDX-License-Identifier: MIT */
/* Linux arm64 capability names <-> numbers per kernel version (the order of
 * arch/arm64/tools/cpucaps, which numbers them from 0), and the parser of
 * --alternatives. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "elf_internal.h"

/* Linux 6.1: arch/arm64/tools/cpucaps, in order (ARM64_ prefix dropped). */
static const char *const caps_6_1[] = {
"ALWAYS_BOOT", "ALWAYS_SYSTEM", "BTI", "HAS_32BIT_EL0_DO_NOT_USE", 
"HAS_32BIT_EL1", "HAS_ADDRESS_AUTH", "HAS_ADDRESS_AUTH_ARCH_QARMA3", "HAS_ADDRESS_AUTH_ARCH_QARMA5", 
"HAS_ADDRESS_AUTH_IMP_DEF", "HAS_AMU_EXTN", "HAS_ARMv8_4_TTL", "HAS_CACHE_DIC", 
"HAS_CACHE_IDC", "HAS_CNP", "HAS_CRC32", "HAS_DCPODP", 
"HAS_DCPOP", "HAS_E0PD", "HAS_ECV", "HAS_EPAN", 
"HAS_GENERIC_AUTH", "HAS_GENERIC_AUTH_ARCH_QARMA3", "HAS_GENERIC_AUTH_ARCH_QARMA5", "HAS_GENERIC_AUTH_IMP_DEF", 
"HAS_IRQ_PRIO_MASKING", "HAS_LDAPR", "HAS_LSE_ATOMICS", "HAS_NO_FPSIMD", 
"HAS_NO_HW_PREFETCH", "HAS_PAN", "HAS_RAS_EXTN", "HAS_RNG", 
"HAS_SB", "HAS_STAGE2_FWB", "HAS_SYSREG_GIC_CPUIF", "HAS_TIDCP1", 
"HAS_TLB_RANGE", "HAS_VIRT_HOST_EXTN", "HAS_WFXT", "HW_DBM", 
"KVM_PROTECTED_MODE", "MISMATCHED_CACHE_TYPE", "MTE", "MTE_ASYMM", 
"SME", "SME_FA64", "SPECTRE_V2", "SPECTRE_V3A", 
"SPECTRE_V4", "SPECTRE_BHB", "SSBS", "SVE", 
"UNMAP_KERNEL_AT_EL0", "WORKAROUND_834220", "WORKAROUND_843419", "WORKAROUND_845719", 
"WORKAROUND_858921", "WORKAROUND_1418040", "WORKAROUND_1463225", "WORKAROUND_1508412", 
"WORKAROUND_1542419", "WORKAROUND_1742098", "WORKAROUND_1902691", "WORKAROUND_2038923", 
"WORKAROUND_2064142", "WORKAROUND_2077057", "WORKAROUND_2658417", "WORKAROUND_AMPERE_AC03_CPU_38", 
"WORKAROUND_TRBE_OVERWRITE_FILL_MODE", "WORKAROUND_TSB_FLUSH_FAILURE", "WORKAROUND_TRBE_WRITE_OUT_OF_RANGE", "WORKAROUND_CAVIUM_23154", 
"WORKAROUND_CAVIUM_27456", "WORKAROUND_CAVIUM_30115", "WORKAROUND_CAVIUM_TX2_219_PRFM", "WORKAROUND_CAVIUM_TX2_219_TVM", 
"WORKAROUND_CLEAN_CACHE", "WORKAROUND_DEVICE_LOAD_ACQUIRE", "WORKAROUND_NVIDIA_CARMEL_CNP", "WORKAROUND_QCOM_FALKOR_E1003", 
"WORKAROUND_REPEAT_TLBI", "WORKAROUND_SPECULATIVE_AT", "WORKAROUND_SPECULATIVE_SSBS", "WORKAROUND_SPECULATIVE_UNPRIV_LOAD", 
"WORKAROUND_BROKEN_AMU_CONSTCNT", 
};

static const struct alt_kernel {
	const char *version;
	const char *const *names;
	unsigned n;
	unsigned always[2]; /* capabilities every CPU has (ALWAYS_BOOT/SYSTEM) */
} kernels[] = {
	{"6.1", caps_6_1, sizeof(caps_6_1) / sizeof(caps_6_1[0]), {0, 1}},
	/* any kernel from 6.1 on, capabilities by number only (from its
	 * generated asm/cpucaps.h; 6.1 has 85) */
	{"raw", NULL, EL2_ALT_MAX_CAPS, {0, 1}},
};

static const struct alt_kernel *find_kernel(const char *v)
{
	for (size_t i = 0; i < sizeof(kernels) / sizeof(kernels[0]); i++)
		if (!strcmp(kernels[i].version, v))
			return &kernels[i];
	return NULL;
}

const char *el2_alt_cap_name(const el2_alt_set *set, unsigned n)
{
	const struct alt_kernel *k = set ? find_kernel(set->kernel) : NULL;
	return k && k->names && n < k->n ? k->names[n] : NULL;
}

static int cap_number(const struct alt_kernel *k, const char *item, unsigned *n)
{
	char *end;
	unsigned long v = strtoul(item, &end, 0);
	if (isdigit((unsigned char)item[0]) && *end == '\0') {
		if (v >= k->n)
			return 0;
		*n = (unsigned)v;
		return 1;
	}
	if (!k->names)
		return 0;
	if (!strncasecmp(item, "ARM64_", 6))
		item += 6;
	for (unsigned i = 0; i < k->n; i++)
		if (!strcasecmp(k->names[i], item)) {
			*n = i;
			return 1;
		}
	return 0;
}

int elf_alt_cap_number(const el2_alt_set *set, const char *name, unsigned *n)
{
	const struct alt_kernel *k = set ? find_kernel(set->kernel) : NULL;
	return k && cap_number(k, name, n);
}

el2_err el2_alt_parse(const char *spec, el2_alt_set *out, char *errbuf, size_t errlen)
{
	if (!spec || !out)
		return elf_fail(errbuf, errlen, EL2_ERR_INVALID_ARG, "no capability list");
	memset(out, 0, sizeof(*out));
	const char *version = "6.1", *list = spec;
	char vbuf[16];
	if (!strncasecmp(spec, "raw:", 4)) {
		version = "raw";
		list = spec + 4;
	} else if (!strncasecmp(spec, "linux-", 6)) {
		const char *colon = strchr(spec, ':');
		size_t len = colon ? (size_t)(colon - spec - 6) : strlen(spec + 6);
		if (len >= sizeof(vbuf))
			len = sizeof(vbuf) - 1;
		memcpy(vbuf, spec + 6, len);
		vbuf[len] = '\0';
		version = vbuf;
		list = colon ? colon + 1 : "";
	}
	const struct alt_kernel *k = find_kernel(version);
	if (!k)
		return elf_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
				"no capability table for Linux '%s' (known: 6.1; for "
				"another kernel give numbers: raw:N,N...)",
				version);
	strcpy(out->kernel, k->version);
	snprintf(out->spec, sizeof(out->spec), "%s", spec);
	out->ncaps = k->n;
	for (unsigned i = 0; i < 2; i++)
		out->caps[k->always[i] / 64] |= 1ull << (k->always[i] % 64);
	char item[64];
	while (*list) {
		size_t len = strcspn(list, ",");
		if (len == 0 || len >= sizeof(item))
			return elf_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
					"empty or too long capability in '%s'", spec);
		memcpy(item, list, len);
		item[len] = '\0';
		list += len + (list[len] == ',');
		unsigned n;
		if (!strcasecmp(item, "none"))
			continue;
		if (!cap_number(k, item, &n))
			return elf_fail(errbuf, errlen, EL2_ERR_INVALID_ARG,
					"unknown capability '%s' for Linux %s (%s below %u)", item,
					k->version, k->names ? "a name of arch/arm64/tools/cpucaps, "
					"e.g. ARM64_HAS_PAN, or a number" : "raw: a number", k->n);
		out->caps[n / 64] |= 1ull << (n % 64);
	}
	return EL2_OK;
}
