#ifndef CHEAPSTATS_H
#define CHEAPSTATS_H
#include <stddef.h>

/// Bytes malloc has handed out and not had back (glibc's mallinfo2: uordblks + hblkhd);
/// 0 where mallinfo2 does not exist. A shim because Swift's Glibc module leaves out malloc.h.
size_t cheapstats_heap_in_use(void);

#endif
