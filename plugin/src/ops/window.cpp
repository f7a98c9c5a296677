// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/window.hpp"

#include <opencv2/core.hpp>

#include "ops/tensor.hpp"

namespace aecv::ops {

void Window2d::validate(const char* op) const {
    auto positive = [op](int v, const char* what) {
        if (v < 1) CV_Error(cv::Error::StsOutOfRange, cv::format("%s %s is %d; expected >= 1", op, what, v));
    };
    auto nonNegative = [op](int v, const char* what) {
        if (v < 0) CV_Error(cv::Error::StsOutOfRange, cv::format("%s %s is %d; expected >= 0", op, what, v));
    };
    positive(kernelH, "kernel height");
    positive(kernelW, "kernel width");
    positive(strideH, "stride (vertical)");
    positive(strideW, "stride (horizontal)");
    positive(dilationH, "dilation (vertical)");
    positive(dilationW, "dilation (horizontal)");
    nonNegative(padTop, "top padding");
    nonNegative(padLeft, "left padding");
    nonNegative(padBottom, "bottom padding");
    nonNegative(padRight, "right padding");
}

int Window2d::convOut(int in, bool vertical, const char* op) const {
    const int64_t k = vertical ? kernelH : kernelW, d = vertical ? dilationH : dilationW;
    const int64_t s = vertical ? strideH : strideW;
    const int64_t padded = int64_t{in} + (vertical ? int64_t{padTop} + padBottom : int64_t{padLeft} + padRight);
    const int64_t extent = (k - 1) * d + 1;
    if (padded < extent)
        CV_Error(cv::Error::StsBadSize, cv::format("%s input %s %d (padded %lld) is smaller than the kernel "
                 "extent %lld", op, vertical ? "height" : "width", in, static_cast<long long>(padded),
                 static_cast<long long>(extent)));
    return checkedDim((padded - extent) / s + 1, op, vertical ? "output height" : "output width");
}

int Window2d::transposedOut(int in, bool vertical, int outputPadding, const char* op) const {
    const int64_t k = vertical ? kernelH : kernelW, d = vertical ? dilationH : dilationW;
    const int64_t s = vertical ? strideH : strideW;
    const int64_t pads = vertical ? int64_t{padTop} + padBottom : int64_t{padLeft} + padRight;
    return checkedDim((int64_t{in} - 1) * s - pads + (k - 1) * d + 1 + outputPadding, op,
                      vertical ? "output height" : "output width");
}

}  // namespace aecv::ops
