// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#pragma once

/// @file
/// AECV_EXPORT: what libaecv.so exports. The library is built with hidden symbols, so its ABI is
/// exactly the classes and functions of these headers marked so.
#define AECV_EXPORT __attribute__((visibility("default")))
