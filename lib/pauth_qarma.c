/* SPDX-License-Identifier: MIT */
/* shared/functions/crypto/ComputePAC (Arm ARM DDI 0487 J.a): the QARMA5-64
 * block cipher the architected PAC algorithm uses (ID_AA64ISAR1_EL1.APA = 1),
 * with its helpers PACCellShuffle, PACCellInvShuffle, PACMult, PACSub,
 * PACInvSub, TweakShuffle, TweakInvShuffle, TweakCellRot, RotCell.
 *
 * The shuffles are written as tables of nibble sources: output nibble i
 * (bits [4i+3:4i]) is input nibble src[i]. The tables are the pseudocode's
 * assignments (outdata<3:0> = indata<55:52> gives src[0] = 13, ...); the
 * inverse shuffles are computed from them so the two cannot disagree.
 * tests/test_pauth.c checks the result against values Unicorn's (QEMU's)
 * implementation computes (tests/engine/test_unicorn_facts.c). */
#include "pauth.h"

static uint64_t nib(uint64_t v, unsigned i)
{
	return (v >> (4 * i)) & 0xfu;
}

/* PACCellShuffle: outdata<3:0> = indata<55:52>, <7:4> = <27:24>, ... */
static const uint8_t cell_src[16] = {13, 6, 11, 0, 7, 12, 1, 10, 8, 3, 14, 5, 2, 9, 4, 15};
/* TweakShuffle: outdata<3:0> = indata<19:16>, <7:4> = <23:20>,
 * <11:8> = TweakCellRot(indata<27:24>), ... */
static const uint8_t tweak_src[16] = {4, 5, 6, 7, 11, 2, 3, 8, 12, 13, 14, 15, 0, 1, 10, 9};
static const uint8_t tweak_rot[16] = {0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1};

/* PACSub: the 4-bit S-box; PACInvSub its inverse. */
static const uint8_t sbox[16] = {0xb, 0x6, 0x8, 0xf, 0xc, 0x0, 0x9, 0xe,
				 0x3, 0x7, 0x4, 0x5, 0xd, 0x2, 0x1, 0xa};

static uint64_t shuffle(uint64_t in, const uint8_t src[16])
{
	uint64_t out = 0;
	for (unsigned i = 0; i < 16; i++)
		out |= nib(in, src[i]) << (4 * i);
	return out;
}

static uint64_t inv_shuffle(uint64_t in, const uint8_t src[16])
{
	uint64_t out = 0;
	for (unsigned i = 0; i < 16; i++)
		out |= nib(in, i) << (4 * src[i]);
	return out;
}

static uint64_t sub(uint64_t in, bool inverse)
{
	uint8_t inv[16];
	for (unsigned i = 0; i < 16; i++)
		inv[sbox[i]] = (uint8_t)i;
	const uint8_t *t = inverse ? inv : sbox;
	uint64_t out = 0;
	for (unsigned i = 0; i < 16; i++)
		out |= (uint64_t)t[nib(in, i)] << (4 * i);
	return out;
}

/* RotCell(incell, amount): rotate the 4-bit cell left by amount. */
static uint64_t rot_cell(uint64_t c, unsigned amount)
{
	return ((c << amount) | (c >> (4 - amount))) & 0xfu;
}

/* PACMult: each column (nibbles i, i+4, i+8, i+12) times the matrix
 * circ(0, rho, rho^2, rho) of QARMA. */
static uint64_t mult(uint64_t in)
{
	uint64_t out = 0;
	for (unsigned i = 0; i < 4; i++) {
		uint64_t a = nib(in, i), b = nib(in, i + 4), c = nib(in, i + 8), d = nib(in, i + 12);
		uint64_t t0 = rot_cell(c, 1) ^ rot_cell(b, 2) ^ rot_cell(a, 1);
		uint64_t t1 = rot_cell(d, 1) ^ rot_cell(b, 1) ^ rot_cell(a, 2);
		uint64_t t2 = rot_cell(d, 2) ^ rot_cell(c, 1) ^ rot_cell(a, 1);
		uint64_t t3 = rot_cell(d, 1) ^ rot_cell(c, 2) ^ rot_cell(b, 1);
		out |= t3 << (4 * i) | t2 << (4 * (i + 4)) | t1 << (4 * (i + 8)) | t0 << (4 * (i + 12));
	}
	return out;
}

/* TweakCellRot: outcell<3> = incell<0> EOR incell<1>; outcell<2:0> =
 * incell<3:1>. */
static uint64_t tweak_cell_rot(uint64_t c)
{
	return (c >> 1) | (((c ^ (c >> 1)) & 1u) << 3);
}

/* Its inverse (TweakCellInvRot). */
static uint64_t tweak_cell_inv_rot(uint64_t c)
{
	return ((c << 1) & 0xeu) | (((c >> 3) ^ c) & 1u);
}

static uint64_t tweak_shuffle(uint64_t in)
{
	uint64_t out = 0;
	for (unsigned i = 0; i < 16; i++) {
		uint64_t c = nib(in, tweak_src[i]);
		out |= (tweak_rot[i] ? tweak_cell_rot(c) : c) << (4 * i);
	}
	return out;
}

static uint64_t tweak_inv_shuffle(uint64_t in)
{
	uint64_t out = 0;
	for (unsigned i = 0; i < 16; i++) {
		uint64_t c = nib(in, i);
		out |= (tweak_rot[i] ? tweak_cell_inv_rot(c) : c) << (4 * tweak_src[i]);
	}
	return out;
}

uint64_t pauth_compute_pac(uint64_t data, uint64_t modifier, uint64_t key0, uint64_t key1)
{
	static const uint64_t rc[5] = {0x0000000000000000ull, 0x13198A2E03707344ull,
				       0xA4093822299F31D0ull, 0x082EFA98EC4E6C89ull,
				       0x452821E638D01377ull};
	const uint64_t alpha = 0xC0AC29B7C97C50DDull;
	/* modk0 = key0<0>:key0<63:2>:(key0<63> EOR key0<1>) */
	uint64_t modk0 = (key0 << 63) | ((key0 >> 1) ^ (key0 >> 63));
	uint64_t mod = modifier, w = data ^ key0;

	for (unsigned i = 0; i <= 4; i++) {
		w ^= key1 ^ mod;
		w ^= rc[i];
		if (i > 0)
			w = mult(shuffle(w, cell_src));
		w = sub(w, false);
		mod = tweak_shuffle(mod);
	}
	w ^= modk0 ^ mod;
	w = mult(shuffle(w, cell_src));
	w = sub(w, false);
	w = mult(shuffle(w, cell_src));
	w ^= key1;
	w = inv_shuffle(w, cell_src);
	w = sub(w, true);
	w = mult(w);
	w = inv_shuffle(w, cell_src);
	w ^= key0 ^ mod;
	for (unsigned i = 0; i <= 4; i++) {
		w = sub(w, true);
		if (i < 4)
			w = inv_shuffle(mult(w), cell_src);
		mod = tweak_inv_shuffle(mod);
		w ^= rc[4 - i];
		w ^= key1 ^ mod;
		w ^= alpha;
	}
	return w ^ modk0;
}
