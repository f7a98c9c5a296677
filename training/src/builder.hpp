// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Building model graphs node by node with initialised weights (Glorot-uniform kernels as Keras
// does by default, zero biases), from one seeded generator so the same seed gives the same model.
#pragma once

#include <cstdint>
#include <string>

#include "model/model.hpp"

namespace aecv::train {

class ModelBuilder {
public:
    ModelBuilder(model::Model& m, uint64_t seed) : model_(m), rng_(seed) {}

    // Each appends a node reading `in` and returns the name of its output tensor (= node name).
    std::string dense(const std::string& name, const std::string& in, int inF, int outF, const std::string& act);
    std::string conv(const std::string& name, const std::string& in, int inC, int outC, int k, int stride,
                     const std::string& padding, const std::string& act);  // padding: "same" | "valid"
    std::string deconv(const std::string& name, const std::string& in, int inC, int outC, int k, int stride,
                       const std::string& padding, const std::string& act);
    // PyTorch-style symmetric padding of `pad` pixels on every side.
    std::string conv(const std::string& name, const std::string& in, int inC, int outC, int k, int stride, int pad,
                     const std::string& act);
    std::string deconv(const std::string& name, const std::string& in, int inC, int outC, int k, int stride, int pad,
                       const std::string& act);
    std::string maxPool(const std::string& name, const std::string& in);
    std::string reshape(const std::string& name, const std::string& in, std::vector<int64_t> shape);
    std::string add(const std::string& name, const std::string& a, const std::string& b);
    std::string slice(const std::string& name, const std::string& in, int start, int end);  // channels [start, end)
    std::string activation(const std::string& name, const std::string& in, const std::string& act);
    std::string sampling(const std::string& name, const std::string& mean, const std::string& logVar, int64_t seed);
    model::Model& model() { return model_; }  // the model built so far (to set a node's weights)

private:
    cv::Mat glorot(const ops::Shape& shape, int fanIn, int fanOut);
    model::Model& model_;
    cv::RNG rng_;
};

}  // namespace aecv::train
