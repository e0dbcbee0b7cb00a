# the host's calling contract: per-scenario preserve lists, PSTATE at the call
[world]
mode = vhe
run = call __vhe_vcpu_run
unknown_hvc = 0xc600ffff
[guest]
x0 = 0
mair_el1 = 8
[host]
preserve = x18-x29 sp mair_el1 mair_el12
preserve.unknown_hvc = x1-x30 sp
PRESERVE.IRQ = x19-x29
exit_abi = x0-x17 v0-v31 fpsr fpcr
pstate = daif pan uao dit spsel el
pstate_at_call = pan=1 uao=1 daif=0xf ssbs=random dit=0
