/* STUB: owned by the exceptions helper. */
#include "pe_internal.h"
#include "exc_internal.h"
void el2_set_line(el2_pe *pe, el2_irq_line line, bool asserted)
{ if (asserted) pe->s.lines |= line; else pe->s.lines &= ~(uint32_t)line; }
uint32_t el2_lines(const el2_pe *pe) { return pe->s.lines; }
bool el2_deliver_interrupt(el2_pe *pe, el2_exc_outcome *out) { (void)pe; (void)out; return false; }
bool el2_interrupt_pending(const el2_pe *pe) { (void)pe; return false; }
