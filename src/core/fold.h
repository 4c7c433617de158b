/*
 * Case folding for search, shared by the generator (which stores folded
 * copies of the long texts) and the search core: ASCII letters to lower
 * case, a newline to a space, other bytes unchanged.  And what a word is.
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

/* A byte of a word or key: an ASCII letter, digit or underscore. */
static inline int
is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

#endif
