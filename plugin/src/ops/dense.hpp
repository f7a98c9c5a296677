// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Dense (inner product; ONNX Gemm with transB = 1):
//   x [N, IC]  W [OC, IC]  b [OC]  ->  y [N, OC],  y = x W^T + b
// Inference runs WeightedOp's inner-product plan (weights reordered once, activation fused).
// Training runs three matmuls on the plain weights, which the optimizer changes every step:
//   forward  z = x W^T + b           (W read transposed in place, no copy)
//   backward dW += dz^T x            (accumulated straight into W's gradient: a sum post-op)
//            db += column sums of dz
//            dx  = dz W
#pragma once

#include <map>
#include <memory>

#include "ops/weighted_op.hpp"

namespace aecv::ops {

struct DenseConfig {
    int inFeatures = 0, outFeatures = 0;
    bool bias = true;
    Activation activation;
};

class Dense final : public WeightedOp {
public:
    explicit Dense(const DenseConfig& cfg);
    ~Dense() override;
    const char* type() const override { return "Dense"; }
    const DenseConfig& config() const { return cfg_; }
    Shape outputShape(const std::vector<Shape>& inputs) const override;
    void forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) override;
    void backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                  std::vector<cv::Mat>& dInputs) override;

private:
    struct TrainPlan;
    TrainPlan& trainPlan(int rows);
    Descs makeDescs(const Shape& in, const Shape& out, Phase phase, const dnnl::primitive_attr& attr,
                    dnnl::memory::data_type type) const override;
    dnnl::memory::desc userWeightsDesc() const override;
    DenseConfig cfg_;
    std::map<int, std::unique_ptr<TrainPlan>> trainPlans_;  // by batch size
};

}  // namespace aecv::ops
