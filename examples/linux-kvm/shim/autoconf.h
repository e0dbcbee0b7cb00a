/* SPDX-License-Identifier: MIT */
/* The kernel configuration the example builds the hyp entry code with:
 * only the options those files and their headers test, with the values of
 * Debian 12's arm64 kernel (4 KiB pages, 48-bit VA/PA, PAN, RAS, pointer
 * authentication, MTE and SVE support compiled in). Which of the compiled-in
 * paths run is decided by the alternatives (el2sim --alternatives), as on a
 * real CPU. Options left out here are off (e.g.
 * CONFIG_MITIGATE_SPECTRE_BRANCH_HISTORY, CONFIG_NVHE_EL2_DEBUG). */
#define CONFIG_ARM64 1
#define CONFIG_64BIT 1
#define CONFIG_MMU 1
#define CONFIG_KVM 1
#define CONFIG_ARM64_4K_PAGES 1
#define CONFIG_ARM64_PAGE_SHIFT 12
#define CONFIG_ARM64_VA_BITS 48
#define CONFIG_ARM64_VA_BITS_48 1
#define CONFIG_ARM64_PA_BITS 48
#define CONFIG_ARM64_PA_BITS_48 1
#define CONFIG_PGTABLE_LEVELS 4
#define CONFIG_ARM64_PAN 1
#define CONFIG_ARM64_RAS_EXTN 1
#define CONFIG_ARM64_PTR_AUTH 1
#define CONFIG_ARM64_PTR_AUTH_KERNEL 1
#define CONFIG_ARM64_MTE 1
#define CONFIG_ARM64_SVE 1
#define CONFIG_NR_CPUS 256
#define CONFIG_SMP 1
#define CONFIG_CC_IS_CLANG 1
#define CONFIG_AS_IS_LLVM 1
