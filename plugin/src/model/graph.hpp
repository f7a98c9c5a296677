// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// A Model's nodes as aecv layers: the one path from stored attributes to configured ops, used by
// cv::dnn (through OpenCV's importer) and by aecv's own tools alike.
#pragma once

#include <opencv2/dnn.hpp>

#include "model/model.hpp"

namespace aecv::model {

// The LayerParams OpenCV's ONNX importer builds for this node.
cv::dnn::LayerParams toLayerParams(const Node& n);
// The node's layer, op configured and weights bound; cv::Exception naming the node.
cv::Ptr<cv::dnn::Layer> createLayer(const Node& n);
// The shape of every tensor of the model for an input of shape `input`.
std::map<std::string, ops::Shape> inferShapes(const Model& m, const ops::Shape& input);
// The stored input shape with unknown sizes filled in (batch 1, spatial 64).
ops::Shape concreteInputShape(const Model& m);
// Unique node names, every input produced before use, outputs that exist, every node loadable
// with consistent shapes. `where` (a file name) starts each message.
void validate(const Model& m, const std::string& where);

}  // namespace aecv::model
