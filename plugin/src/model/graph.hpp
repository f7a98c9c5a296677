// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// A Model's nodes as ops: the one path from stored attributes to configured ops (makeOp()), used
// by cv::dnn (through OpenCV's importer) and by aecv's own executors alike.
#pragma once

#include <memory>

#include <opencv2/dnn.hpp>

#include "model/model.hpp"
#include "ops/op.hpp"

namespace aecv::model {

// The LayerParams OpenCV's ONNX importer builds for this node.
cv::dnn::LayerParams toLayerParams(const Node& n);
// The node's op, configured, weights bound to the node's (no copy); cv::Exception naming the node.
std::unique_ptr<ops::Op> createOp(const Node& n);
// The shape of every tensor of the model for an input of shape `input`.
std::map<std::string, ops::Shape> inferShapes(const Model& m, const ops::Shape& input);
// The stored input shape with unknown sizes filled in (batch 1, spatial 64).
ops::Shape concreteInputShape(const Model& m);
// Unique node names, every input produced before use, outputs that exist, every node loadable
// with consistent shapes. `where` (a file name) starts each message.
void validate(const Model& m, const std::string& where);

}  // namespace aecv::model
