// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/tensor.hpp"

#include <cmath>
#include <limits>
#include <numeric>

namespace aecv::ops {

Shape shapeOf(const cv::Mat& m) { return Shape(m.size.p, m.size.p + m.dims); }

std::string toString(const Shape& s) {
    std::string out = "[";
    for (size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
    return out + "]";
}

size_t elementCount(const Shape& s) {
    return std::accumulate(s.begin(), s.end(), size_t{1},
                           [](size_t a, int d) { return a * static_cast<size_t>(d); });
}

int checkedDim(int64_t value, const char* op, const char* what) {
    if (value < 1 || value > std::numeric_limits<int>::max())
        CV_Error(cv::Error::StsBadSize, cv::format("%s %s would be %lld; expected 1..%d", op, what,
                 static_cast<long long>(value), std::numeric_limits<int>::max()));
    return static_cast<int>(value);
}

void requireSizeable(const Shape& s, const std::string& what) {
    int64_t count = 1;
    for (int d : s) {
        if (d < 1)
            CV_Error(cv::Error::StsBadSize, cv::format("%s has shape %s; expected sizes >= 1", what.c_str(),
                     toString(s).c_str()));
        count *= d;
        if (count > std::numeric_limits<int>::max())
            CV_Error(cv::Error::StsBadSize, cv::format("%s has shape %s: more than %d elements", what.c_str(),
                     toString(s).c_str(), std::numeric_limits<int>::max()));
    }
}

cv::Mat makeTensor(const Shape& s) { return cv::Mat(static_cast<int>(s.size()), s.data(), CV_32F); }

void ensureTensor(cv::Mat& m, const Shape& s) {
    if (m.type() == CV_32F && m.isContinuous() && shapeOf(m) == s) return;
    m.create(static_cast<int>(s.size()), s.data(), CV_32F);
}

cv::Mat sampleRange(const cv::Mat& m, int first, int count) {
    CV_Assert(m.dims >= 2 && 0 <= first && 0 <= count && first + count <= m.size[0]);
    std::vector<cv::Range> ranges(static_cast<size_t>(m.dims), cv::Range::all());
    ranges[0] = cv::Range(first, first + count);
    return m(ranges.data());
}

void requireTensor(const cv::Mat& m, const char* what) {
    if (m.empty())
        CV_Error(cv::Error::StsBadArg, cv::format("%s is empty; expected a non-empty float tensor", what));
    if (m.depth() != CV_32F || m.channels() != 1)
        CV_Error(cv::Error::StsUnsupportedFormat,
                 cv::format("%s has type %s; expected CV_32FC1", what, cv::typeToString(m.type()).c_str()));
    if (m.dims != 2 && m.dims != 4)
        CV_Error(cv::Error::StsBadSize,
                 cv::format("%s has rank %d; expected 2 (NC) or 4 (NCHW)", what, m.dims));
    if (!m.isContinuous())
        CV_Error(cv::Error::StsBadArg, cv::format("%s is not continuous; expected a dense tensor", what));
}

void requireShape(const cv::Mat& m, const Shape& expected, const char* what) {
    requireTensor(m, what);
    if (shapeOf(m) != expected)
        CV_Error(cv::Error::StsUnmatchedSizes, cv::format("%s has shape %s; expected %s", what,
                 toString(shapeOf(m)).c_str(), toString(expected).c_str()));
}

void requireFinite(const cv::Mat& m, const std::string& what) {
    CV_Assert(m.depth() == CV_32F && m.isContinuous());
    const float* p = m.ptr<float>();
    const size_t n = m.total() * static_cast<size_t>(m.channels());
    for (size_t i = 0; i < n; ++i) {
        if (!std::isfinite(p[i]))
            CV_Error(cv::Error::StsBadArg, cv::format("%s has a non-finite value (%f) at index %zu; expected "
                     "finite numbers", what.c_str(), static_cast<double>(p[i]), i));
    }
}

}  // namespace aecv::ops
