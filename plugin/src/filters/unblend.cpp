// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "filters/unblend.hpp"

#include <algorithm>

namespace aecv::filters {

namespace {

void requireSame(const cv::Mat& x, const cv::Mat& other, int type, const char* what) {
    CV_Assert(x.type() == CV_32FC3);
    if (other.size() != x.size() || other.type() != type)
        CV_Error(cv::Error::StsUnmatchedSizes, cv::format("unblend: %s is %dx%d %s; expected %dx%d %s", what,
                 other.cols, other.rows, cv::typeToString(other.type()).c_str(), x.cols, x.rows,
                 cv::typeToString(type).c_str()));
}

}  // namespace

void rampedMask(const cv::Mat& m, double low, double high, cv::Mat& weight) {
    CV_Assert(m.type() == CV_32FC1 && low < high);
    cv::Mat ramped;
    m.convertTo(ramped, CV_32F, 1.0 / (high - low), -low / (high - low));
    cv::min(cv::max(ramped, 0.0), 1.0, weight);
}

void blend(const cv::Mat& x, const cv::Mat& restored, const cv::Mat& weight, cv::Mat& y) {
    requireSame(x, restored, CV_32FC3, "the restoration");
    requireSame(x, weight, CV_32FC1, "the weight");
    y.create(x.size(), CV_32FC3);
    for (int r = 0; r < x.rows; ++r) {
        const float* in = x.ptr<float>(r);
        const float* to = restored.ptr<float>(r);
        const float* w = weight.ptr<float>(r);
        float* out = y.ptr<float>(r);
        for (int i = 0; i < x.cols; ++i)
            for (int c = 0; c < 3; ++c) out[3 * i + c] = in[3 * i + c] + w[i] * (to[3 * i + c] - in[3 * i + c]);
    }
}

void unblend(const cv::Mat& x, const cv::Mat& color, const cv::Mat& alpha, const cv::Mat& weight, cv::Mat& y) {
    requireSame(x, color, CV_32FC3, "the marks' colour");
    requireSame(x, alpha, CV_32FC1, "the alpha");
    requireSame(x, weight, CV_32FC1, "the weight");
    y.create(x.size(), CV_32FC3);
    for (int r = 0; r < x.rows; ++r) {
        const float* in = x.ptr<float>(r);
        const float* c = color.ptr<float>(r);
        const float* a = alpha.ptr<float>(r);
        const float* w = weight.ptr<float>(r);
        float* out = y.ptr<float>(r);
        for (int i = 0; i < x.cols; ++i) {
            const float ai = std::min(w[i] * a[i], kMaxUnblendAlpha), keep = 1.f / (1.f - ai);
            for (int k = 0; k < 3; ++k) out[3 * i + k] = (in[3 * i + k] - ai * c[3 * i + k]) * keep;
        }
    }
}

}  // namespace aecv::filters
