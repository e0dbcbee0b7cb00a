# corners the parser must handle: CRLF, comments, case, ranges, alloc
[WORLD]
mode = VHE
run = call __vhe_vcpu_run+0x10
context = alloc 0x1000
entry_asm = __guest_enter, __guest_exit
irq = no
[el2]
s3_4_c1_c1_0 = 0x80000000
vbar_el2 = __hyp_vectors+0x800
[memory]
top = 0xffffffffffffe000 0x1000 hyp xn
guest = 0x80000000 0x10000 guest el0 ro
[guest]
v8 = 0x0
v9 = 0x10
fpcr = 0x20
[host]
preserve = d8-d15 x19-x29 sp_el1
exit_abi = none
pstate = none
