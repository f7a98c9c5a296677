// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The one way from a node to its op: LayerParams (type "aecv.<Op>", the node's attributes, its
// weights as blobs) -> ops::Op. cv::dnn's layers (OpLayer), the image filters' GraphRunner and
// the trainer's TrainGraph all build their ops here.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <opencv2/dnn.hpp>

#include "ops/op.hpp"

namespace aecv::layers {

// The op for `params` (type "aecv.Conv", ...), weights bound to its blobs without a copy.
// cv::Exception naming the node first ("aecv.Conv node 'enc1': <what went wrong>"), also for an
// unknown type.
std::unique_ptr<ops::Op> makeOp(const cv::dnn::LayerParams& params);

// Whether the op of `type` may write its output over its input (activations, reshapes).
bool runsInPlace(const std::string& type);

// Every type makeOp() knows, as cv::dnn names it ("aecv.Conv", ...).
std::vector<std::string> opTypes();

// The op's output shape for `inputs`, checked (input count, a size that fits in memory), with
// cv::Exception naming the node first like makeOp().
ops::Shape checkedOutputShape(const ops::Op& op, const std::string& type, const std::string& name,
                              const std::vector<ops::Shape>& inputs);

}  // namespace aecv::layers
