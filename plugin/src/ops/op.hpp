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

#include "ops/chain_step.hpp"
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
    // A chainable op takes its inputs in whatever layout the previous steps left them and leaves
    // its output in the layout its own primitive prefers: consecutive ops exchange blocked
    // tensors and a reorder happens only where two primitives disagree.
    virtual bool chainable() const { return false; }
    // The step that runs this op on inputs of shapes `in` laid out as `src`. The caller owns it
    // (its output memory, its primitives), so an executor keeps steps for as many geometries as
    // it likes; the op keeps only what all steps share (its weights). `overwrite`: the step may
    // write its output over input 0, which nothing else reads (an Add then sums in place).
    // cv::Exception naming the op for one that cannot run in a chain.
    virtual std::unique_ptr<ChainStep> chainPrepare(const std::vector<Shape>& in,
                                                    const std::vector<dnnl::memory::desc>& src, bool overwrite);
    // True when the step's output is input 0 itself or a view of it: an activation works on it in
    // place (and wants `overwrite`), a Slice views it. Such an op cannot start an OpLayer chain
    // (that chain's input is cv::dnn's, not its own).
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
