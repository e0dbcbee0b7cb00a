/* SPDX-License-Identifier: MIT */
/* el2sim bench's SVG chart (docs/bench.md, "Output"): per scenario a panel;
 * per phase and range a group of stacked bars (estimated cycles by class),
 * one bar per model and, with --compare, per object (series A and B), each
 * labelled, its total written above it; a y axis with round ticks; a legend
 * of the classes drawn. A model whose numbers repeat an earlier model's
 * gets no bars (the same cycles twice say nothing; the title says so). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cost_internal.h"
#include "el2sim/cost.h"
#include "xml_out.h"

static const char *const class_colour[EL2_CC__COUNT] = {
	"#4e79a7", "#f28e2b", "#59a14f", "#b6992d", "#8cd17d", "#e15759", "#ff9d9a",
	"#d37295", "#79706e", "#bab0ac", "#499894", "#86bcb6", "#9d7660", "#b07aa1",
	"#edc948", "#a0cbe8", "#d4a6c8",
};

enum {
	PLOT_X = 70,    /* the y axis */
	PLOT_TOP = 64,  /* below the title lines */
	PLOT_H = 220,
	BAR_W = 28,
	BAR_GAP = 3,
	GROUP_GAP = 26,
	LABEL_H = 84,   /* rotated bar labels under the axis */
	LEGEND_W = 150,
	PANEL_H = PLOT_TOP + PLOT_H + LABEL_H + 40,
};

/* A step of 1, 2 or 5 times a power of ten giving at most 6 ticks up to
 * max, at least 1 (cycles). */
static double tick_step(double max)
{
	double raw = max / 5, mag = 1;
	while (mag * 10 <= raw)
		mag *= 10;
	double n = raw / mag;
	return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
}

typedef struct chart {
	const el2_cost_report *series[2];
	const char *tag[2]; /* "A", "B"; NULL: a single series, no tag */
	size_t n_series;
	bool model_on[EL2_COST_MAX_MODELS];
	size_t same_as[EL2_COST_MAX_MODELS]; /* not drawn: the model with its numbers */
	size_t n_bars_per_group;
} chart;

static double bar_total(const el2_cost_row *row, size_t mi)
{
	double t = 0;
	for (unsigned c = 0; row && c < EL2_CC__COUNT; c++)
		t += row->class_cycles[mi][c];
	return t;
}

static size_t n_groups(const el2_cost_result *r)
{
	return r->n_rows ? r->n_rows - 1 : 0; /* every row but total */
}

static int panel_width(const chart *ch, const el2_cost_result *r)
{
	size_t g = n_groups(r);
	return PLOT_X + (int)(g * (ch->n_bars_per_group * (BAR_W + BAR_GAP) + GROUP_GAP)) +
	       LEGEND_W;
}

static void panel_title(const chart *ch, const el2_cost_result *r, int y0, FILE *f)
{
	const el2_cost_report *rep = ch->series[0];
	fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"14\" font-weight=\"bold\">scenario ",
		PLOT_X, y0 + 20);
	xml_out_str(f, r->scenario);
	fputs(": estimated cycles per phase</text>\n", f);
	fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"11\">models:", PLOT_X, y0 + 36);
	const char *sep = " ";
	for (size_t mi = 0; mi < rep->n_models && mi < EL2_COST_MAX_MODELS; mi++) {
		if (!ch->model_on[mi] && ch->same_as[mi] == SIZE_MAX)
			continue; /* not chosen */
		fputs(sep, f);
		xml_out_str(f, rep->models[mi].name);
		fprintf(f, " (%.0f MHz)", rep->models[mi].freq_mhz);
		if (ch->same_as[mi] != SIZE_MAX) {
			fputs(": same cycles as ", f);
			xml_out_str(f, rep->models[ch->same_as[mi]].name);
		}
		sep = "; ";
	}
	fputs("</text>\n", f);
	if (ch->tag[0]) {
		fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"11\">", PLOT_X, y0 + 52);
		for (size_t s = 0; s < ch->n_series; s++) {
			fprintf(f, "%s%s = ", s ? ", " : "series ", ch->tag[s]);
			xml_out_str(f, ch->series[s]->object ? ch->series[s]->object : "?");
		}
		fputs("</text>\n", f);
	}
}

/* The y axis: round ticks up to the first tick at or above maxc; returns
 * the axis top value. */
static double y_axis(int top, int base, double maxc, FILE *f)
{
	double step = tick_step(maxc), axis = step * (double)(uint64_t)(maxc / step);
	if (axis < maxc)
		axis += step;
	fprintf(f, "<g class=\"y-axis\">\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		"stroke=\"black\"/>\n", PLOT_X, top, PLOT_X, base);
	for (double v = 0; v <= axis + step / 2; v += step) {
		double y = base - PLOT_H * v / axis;
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ccc\"/>"
			"<text class=\"tick\" x=\"%d\" y=\"%.1f\" font-size=\"10\" "
			"text-anchor=\"end\">%.0f</text>\n", PLOT_X - 3, y, PLOT_X + 4, y, PLOT_X - 6,
			y + 3, v);
	}
	fprintf(f, "</g>\n<text x=\"16\" y=\"%d\" font-size=\"11\" transform=\"rotate(-90 16 %d)\" "
		"text-anchor=\"middle\">cycles (estimated)</text>\n", top + PLOT_H / 2,
		top + PLOT_H / 2);
	return axis;
}

