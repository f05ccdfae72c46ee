/* A stand-in for Windows' bcryptprimitives.dll, for tests under Wine only:
 * never shipped. Go 1.22+ programs take their random bytes from its
 * ProcessPrng, which Wine 8 does not have; RtlGenRandom gives the same. */
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) { return RtlGenRandom(data, (ULONG)len); }
