// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Window2d: the sliding-window geometry shared by Conv2D, ConvTranspose2D and MaxPool.
#pragma once

#include <oneapi/dnnl/dnnl.hpp>

namespace aecv::ops {

struct Window2d {
    int kernelH = 1, kernelW = 1;
    int strideH = 1, strideW = 1;
    int padTop = 0, padLeft = 0, padBottom = 0, padRight = 0;
    int dilationH = 1, dilationW = 1;

    // Throws cv::Exception naming `op` and the bad value (kernel/stride/dilation < 1, padding < 0).
    void validate(const char* op) const;

    // Output size of a convolution / pooling over `in` (cv::Exception if the window does not fit
    // or the size leaves int's range).
    int convOut(int in, bool vertical, const char* op) const;
    // Output size of a transposed convolution, plus output padding on the bottom/right
    // (cv::Exception naming `op` unless it is 1..INT_MAX).
    int transposedOut(int in, bool vertical, int outputPadding, const char* op) const;

    dnnl::memory::dims strides() const { return {strideH, strideW}; }
    dnnl::memory::dims kernel() const { return {kernelH, kernelW}; }
    dnnl::memory::dims dilates() const { return {dilationH - 1, dilationW - 1}; }  // oneDNN counts from 0
    dnnl::memory::dims padL() const { return {padTop, padLeft}; }
    dnnl::memory::dims padR() const { return {padBottom, padRight}; }
};

}  // namespace aecv::ops