static void bar(const chart *ch, size_t s, size_t mi, const el2_cost_row *row, double x,
		int base, double axis, bool *used, FILE *f)
{
	const el2_cost_report *rep = ch->series[s];
	double y = base;
	fprintf(f, "<g class=\"bar\" data-row=\"");
	xml_out_str(f, row->name);
	fprintf(f, "\" data-model=\"");
	xml_out_str(f, rep->models[mi].name);
	fprintf(f, "\" data-series=\"%s\">\n", ch->tag[s] ? ch->tag[s] : "");
	for (unsigned c = 0; c < EL2_CC__COUNT; c++) {
		double v = row->class_cycles[mi][c], h = v / axis * PLOT_H;
		if (v <= 0)
			continue;
		used[c] = true;
		y -= h;
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
			"<title>", x, y, BAR_W, h, class_colour[c]);
		xml_out_str(f, row->name);
		fprintf(f, ", %s: %.1f cycles</title></rect>\n", el2_cost_class_name(c), v);
	}
	fprintf(f, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
		"text-anchor=\"middle\">%.0f</text>\n", x + BAR_W / 2.0, y - 3, bar_total(row, mi));
	double lx = x + BAR_W / 2.0 + 3, ly = base + 6;
	fprintf(f, "<text class=\"bar-label\" x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
		"text-anchor=\"end\" transform=\"rotate(-90 %.1f %.1f)\">", lx, ly, lx, ly);
	if (ch->tag[s])
		fprintf(f, "%s ", ch->tag[s]);
	xml_out_str(f, rep->models[mi].name);
	fputs("</text>\n</g>\n", f);
}

static void legend(const bool *used, int x, int y, FILE *f)
{
	fputs("<g class=\"legend\">\n", f);
	for (unsigned c = 0; c < EL2_CC__COUNT; c++) {
		if (!used[c])
			continue;
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
			"<text class=\"legend-entry\" x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>\n",
			x, y, class_colour[c], x + 14, y + 9, el2_cost_class_name(c));
		y += 14;
	}
	fputs("</g>\n", f);
}

static void panel(const chart *ch, const el2_cost_result *r, int y0, FILE *f)
{
	const el2_cost_result *rs[2] = {r, NULL};
	for (size_t s = 1; s < ch->n_series; s++)
		rs[s] = cost_find_result(ch->series[s], r->scenario);
	double maxc = 1;
	for (size_t i = 0; i < r->n_rows; i++)
		for (size_t s = 0; s < ch->n_series; s++)
			for (size_t mi = 0; mi < ch->series[0]->n_models; mi++) {
				double t = ch->model_on[mi] ? bar_total(cost_find_row(rs[s], r->rows[i].name), mi) : 0;
				if (i != EL2_COST_ROW_TOTAL && t > maxc)
					maxc = t;
			}
	fprintf(f, "<g class=\"panel\" data-scenario=\"");
	xml_out_str(f, r->scenario);
	fputs("\">\n", f);
	panel_title(ch, r, y0, f);
	int top = y0 + PLOT_TOP, base = top + PLOT_H;
	double axis = y_axis(top, base, maxc * 1.08 /* room for the values */, f);
	bool used[EL2_CC__COUNT] = {0};
	double x = PLOT_X + GROUP_GAP / 2.0;
	for (size_t i = 0; i < r->n_rows; i++) {
		if (i == EL2_COST_ROW_TOTAL)
			continue;
		double gx = x;
		for (size_t s = 0; s < ch->n_series; s++) {
			const el2_cost_row *row = cost_find_row(rs[s], r->rows[i].name);
			for (size_t mi = 0; mi < ch->series[0]->n_models; mi++) {
				if (!ch->model_on[mi])
					continue;
				if (row)
					bar(ch, s, mi, row, x, base, axis, used, f);
				x += BAR_W + BAR_GAP;
			}
		}
		fprintf(f, "<text class=\"group-label\" x=\"%.1f\" y=\"%d\" font-size=\"12\" "
			"font-weight=\"bold\" text-anchor=\"middle\">", (gx + x - BAR_GAP) / 2,
			base + LABEL_H + 16);
		xml_out_str(f, r->rows[i].name);
		fputs("</text>\n", f);
		x += GROUP_GAP;
	}
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>\n", PLOT_X,
		base, x, base);
	legend(used, (int)x + 10, top, f);
	fputs("</g>\n", f);
}

void el2_cost_write_svg(const el2_cost_report *rep, const el2_cost_report *b, size_t mi,
			FILE *f)
{
	chart ch = {.series = {rep, b}, .n_series = b ? 2 : 1};
	if (b) {
		ch.tag[0] = "A";
		ch.tag[1] = "B";
	}
	size_t nm = rep->n_models < EL2_COST_MAX_MODELS ? rep->n_models : EL2_COST_MAX_MODELS;
	for (size_t m = 0; m < nm; m++) {
		ch.model_on[m] = mi == SIZE_MAX ? true : m == mi;
		ch.same_as[m] = SIZE_MAX;
		for (size_t k = 0; k < m && ch.model_on[m] && mi == SIZE_MAX; k++)
			if (ch.model_on[k] && el2_cost_model_same_cycles(&rep->models[k], &rep->models[m])) {
				ch.model_on[m] = false;
				ch.same_as[m] = k;
			}
		ch.n_bars_per_group += ch.model_on[m] ? ch.n_series : 0;
	}
	int w = 760;
	for (size_t s = 0; s < rep->n_results; s++) {
		int pw = panel_width(&ch, &rep->results[s]);
		if (pw > w)
			w = pw;
	}
	size_t n = rep->n_results ? rep->n_results : 1;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/"
		"2000/svg\" width=\"%d\" height=\"%zu\" font-family=\"sans-serif\">\n"
		"<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n", w, n * PANEL_H);
	if (ch.n_bars_per_group)
		for (size_t s = 0; s < rep->n_results; s++)
			panel(&ch, &rep->results[s], (int)(s * PANEL_H), f);
	fputs("</svg>\n", f);
}
