/*
 * UTF-8 validation, decoding and encoding, shared by the generator (which
 * checks the data) and the log readers (which check what they copy from
 * logs into their output, and convert UTF-16 and JSON escapes).
 */
#ifndef ACSDIAG_UTF8_H
#define ACSDIAG_UTF8_H

#include <stddef.h>

/*
 * The length of the valid UTF-8 sequence at s[0..n) (n > 0): 1 to 4, 0 if
 * it is not valid (an overlong form, a surrogate, past U+10FFFF, a stray
 * continuation byte), or -1 if it may be valid but is cut short at n.
 */
static inline int
utf8_sequence(const unsigned char *s, size_t n)
{
	size_t need, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		need = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		need = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		need = 4;
	else
		return 0;
	for (i = 1; i < need; i++) {
		if (i >= n)
			return -1;
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	}
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) ||
	    (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] > 0x8f))
		return 0;
	return (int)need;
}

/* The code point of the valid sequence of len bytes at s. */
static inline unsigned long
utf8_decode(const unsigned char *s, int len)
{
	static const unsigned char lead_mask[] = { 0, 0x7f, 0x1f, 0x0f, 0x07 };
	unsigned long c = s[0] & lead_mask[len];

	for (int i = 1; i < len; i++)
		c = c << 6 | (s[i] & 0x3f);
	return c;
}

/* Write the UTF-8 of code point c (at most U+10FFFF) to out: returns its
 * length, 1 to 4. */
static inline size_t
utf8_encode(unsigned long c, unsigned char out[4])
{
	size_t k = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
	static const unsigned char lead[] = { 0, 0, 0xc0, 0xe0, 0xf0 };

	for (size_t i = k - 1; i > 0; i--, c >>= 6)
		out[i] = (unsigned char)(0x80 | (c & 0x3f));
	out[0] = (unsigned char)(lead[k] | c);
	return k;
}

#endif
