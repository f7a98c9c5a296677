// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Slice (channels):  x [N, C, ...] -> y [N, end - start, ...] = x[:, start:end]
//                    dx[:, start:end] = dy, 0 in the other channels.
// A filter model reads its image out of an input that also carries a noise-level map this way.
// In a oneDNN chain the output is a view of the input (a sub-memory), unless the input is in a
// blocked layout the channel range does not align with: then it is reordered to plain first.
#pragma once

#include "ops/op.hpp"

namespace aecv::ops {

struct SliceConfig {
    int start = 0, end = 1;  // channels [start, end)
};

class Slice final : public Op {
public:
    explicit Slice(const SliceConfig& cfg);
    const char* type() const override { return "Slice"; }
    const SliceConfig& config() const { return cfg_; }
    Shape outputShape(const std::vector<Shape>& inputs) const override;
    void forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) override;
    void backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                  std::vector<cv::Mat>& dInputs) override;

    bool chainable() const override { return true; }
    std::unique_ptr<ChainStep> chainPrepare(const std::vector<Shape>& in, const std::vector<dnnl::memory::desc>& src,
                                            bool overwrite) override;
    bool chainsInPlace() const override { return true; }

private:
    SliceConfig cfg_;
};

}  // namespace aecv::ops
