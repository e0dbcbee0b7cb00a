/* Seed for fuzz_elf: a small object with the loader's relocation types,
 * local, global and undefined symbols, .data/.bss/.rodata and a
 * non-allocated section with its own relocations. Built at build time as
 * ET_REL (seed_rel.o), ET_EXEC (seed_exec.elf) and ET_DYN (seed_dyn.elf);
 * ext_func and ext_data are the definitions fuzz_elf.c passes (symdefs),
 * or --defsym when linking. */
	.text
	.globl	_start
	.type	_start, %function
_start:
	adrp	x0, table
	add	x0, x0, :lo12:table
	adr	x1, table
	ldr	x2, [x0, :lo12:table]
	ldr	w3, literal
	bl	ext_func
	b.ne	helper
	tbz	x3, #1, helper
	cbz	x3, helper
#ifndef PIC
	movz	x4, #:abs_g1:ext_data
	movk	x4, #:abs_g0_nc:ext_data
#endif
	mrs	x5, currentel
	msr	vbar_el2, x0
	hvc	#0
	eret
	.size	_start, . - _start

	.type	helper, %function
helper:
	b	ext_func
	ret
	.size	helper, . - helper

	.section .rodata, "a"
	.balign	8
literal:	.word	0x12345678

	.data
	.balign	8
	.globl	table
table:	.xword	helper
	.word	table - .
	.xword	table - .
#ifndef PIC
	.word	ext_data
#endif

	.bss
	.balign	16
	.globl	stack
stack:	.skip	64
stack_top:

	.section .note.fuzz, "", %progbits
	.xword	table
