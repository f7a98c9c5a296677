// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/sampling.hpp"

#include <cmath>

namespace aecv::ops {

Shape Sampling::outputShape(const std::vector<Shape>& inputs) const {
    CV_Assert(inputs.size() == 2);
    if (inputs[0] != inputs[1] || inputs[0].size() != 2)
        CV_Error(cv::Error::StsUnmatchedSizes, cv::format("Sampling mean %s and log-variance %s must both be "
                 "[N, D] of equal shape", toString(inputs[0]).c_str(), toString(inputs[1]).c_str()));
    return inputs[0];
}

void Sampling::forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) {
    const Shape s = outputShape(inputShapes(inputs));
    ensureTensor(output, s);
    if (phase == Phase::Inference) {
        inputs[0].copyTo(output);
        return;
    }
    ensureTensor(eps_, s);
    rng_.fill(eps_, cv::RNG::NORMAL, 0.0, 1.0);
    const float* mu = inputs[0].ptr<float>();
    const float* logvar = inputs[1].ptr<float>();
    const float* eps = eps_.ptr<float>();
    float* z = output.ptr<float>();
    const size_t n = elementCount(s);
    for (size_t i = 0; i < n; ++i) z[i] = mu[i] + std::exp(0.5f * logvar[i]) * eps[i];
}

void Sampling::backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                        std::vector<cv::Mat>& dInputs) {
    const Shape s = outputShape(inputShapes(inputs));
    requireGradShape(dOutput, output);
    if (dInputs.empty()) return;
    if (shapeOf(eps_) != s)
        CV_Error(cv::Error::StsError, "Sampling backward: call forward(..., Phase::Training) on these inputs first");
    CV_Assert(dInputs.size() == 2);
    dOutput.copyTo(dInputs[0]);
    ensureTensor(dInputs[1], s);
    const float* logvar = inputs[1].ptr<float>();
    const float* eps = eps_.ptr<float>();
    const float* dz = dOutput.ptr<float>();
    float* dLogvar = dInputs[1].ptr<float>();
    const size_t n = elementCount(s);
    for (size_t i = 0; i < n; ++i) dLogvar[i] = 0.5f * dz[i] * eps[i] * std::exp(0.5f * logvar[i]);
}

}  // namespace aecv::ops
