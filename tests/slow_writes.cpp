// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Preloaded (LD_PRELOAD) into aecv-train by the fault tests so that a write can be caught in the
// act on any machine: a large write to a regular file writes 64 KiB, waits 2 ms and returns that
// short count, as a slow disk may (POSIX callers loop on short writes, and aecv's atomic writer
// does), and fsync takes 5 ms more. Without it a 1.3 MB checkpoint lands in well under a millisecond on a fast disk,
// and a poller sharing two busy cores with the rest of the suite can miss every one of them.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cstddef>

namespace {

constexpr size_t kPiece = 64 * 1024;
constexpr long kPieceDelayNs = 2000000;
constexpr long kFsyncDelayNs = 5000000;

void pause(long ns) {
    timespec t{0, ns};
    while (::nanosleep(&t, &t) != 0) {
    }
}

bool regularFile(int fd) {
    struct stat s {};
    return ::fstat(fd, &s) == 0 && S_ISREG(s.st_mode);
}

using WriteFn = ssize_t (*)(int, const void*, size_t);
using FsyncFn = int (*)(int);

WriteFn realWrite() {
    static const auto fn = reinterpret_cast<WriteFn>(::dlsym(RTLD_NEXT, "write"));
    return fn;
}

FsyncFn realFsync() {
    static const auto fn = reinterpret_cast<FsyncFn>(::dlsym(RTLD_NEXT, "fsync"));
    return fn;
}

}  // namespace

extern "C" ssize_t write(int fd, const void* buf, size_t count) {
    if (count <= kPiece || !regularFile(fd)) return realWrite()(fd, buf, count);
    const ssize_t n = realWrite()(fd, buf, kPiece);
    pause(kPieceDelayNs);
    return n;
}

extern "C" int fsync(int fd) {
    pause(kFsyncDelayNs);
    return realFsync()(fd);
}
