/* SPDX-License-Identifier: MIT */
/* The stage-2 translation-table walk of the EL1&0 regime (DDI 0487 J.a,
 * aarch64/translation: AArch64.S2Walk, AArch64.S2Translate) from the values
 * of VTTBR_EL2 and VTCR_EL2: the guest's IPA to a PA with the stage-2
 * permissions, or the stage-2 fault and its lookup level (for ESR_EL2.DFSC
 * and HPFAR_EL2). Pure: descriptors are read through el2_phys_read_fn.
 * Modelled: 4 KiB granule (TG0 = 0), T0SZ, SL0, PS, block (levels 1-2) and
 * page descriptors, S2AP, XN (bit 54), AF. Not modelled: 16/64 KiB granules
 * (EL2_ERR_UNSUPPORTED), FEAT_LPA/LPA2/D128/TTST, FEAT_XNX, hardware AF and
 * dirty-state update (FEAT_HAFDBS: AF = 0 always faults), the Contiguous
 * bit (a hint: ignored), memory attributes (MemAttr, SH), VMID tagging
 * (no TLB is modelled: every walk reads the tables as they are now).
 * See docs/memory-faults.md. */
#ifndef EL2SIM_S2_WALK_H
#define EL2SIM_S2_WALK_H

#include <stdbool.h>
#include <stdint.h>

#include "el2sim/at_walk.h"
#include "el2sim/err.h"
#include "el2sim/exception.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What the walk found for one IPA. */
typedef struct el2_s2_result {
	bool fault;         /* a stage-2 fault: fst and level say which */
	el2_fault fst;      /* ADDRESS_SIZE, TRANSLATION, ACCESS_FLAG, PERMISSION,
			     * SYNC_EXTERNAL_WALK (a descriptor read failed) */
	int level;          /* level of the faulting or final descriptor (0-3) */
	uint64_t pa;        /* output address (no fault, or a Permission fault) */
	uint64_t span;      /* bytes the final descriptor maps (4 KiB, 2 MiB, 1 GiB) */
	bool r, w, x;       /* S2AP[0], S2AP[1], !XN of the final descriptor */
} el2_s2_result;

/* Which access the walk checks the permissions for. */
typedef enum el2_s2_acc { EL2_S2_READ, EL2_S2_WRITE, EL2_S2_FETCH } el2_s2_acc;

/* Translates ipa with the stage 2 that vttbr (VTTBR_EL2) and vtcr
 * (VTCR_EL2) describe, for an access acc. EL2_ERR_INVALID_ARG for NULL
 * arguments; EL2_ERR_UNSUPPORTED for a granule other than 4 KiB (TG0 != 0).
 * A fault is a result (out->fault), not an error. */
el2_err el2_s2_walk(uint64_t vttbr, uint64_t vtcr, uint64_t ipa, el2_s2_acc acc,
		    el2_phys_read_fn read, void *ctx, el2_s2_result *out);

/* VTCR_EL2 fields the walk uses. */
#define EL2_VTCR_T0SZ(v) ((unsigned)((v) & 0x3fu))
#define EL2_VTCR_SL0(v) ((unsigned)(((v) >> 6) & 3u))
#define EL2_VTCR_TG0(v) ((unsigned)(((v) >> 14) & 3u))
#define EL2_VTCR_PS(v) ((unsigned)(((v) >> 16) & 7u))
/* VTTBR_EL2.BADDR (bits [47:1]; CnP is bit 0) and VMID (bits [63:48]). */
#define EL2_VTTBR_BADDR_MASK 0x0000fffffffffffeull
#define EL2_VTTBR_VMID(v) ((unsigned)((v) >> 48))

/* Stage-2 descriptor fields (4 KiB granule). */
#define EL2_S2D_VALID (1ull << 0)
#define EL2_S2D_TABLE (1ull << 1)    /* table (levels 0-2) or page (level 3) */
#define EL2_S2D_S2AP_R (1ull << 6)
#define EL2_S2D_S2AP_W (1ull << 7)
#define EL2_S2D_AF (1ull << 10)
#define EL2_S2D_XN (1ull << 54)
#define EL2_S2D_OA_MASK 0x0000fffffffff000ull

#ifdef __cplusplus
}
#endif
#endif
