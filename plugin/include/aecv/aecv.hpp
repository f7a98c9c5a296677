// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <aecv/version.hpp>

/// @file
/// Entry point of the aecv library: autoencoder layers for OpenCV's dnn module, computed with oneDNN.

namespace aecv {

/// The library's version, e.g. "0.1.0".
const char* version();

/// Sets the number of threads for both oneDNN (OpenMP) and OpenCV, so the two pools do not
/// oversubscribe the cores. n <= 0 restores the default: one thread per core.
void setNumThreads(int n);

/// The thread count aecv's oneDNN primitives run with.
int getNumThreads();

}  // namespace aecv
