[world]
load = 0x40000000
exit_code = x1
[host]
el2_preserve = tpidr_el2;c
