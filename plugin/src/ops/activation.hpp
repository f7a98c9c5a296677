// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Activations: identity, ReLU, LeakyReLU, ELU, SELU, Sigmoid, Tanh.
//   Activation  what to apply (kind + alpha); appended to conv/dense as a oneDNN post-op
//   Eltwise     its forward and backward primitives over one memory layout
//   ActivationOp  the standalone op:  x (any shape) -> y (same shape)
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "ops/dnnl_context.hpp"
#include "ops/op.hpp"

namespace aecv::ops {

enum class ActivationKind { Identity, ReLU, LeakyReLU, ELU, SELU, Sigmoid, Tanh };

struct Activation {
    ActivationKind kind = ActivationKind::Identity;
    float alpha = 0.f;  // LeakyReLU negative slope, ELU alpha; unused otherwise

    // "identity", "relu", "leaky_relu", "elu", "selu", "sigmoid", "tanh" (cv::Exception otherwise).
    // alpha < 0 selects the usual default (0.01 for LeakyReLU, 1 for ELU).
    static Activation fromName(const std::string& name, float alpha = -1.f);
    const char* name() const;
    bool isIdentity() const { return kind == ActivationKind::Identity; }
    void appendTo(dnnl::post_ops& ops) const;
};

// SELU constants (Klambauer et al. 2017): selu(x) = lambda * elu(x, alpha).
constexpr float kSeluAlpha = 1.6732632423543772f;
constexpr float kSeluLambda = 1.0507009873554805f;

class Eltwise {
public:
    Eltwise(const Activation& act, const dnnl::memory::desc& layout, Phase phase);
    // dst = act(src); src and dst may be the same memory.
    void forward(dnnl::stream& s, const dnnl::memory& src, const dnnl::memory& dst);
    // dSrc = dDst * act'(src); dSrc may alias dDst.  Training phase only.
    void backward(dnnl::stream& s, const dnnl::memory& src, const dnnl::memory& dDst, const dnnl::memory& dSrc);

private:
    bool selu_;
    dnnl::eltwise_forward fwd_;
    std::optional<dnnl::eltwise_forward> scale_;  // SELU's lambda, forward and backward
    std::optional<dnnl::eltwise_backward> bwd_;
};

class ActivationOp final : public Op {
public:
    explicit ActivationOp(Activation act) : act_(act) {}
    const char* type() const override { return "Activation"; }
    const Activation& activation() const { return act_; }
    Shape outputShape(const std::vector<Shape>& inputs) const override;
    void forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) override;
    void backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                  std::vector<cv::Mat>& dInputs) override;

    // In a chain the activation runs in place on the previous op's output.
    bool chainable() const override { return true; }
    bool chainsInPlace() const override { return true; }
    std::unique_ptr<ChainStep> chainPrepare(const std::vector<Shape>& in, const std::vector<dnnl::memory::desc>& src,
                                            bool overwrite) override;

private:
    struct Plan {
        Eltwise eltwise;
        dnnl::memory src, dst, dDst;  // plain; data handles set per call
    };
    Plan& plan(const Shape& s, Phase phase);
    Activation act_;
    std::map<std::pair<Shape, Phase>, Plan> plans_;
};

}  // namespace aecv::ops
