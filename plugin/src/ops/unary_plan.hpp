// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// UnaryPrimitiveOp: a weightless one-input op whose forward and backward are one oneDNN
// primitive each (MaxPool: pooling, Upsample: resampling). The op describes its two primitives
// once (forwardDesc(), backwardDesc()); this class makes from them the plans for plain tensors
// per (input, phase), the chain steps, forward() and backward().
// UnaryPlan: those primitives on plain tensors, sharing oneDNN's workspace when there is one.
#pragma once

#include <map>
#include <unordered_map>
#include <utility>

#include "ops/dnnl_context.hpp"
#include "ops/op.hpp"

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

class UnaryPrimitiveOp : public Op {
public:
    void forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) override;
    void backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                  std::vector<cv::Mat>& dInputs) override;
    bool chainable() const override { return true; }
    std::unique_ptr<ChainStep> chainPrepare(const std::vector<Shape>& in, const std::vector<dnnl::memory::desc>& src,
                                            bool overwrite) override;

protected:
    // The forward primitive from `src` to `dst` (`dst` may be format_tag::any).
    virtual dnnl::primitive_desc forwardDesc(dnnl::prop_kind prop, const dnnl::memory::desc& src,
                                             const dnnl::memory::desc& dst) const = 0;
    // Its backward, with the forward as oneDNN's hint.
    virtual dnnl::primitive_desc backwardDesc(const dnnl::memory::desc& src, const dnnl::memory::desc& dst,
                                              const dnnl::primitive_desc& forward) const = 0;
    // True when backward needs state of the forward on the same input (a pooling's argmax).
    virtual bool backwardNeedsForward() const { return false; }

private:
    UnaryPlan& plan(const Shape& in, Phase phase);
    std::map<std::pair<Shape, Phase>, UnaryPlan> plans_;
};

}  // namespace aecv::ops
