// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// AECV_CLONES: compile a function for AVX-512 (x86-64-v4), AVX2 + FMA (x86-64-v3) and baseline
// x86-64, and pick one at load time (GCC's target_clones, an ifunc). For the trainer's
// element-wise loops: the build targets baseline x86-64, whose 4-wide SSE2 made them slower than
// OpenCV's own dispatched functions. The training library compiles with -ffp-contract=off, so the
// clones round exactly as the baseline does: the same model on every CPU.
#pragma once

// Not under ThreadSanitizer: the ifunc resolver runs while the program is being loaded, before
// the TSan runtime it is instrumented to call has started (segfault at start).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_THREAD__)
#define AECV_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define AECV_CLONES
#endif
