#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver (LLVM ≥ 11), linked in by `-sanitize=fuzzer`. The fuzz targets call it from
// their own `main`: SwiftPM renames an executable's entry point and links `main` to it, so
// libFuzzer's `main` cannot be the program's.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
