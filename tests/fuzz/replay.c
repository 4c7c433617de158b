/*
 * Replay fuzz inputs without libFuzzer: run a fuzz target on each file
 * named, so that the seed corpora and every input a fuzzer once crashed
 * on are tested by make check with the normal build.
 *
 * usage: replay FILE...
 */
#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char *argv[])
{
	unsigned char *buf = NULL;
	size_t len, cap = 0, n;
	FILE *fp;

	for (int i = 1; i < argc; i++) {
		if ((fp = fopen(argv[i], "rb")) == NULL)
			err(2, "%s", argv[i]);
		len = 0;
		do {
			if (len == cap && (buf = realloc(buf, cap = cap * 2 +
			    4096)) == NULL)
				err(2, NULL);
			n = fread(buf + len, 1, cap - len, fp);
			len += n;
		} while (n > 0);
		if (ferror(fp))
			err(2, "%s", argv[i]);
		fclose(fp);
		LLVMFuzzerTestOneInput(buf, len);
	}
	free(buf);
	printf("replay: %d passed, 0 failed\n", argc - 1);
	return 0;
}
