// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/reshape.hpp"

#include <algorithm>

namespace aecv::ops {

Reshape::Reshape(const ReshapeConfig& cfg) : cfg_(cfg) {
    const Shape& s = cfg_.shape;
    const long inferred = std::count(s.begin(), s.end(), -1);
    const bool valid = !s.empty() && (s.size() == 1 || s.size() == 3) && inferred <= 1 &&
                       std::all_of(s.begin(), s.end(), [](int d) { return d == -1 || d >= 1; });
    if (!valid)
        CV_Error(cv::Error::StsBadArg, cv::format("Reshape target %s is invalid; expected [C] or [C, H, W] "
                 "(batch excluded) with positive sizes and at most one -1", toString(s).c_str()));
}

Shape Reshape::outputShape(const std::vector<Shape>& inputs) const {
    CV_Assert(inputs.size() == 1);
    const Shape& in = inputs[0];
    const size_t perSample = elementCount(in) / static_cast<size_t>(in[0]);
    Shape out{in[0]};
    size_t known = 1;
    for (int d : cfg_.shape) {
        out.push_back(d);
        if (d > 0) known *= static_cast<size_t>(d);
    }
    auto hole = std::find(out.begin() + 1, out.end(), -1);
    if (hole != out.end() && perSample % known == 0) *hole = static_cast<int>(perSample / known);
    if (elementCount(out) != elementCount(in))
        CV_Error(cv::Error::StsUnmatchedSizes, cv::format("Reshape cannot turn %s into batch + %s",
                 toString(in).c_str(), toString(cfg_.shape).c_str()));
    return out;
}

void Reshape::forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase) {
    const Shape out = outputShape(inputShapes(inputs));
    output = inputs[0].reshape(1, static_cast<int>(out.size()), out.data());
}

void Reshape::backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                       std::vector<cv::Mat>& dInputs) {
    const Shape in = inputShapes(inputs)[0];
    requireGradShape(dOutput, output);
    if (dInputs.empty()) return;
    dInputs[0] = dOutput.reshape(1, static_cast<int>(in.size()), in.data());
}

}  // namespace aecv::ops
