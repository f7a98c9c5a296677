// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// UnaryPlan: the primitives of a weightless one-input op (pooling, resampling) on plain tensors:
// its forward and, for training, its backward, sharing oneDNN's workspace when there is one.
#pragma once

#include <unordered_map>

#include "ops/dnnl_context.hpp"

namespace aecv::ops {

class UnaryPlan {
public:
    // `backward` is empty for an inference plan.
    UnaryPlan(const dnnl::primitive_desc& forward, const dnnl::primitive_desc& backward);
    void forward(const cv::Mat& x, cv::Mat& y);      // y already has the output shape
    void backward(const cv::Mat& dy, cv::Mat& dx);   // dx already has the input shape

private:
    dnnl::primitive fwd_, bwd_;
    dnnl::memory src_, dst_, dDst_, dSrc_, workspace_;
    std::unordered_map<int, dnnl::memory> fwdArgs_, bwdArgs_;
};

}  // namespace aecv::ops
