/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include "cli.h"
int cmd_demo(int argc, char **argv) { (void)argc; (void)argv; puts("demo: TODO"); return 0; }
