// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// What the fuzz targets share: a quiet process, and one forward of a loaded model on a small input.
#pragma once

#include <opencv2/dnn.hpp>

#include "model/model.hpp"

namespace aecv::fuzz {

// Once per process: aecv layers registered, one thread, OpenCV's log silenced.
void setUp();

// Runs `net` (loaded from `m`) once on a small random input with every graph output requested.
// Skips models whose input cannot be made small or whose tensors would exceed ~64 MB at that
// input: bounding memory is the harness's choice, not something a model file can be blamed for.
void forwardOnce(const model::Model& m, cv::dnn::Net& net);

// A cv::Exception is the right answer to a bad file: printed when AECV_FUZZ_VERBOSE is set.
void refused(const cv::Exception& e);

}  // namespace aecv::fuzz
