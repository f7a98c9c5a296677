// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// WeightedOp: what Conv2D, ConvTranspose2D and Dense share. Each builds its three oneDNN
// primitive descriptors for an input shape; this class runs them:
//   forward   y = act(op(x, W) + b)           activation fused as a post-op at inference
//   backward  dz = dy * act'(z); dx = op_bwd_data(dz, W); dW += op_bwd_weights(x, dz); db += sum(dz)
// User tensors are plain (NCHW / NC / the ONNX weight layout); primitives get the layouts they
// prefer through Bridges, and weights are reordered once per inference plan.
#pragma once

#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "ops/activation.hpp"
#include "ops/bridge.hpp"
#include "ops/op.hpp"

namespace aecv::ops {

class WeightedOp : public Op {
public:
    ~WeightedOp() override;
    std::vector<Param*> params() override;
    void weightsChanged() override;
    void forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) override;
    void backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                  std::vector<cv::Mat>& dInputs) override;

    bool chainable() const override { return true; }
    std::unique_ptr<ChainStep> chainPrepare(const std::vector<Shape>& in, const std::vector<dnnl::memory::desc>& src,
                                            bool overwrite) override;
    // Counts weightsChanged() calls: a step prepared its weights for one count.
    uint64_t weightsVersion() const { return weightsVersion_; }

    const Activation& activation() const { return act_; }
    Param& weight() { return weight_; }
    Param& bias() { return bias_; }
    bool hasBias() const { return hasBias_; }

protected:
    struct Descs {
        dnnl::primitive_desc forward;
        dnnl::primitive_desc backwardData;     // empty in inference
        dnnl::primitive_desc backwardWeights;  // empty in inference
    };

    WeightedOp(const Shape& weightShape, int outChannels, bool hasBias, Activation act);

    // The op's descriptors for one input shape, with `attr` (post-ops) on the forward one.
    // `type`: the data type of src, weights and dst (f32, or bf16 at inference).
    virtual Descs makeDescs(const Shape& in, const Shape& out, Phase phase, const dnnl::primitive_attr& attr,
                            dnnl::memory::data_type type) const = 0;
    // How oneDNN sees weight.value: its dims and plain format tag (e.g. goihw, iohw).
    virtual dnnl::memory::desc userWeightsDesc() const = 0;
    // False where oneDNN's fused eltwise post-op path is slow (deconvolution in oneDNN 2.6).
    virtual bool fusesActivation() const { return true; }

    dnnl::memory::desc biasDesc() const;  // {outChannels}, plain
    const Activation& act() const { return act_; }

private:
    struct Plan;
    class Step;
    using Key = std::tuple<Shape, Phase, dnnl::memory::data_type>;  // input shape, phase, type
    // A plan for this input. Plain NCHW/NC tensors on both sides, or, with `chainSrc`, input
    // laid out as *chainSrc and output left in the primitive's layout, in memory the plan owns.
    std::unique_ptr<Plan> makePlan(const Shape& in, Phase phase, const dnnl::memory::desc* chainSrc) const;
    // The op's own plan for plain tensors (forward(), backward()), made once per key.
    Plan& plan(const Shape& in, Phase phase);
    void run(Plan& p, Phase phase, dnnl::stream& s);

    Param weight_, bias_;
    bool hasBias_;
    Activation act_;
    std::map<Key, std::unique_ptr<Plan>> plans_;
    uint64_t weightsVersion_ = 1;
};

// A chain step over one of aecv's own kernels for a WeightedOp (NarrowConv, SubPixelDeconv: each
// has outputDesc(), forgetWeights() and run(stream, src, weight, bias, out)): the kernel packs the
// op's weights on first use, and again after the op's weightsChanged().
template <class Kernel>
class KernelStep final : public ChainStep {
public:
    template <class... Args>
    explicit KernelStep(WeightedOp& op, Args&&... args)
        : op_(op), kernel_(std::forward<Args>(args)...), version_(op.weightsVersion()) {}
    dnnl::memory::desc output() const override { return kernel_.outputDesc(); }
    dnnl::memory run(dnnl::stream& s, const dnnl::memory& a, const dnnl::memory&) override {
        if (version_ != op_.weightsVersion()) {
            kernel_.forgetWeights();
            version_ = op_.weightsVersion();
        }
        return kernel_.run(s, a, op_.weight().value, op_.bias().value, nullptr);
    }

private:
    WeightedOp& op_;
    Kernel kernel_;
    uint64_t version_;
};

}  // namespace aecv::ops
