// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Optimizers over the flat parameter arena (w: values, g: gradients, n floats each).
// Formulas, per element, at step t = 1, 2, ...:
//   SGD      v = momentum v - lr g;  w += v                      (momentum 0: w -= lr g)
//   RMSProp  a = rho a + (1 - rho) g^2;  w -= lr g / (sqrt(a) + eps)
//   Adam     m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;
//            w -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
// The defaults are Keras': rho 0.9, b1 0.9, b2 0.999, eps 1e-7.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace aecv::train {

enum class OptimizerKind { SGD, RMSProp, Adam };

struct OptimizerConfig {
    OptimizerKind kind = OptimizerKind::Adam;
    float lr = 1e-3f;
    float momentum = 0.f;  // SGD
    float rho = 0.9f;      // RMSProp
    float beta1 = 0.9f, beta2 = 0.999f;  // Adam
    float eps = 1e-7f;

    // "sgd", "rmsprop" or "adam" (cv::Exception otherwise).
    static OptimizerKind kindFromName(const std::string& name);
};

class Optimizer {
public:
    // State for n parameters, all zero. Throws cv::Exception for a non-positive or non-finite
    // learning rate and hyper-parameters outside [0, 1).
    Optimizer(const OptimizerConfig& cfg, size_t n);

    void step(float* w, const float* g);

    const OptimizerConfig& config() const { return cfg_; }
    void setLearningRate(float lr);
    int64_t steps() const { return t_; }
    // Moments (SGD: velocity; RMSProp: mean square; Adam: m then v), for checkpoints.
    std::vector<std::vector<float>>& state() { return state_; }
    void setSteps(int64_t t) { t_ = t; }

private:
    OptimizerConfig cfg_;
    size_t n_;
    int64_t t_ = 0;
    std::vector<std::vector<float>> state_;
};

}  // namespace aecv::train
