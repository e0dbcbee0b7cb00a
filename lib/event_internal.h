/* SPDX-License-Identifier: MIT */
/* The Event Register and InterruptPending() (lib/event.c). Internal to lib/. */
#ifndef EL2SIM_EVENT_INTERNAL_H
#define EL2SIM_EVENT_INTERNAL_H

#include "pe_internal.h"

void event_send_local(el2_pe *pe);        /* SendEventLocal, SendEvent */
void event_clear(el2_pe *pe);             /* ClearEventRegister */
bool event_is_set(const el2_pe *pe);      /* IsEventRegisterSet */
bool event_interrupt_pending(const el2_pe *pe); /* InterruptPending */

#endif
