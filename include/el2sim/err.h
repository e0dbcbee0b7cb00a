/* SPDX-License-Identifier: MIT */
/* el2sim error values. No library function prints or aborts: every failure
 * is one of these, and el2_strerror() gives a sentence for it. */
#ifndef EL2SIM_ERR_H
#define EL2SIM_ERR_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum el2_err {
	EL2_OK = 0,
	/* Any function: a NULL pointer or an out-of-range argument. */
	EL2_ERR_INVALID_ARG,
	/* el2_pe_new, el2_snapshot_take: allocation failed. */
	EL2_ERR_NOMEM,
	/* el2_reg_read/write, el2_reg_by_name: no register with that id or name. */
	EL2_ERR_UNKNOWN_REG,
	/* el2_pe_new: the configuration names an impossible combination
	 * (e.g. FEAT_VHE without EL2, FEAT_PAN2 without FEAT_PAN). */
	EL2_ERR_BAD_CONFIG,
	/* el2_reg_write: register is read-only in this configuration. */
	EL2_ERR_READ_ONLY,
	/* el2_snapshot_restore/diff: snapshot belongs to a different configuration. */
	EL2_ERR_SNAPSHOT_MISMATCH,
	/* el2_at_complete: no address translation is pending. */
	EL2_ERR_NO_PENDING_AT,
	EL2_ERR__COUNT
} el2_err;

/* A sentence describing the error; never NULL, also for unknown values. */
const char *el2_strerror(el2_err err);

#ifdef __cplusplus
}
#endif
#endif
