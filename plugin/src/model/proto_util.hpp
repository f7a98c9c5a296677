// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Small helpers over libonnx's protobuf classes, shared by the aecv writer and the standard export.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

#include "model/model.hpp"

namespace aecv::model {

// A ModelProto with producer, opset imports (ai.onnx 13, plus `customDomain` when not empty) and metadata.
onnx::ModelProto newModelProto(const Model& m, const std::string& customDomain);
void setAttr(onnx::NodeProto& node, const std::string& key, const Attr& value);
void addInitializer(onnx::GraphProto& graph, const std::string& name, const cv::Mat& tensor,
                    const ops::Shape& shape);
// Graph input with the model's input shape; graph outputs with their inferred shapes, the main
// output (m.outputs[0]) last so that cv::dnn::Net::forward() returns it. Validates the model first.
void addGraphInputOutputs(onnx::GraphProto& graph, const Model& m);
// The element count of a FLOAT or INT64 initializer, checked against the data it really holds
// before anything is allocated: cv::Exception (naming `where` and the tensor) for negative or
// overflowing dimensions, or a byte or value count that does not match them.
size_t checkedElementCount(const onnx::TensorProto& t, const std::string& where);

// The whole file: cv::Exception naming it when it cannot be opened or read.
std::string readFileBytes(const std::string& path, const char* what = "model file");
// Parses ONNX bytes: cv::Exception naming `name` (a file) when they are not a valid ModelProto.
onnx::ModelProto parseModelProto(const std::string& bytes, const std::string& name);
// Graph outputs list the main output last (see addGraphInputOutputs); Model::outputs lists it first.
void mainOutputFirst(std::vector<std::string>& graphOutputs);
// The standard export's metadata key for a VAE's Sampling node, followed by the node's name.
inline const std::string kSamplingKey = "aecv_sampling:";

// Runs onnx::checker::check_model (cv::Exception naming `path` on failure) and serializes.
std::string checkedBytes(const onnx::ModelProto& proto, const std::string& path);
// checkedBytes, then writes `path` atomically.
void checkAndWrite(const onnx::ModelProto& proto, const std::string& path);

}  // namespace aecv::model
