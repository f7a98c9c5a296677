// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Op: one layer's computation, forward and backward, on float NCHW/NC tensors.
//
// Contract (every op):
//   forward(inputs, output, phase)      output = f(inputs); in Phase::Training the op keeps what
//                                       its backward needs (pre-activations, masks, noise).
//   backward(inputs, output, dOutput, dInputs)
//                                       given the tensors of the most recent forward and
//                                       dL/doutput, writes dL/dinputs (skipped when dInputs is
//                                       passed empty) and ADDS dL/dparams to each Param::grad.
//                                       The trainer zeroes gradients; ops never do.
// Primitive descriptors are built once per (input shapes, phase) and cached.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ops/dnnl_context.hpp"
#include "ops/tensor.hpp"

namespace aecv::ops {

enum class Phase { Inference, Training };

struct Param {
    std::string name;  // "weight", "bias": the key checkpoints and model files use
    cv::Mat value;     // may be rebound to a view into the trainer's parameter arena
    cv::Mat grad;      // same shape as value
};

class Op {
public:
    Op() = default;
    Op(const Op&) = delete;
    Op& operator=(const Op&) = delete;
    virtual ~Op() = default;

    virtual const char* type() const = 0;
    virtual int inputCount() const { return 1; }
    // Validates the input shapes (cv::Exception naming the mismatch) and returns the output shape.
    virtual Shape outputShape(const std::vector<Shape>& inputs) const = 0;

    virtual void forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) = 0;
    virtual void backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output,
                          const cv::Mat& dOutput, std::vector<cv::Mat>& dInputs) = 0;

    virtual std::vector<Param*> params() { return {}; }
    // Call after changing Param::value outside an optimizer step in inference: weights the op
    // keeps in a primitive's preferred layout are prepared again on the next forward.
    virtual void weightsChanged() {}
    // Throws cv::Exception naming the op, the parameter and the index of a NaN or Inf.
    void checkFinite();

    // --- oneDNN chains (inference) ---------------------------------------------------------
    // A chainable op takes its input in whatever layout the previous op of the chain left it
    // and leaves its output in the layout its own primitive prefers: consecutive ops exchange
    // blocked tensors and a reorder happens only where two primitives disagree.
    virtual bool chainable() const { return false; }
    // Prepares for an input of shape `in` laid out as `src`; returns the output's layout.
    virtual dnnl::memory::desc chainPrepare(const Shape& in, const dnnl::memory::desc& src);
    // Runs on `src` (laid out as prepared); the result is memory the op owns, or `src` itself
    // when the op works in place (then it may not start a chain: its input is not its own).
    virtual dnnl::memory chainForward(dnnl::stream& s, const dnnl::memory& src);
    virtual bool chainsInPlace() const { return false; }

protected:
    // Checks the count and each tensor of `inputs`, returns their shapes.
    std::vector<Shape> inputShapes(const std::vector<cv::Mat>& inputs) const;
    // Checks dOutput matches the shape the forward produced.
    void requireGradShape(const cv::Mat& dOutput, const cv::Mat& output) const;
};

// Param with a value of shape `s` and a zeroed gradient.
Param makeParam(std::string name, const Shape& s);

}  // namespace aecv::ops
