// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/dropout.hpp"

namespace aecv::ops {

Dropout::Dropout(float rate, uint64_t seed) : rate_(rate), rng_(seed) {
    if (!(rate >= 0.f && rate < 1.f))
        CV_Error(cv::Error::StsOutOfRange, cv::format("Dropout rate is %g; expected 0 <= rate < 1",
                 static_cast<double>(rate)));
}

void Dropout::forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) {
    const Shape s = inputShapes(inputs)[0];
    if (phase == Phase::Inference || rate_ == 0.f) {
        output = inputs[0];
        return;
    }
    ensureTensor(mask_, s);
    rng_.fill(mask_, cv::RNG::UNIFORM, 0.0, 1.0);
    const float keep = 1.f / (1.f - rate_);
    float* m = mask_.ptr<float>();
    const size_t n = elementCount(s);
    for (size_t i = 0; i < n; ++i) m[i] = m[i] >= rate_ ? keep : 0.f;
    ensureTensor(output, s);
    cv::multiply(inputs[0], mask_, output);
}

void Dropout::backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                       std::vector<cv::Mat>& dInputs) {
    const Shape s = inputShapes(inputs)[0];
    requireGradShape(dOutput, output);
    if (dInputs.empty()) return;
    if (rate_ == 0.f) {
        dInputs[0] = dOutput;
        return;
    }
    if (shapeOf(mask_) != s)
        CV_Error(cv::Error::StsError, "Dropout backward: call forward(..., Phase::Training) on this input first");
    ensureTensor(dInputs[0], s);
    cv::multiply(dOutput, mask_, dInputs[0]);
}

}  // namespace aecv::ops
