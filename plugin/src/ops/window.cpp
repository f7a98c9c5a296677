// aecv: autoencoders for OpenCV.
#include "ops/window.hpp"

#include <opencv2/core.hpp>

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
    const int k = vertical ? kernelH : kernelW, d = vertical ? dilationH : dilationW;
    const int s = vertical ? strideH : strideW;
    const int padded = in + (vertical ? padTop + padBottom : padLeft + padRight);
    const int extent = (k - 1) * d + 1;
    if (padded < extent)
        CV_Error(cv::Error::StsBadSize, cv::format("%s input %s %d (padded %d) is smaller than the kernel "
                 "extent %d", op, vertical ? "height" : "width", in, padded, extent));
    return (padded - extent) / s + 1;
}

int Window2d::transposedOut(int in, bool vertical, int outputPadding) const {
    const int k = vertical ? kernelH : kernelW, d = vertical ? dilationH : dilationW;
    const int s = vertical ? strideH : strideW;
    const int pads = vertical ? padTop + padBottom : padLeft + padRight;
    return (in - 1) * s - pads + (k - 1) * d + 1 + outputPadding;
}

}  // namespace aecv::ops
