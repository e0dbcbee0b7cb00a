// SPDX-License-Identifier: MIT
// The tutorial's seeded bug (docs/tutorial.md): its entry.S with
// BUG_HOST_SP_EL0, so guest_exit forgets to give the host its SP_EL0 back.
// A wrapper rather than --defsym, which clang 14's assembler lacks.
	.equ	BUG_HOST_SP_EL0, 1
	.include "entry.S"
