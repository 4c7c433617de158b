/*
 * Case folding for search, shared by the generator (which stores folded
 * copies of the long texts) and the search core: ASCII letters to lower
 * case, a newline to a space, other bytes unchanged.
 */
#ifndef ACSDIAG_FOLD_H
#define ACSDIAG_FOLD_H

static inline unsigned char
fold(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return (unsigned char)(c - 'A' + 'a');
	return c == '\n' ? ' ' : c;
}

#endif
