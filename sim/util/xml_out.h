/* SPDX-License-Identifier: MIT */
/* Writing text into XML reports (JUnit, SVG charts). */
#ifndef EL2SIM_XML_OUT_H
#define EL2SIM_XML_OUT_H

#include <stdio.h>

/* s as XML character data or attribute value: <, >, & and " escaped;
 * control characters other than newline dropped (XML 1.0 has no
 * escape for most of them, and a report must stay well-formed). */
void xml_out_str(FILE *f, const char *s);

#endif
