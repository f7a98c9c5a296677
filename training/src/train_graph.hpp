// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// TrainGraph: a Model's nodes as ops (built by the same factory cv::dnn's layers use), run
// forward and backward from loss gradients over tensors wired by index as ops::Sequence wires
// them (model::Wiring: tensor 0 the input, node i writes tensor i + 1); names only at the edges
// (tensor(), the seeds of backward()). Weights start as copies of the
// model's; snapshot() gives the model back with the current weights.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <opencv2/dnn.hpp>

#include "model/graph.hpp"
#include "model/model.hpp"
#include "ops/op.hpp"

namespace aecv::train {

class TrainGraph {
public:
    // `tied`: pairs (decoder node, encoder node) of Dense layers whose weights are one parameter,
    // the decoder using the encoder's matrix transposed.
    explicit TrainGraph(const model::Model& m, const std::vector<std::pair<std::string, std::string>>& tied = {});

    // The decoder weights that are not parameters of their own ("dec1.weight"), for ParamArena.
    std::vector<std::string> tiedWeights() const;

    // The ops that have parameters, named by node (for ParamArena).
    std::vector<std::pair<std::string, ops::Op*>> parameterised();
    // The ops whose randomness goes into checkpoints (Sampling), in node order.
    std::vector<cv::RNG*> generators();

    void forward(const cv::Mat& input, ops::Phase phase);
    // After the optimizer changed the weights: inference plans prepare them again.
    void weightsChanged();
    const cv::Mat& tensor(const std::string& name) const;

    // Backpropagates from dL/d(tensor) for the given tensors; parameter gradients accumulate.
    // The graph input gets no gradient.
    // `done`, if given, is called with each node's name once its backward has run: from there on
    // its parameters' gradients, and those of every later node, are final (the data-parallel
    // trainer starts summing them over the ranks while the earlier nodes still compute). Not for
    // tied weights, whose gradients are completed at the very end.
    void backward(const std::map<std::string, cv::Mat>& seeds,
                  const std::function<void(const std::string& node)>& done = {});

    // The model with the current weights (deep copies).
    model::Model snapshot() const;

private:
    model::Model model_;
    model::Wiring wiring_;
    std::vector<std::unique_ptr<ops::Op>> owned_;
    std::vector<ops::Op*> ops_;
    std::vector<cv::Mat> tensors_;                 // by index; node i writes tensors_[i + 1]
    std::vector<std::vector<cv::Mat>> dInputs_;    // per node, reused every step
    std::vector<cv::Mat> grads_;                   // dL/d(tensor) by index; empty: none reaches a loss
    std::vector<std::pair<ops::Param*, ops::Param*>> tied_;  // (decoder weight, encoder weight)
    std::vector<std::string> tiedNames_;
};

}  // namespace aecv::train
